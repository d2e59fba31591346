// @vitest-environment happy-dom
/** The options page component against an in-memory OptionsApi: what the user sees and what gets saved. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, SWITCHABLE_SITES, type LensSettings } from '../../src/settings/settings';
import type { ImportPhase, OptionsApi } from '../../src/ui/options/api';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import { ImportError } from '../../src/user-records/import-file';
import type { UserSource } from '../../src/user-records/store';
import { useLocale } from '../helpers/i18n-setup';

afterEach(cleanup);

const source = (over: Partial<UserSource>): UserSource => ({
  id: 'a',
  name: 'a.jsonl',
  format: 'jsonl',
  importedAt: Date.UTC(2026, 10, 25),
  bytes: 10,
  paperCount: 1,
  authorRows: [],
  repairs: [],
  repairCount: 0,
  problems: [],
  problemCount: 0,
  ...over,
});

/** An OptionsApi in memory; `gate` holds each import until released, to look at the progress bar. */
function memoryApi(initial: Partial<LensSettings> = {}) {
  let settings = parseSettings({ ...DEFAULT_SETTINGS, ...initial });
  const sources: UserSource[] = [];
  const saved: Partial<LensSettings>[] = [];
  let release: () => void = () => undefined;
  const api: OptionsApi = {
    readSettings: async () => settings,
    saveSettings: async (change) => {
      saved.push(change);
      settings = parseSettings({ ...settings, ...change });
      return settings;
    },
    watchSettings: () => () => undefined,
    listSources: async () => [...sources],
    importFile: async (file, onProgress: (phase: ImportPhase, share: number) => void) => {
      onProgress('saving', 0.5);
      await new Promise<void>((resume) => (release = resume));
      if (file.name.startsWith('bad')) throw new ImportError([`${file.name}:7: title: missing`]);
      const added = source({ id: file.name, name: file.name, paperCount: 1234, repairCount: 1, repairs: [`repaired mojibake: ${file.name}:2: authors: "RodolĂ " → "Rodolà"`] });
      sources.push(added);
      return added;
    },
    removeSource: async (id) => void sources.splice(sources.findIndex((s) => s.id === id), 1),
  };
  return { api, saved, release: () => release() };
}

describe('options page', () => {
  it('lists every venue site with a switch; switching one off saves it', async () => {
    const { api, saved } = memoryApi({ disabledSites: ['dblp'] });
    render(<OptionsApp api={api} />);
    const arxiv = (await screen.findByLabelText('arXiv')) as HTMLInputElement;
    expect(arxiv.checked).toBe(true);
    expect((screen.getByLabelText('dblp') as HTMLInputElement).checked).toBe(false);
    expect(screen.getAllByRole('checkbox')).toHaveLength(SWITCHABLE_SITES.length);
    fireEvent.click(arxiv);
    await waitFor(() => expect(saved).toEqual([{ disabledSites: ['dblp', 'arxiv'] }]));
    await waitFor(() => expect((screen.getByLabelText('arXiv') as HTMLInputElement).checked).toBe(false));
  });

  it('names the sites in the UI language', async () => {
    useLocale('de');
    try {
      render(<OptionsApp api={memoryApi().api} />);
      expect(await screen.findByLabelText('Konferenz-Websites von NeurIPS / ICLR / ICML')).toBeTruthy();
      expect(screen.getByLabelText('Google Scholar')).toBeTruthy();
    } finally {
      useLocale('en');
    }
  });

  it('badge style, preview delay and the badge and preview look are saved when chosen', async () => {
    const { api, saved } = memoryApi();
    render(<OptionsApp api={api} />);
    const slider = (await screen.findByRole('slider')) as HTMLInputElement;
    fireEvent.input(slider, { target: { value: '700' } });
    await waitFor(() => expect(document.querySelector('output')!.textContent).toBe('700 ms'));
    fireEvent.change(slider, { target: { value: '700' } });
    fireEvent.click(screen.getByLabelText(/^With author count/));
    expect((screen.getByLabelText('Like the page they sit on') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Always dark'));
    await waitFor(() => expect(saved).toEqual([{ previewDelayMs: 700 }, { badgeStyle: 'authors' }, { theme: 'dark' }]));
  });

  it('imports picked files one by one with a progress bar, lists them, refuses a bad one with its problems, removes one', async () => {
    const { api, release } = memoryApi();
    render(<OptionsApp api={api} />);
    await screen.findByText('No records imported yet.');
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const files = [new File(['x'], 'good.jsonl.gz'), new File(['y'], 'bad.bib')];
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    fireEvent.change(input);

    const progress = await screen.findByRole('progressbar', { name: 'Import progress' });
    // First of two files, in its saving phase (0.6 + 0.4 × 0.5 of the first half).
    expect(Number(progress.getAttribute('value'))).toBeCloseTo(0.4);
    expect(document.querySelector('.import-status')!.textContent).toContain('Importing good.jsonl.gz (1 of 2): saving');
    expect(input.disabled).toBe(true);
    release();
    await screen.findByText('good.jsonl.gz');
    await waitFor(() => expect(document.querySelector('.import-status')!.textContent).toContain('(2 of 2)'));
    release();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('bad.bib was not imported:');
    expect(within(alert).getByText('bad.bib:7: title: missing')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('1,234 papers from 1 file(s)')).toBeTruthy();
    expect(screen.getByText('1 text repair (mojibake)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Remove good.jsonl.gz' }));
    await screen.findByText('No records imported yet.');
  });

  it('shows record text as text: a hostile file name stays inert', async () => {
    const { api, release } = memoryApi();
    render(<OptionsApp api={api} />);
    await screen.findByText('No records imported yet.');
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], '<img src=x onerror=alert(1)>.json')], configurable: true });
    fireEvent.change(input);
    await screen.findByRole('progressbar');
    release();
    await screen.findByText('<img src=x onerror=alert(1)>.json');
    expect(document.querySelector('img')).toBeNull();
  });
});
