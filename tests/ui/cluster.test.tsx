// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterView, PaperView } from '../../src/messaging/protocol';
import { ClusterPageApp, PopupApp } from '../../src/ui/cluster/PopupApp';
import { useLocale } from '../helpers/i18n-setup';
import { seedApi } from '../helpers/seed-service';

beforeEach(() => {
  window.location.hash = '';
});
afterEach(() => {
  cleanup();
  useLocale('en');
  vi.restoreAllMocks();
});

const input = () => screen.getByRole('combobox', { name: 'Author name' });
const type = (text: string) => fireEvent.input(input(), { target: { value: text } });
const counts = () => [...document.querySelectorAll('.cluster-counts span')].map((s) => s.textContent);
const paperTitles = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);

/** Renders the popup and waits until it has read the tab and opened on a view. */
async function renderPopup(ui: preact.JSX.Element) {
  const result = render(ui);
  await screen.findByRole('tabpanel');
  return result;
}

/** Opens one paper's export menu; returns the paper's export row. */
function openExport(title: string): HTMLElement {
  const toggle = screen.getByRole('button', { name: `Export ${title}` });
  fireEvent.click(toggle);
  return toggle.closest('.paper-export')!;
}

async function lookUp(name: string) {
  type(name);
  fireEvent.keyDown(input(), { key: 'Enter' });
  return screen.findByRole('heading', { level: 2 });
}

describe('popup author lookup', () => {
  it('typing "lorenzo" offers Lorenzo Basile; choosing it shows 5 papers and 2 author rows, newest first', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    type('lorenzo');
    const option = await screen.findByRole('option', { name: /Lorenzo Basile/ });
    expect(option.textContent).toContain('5 papers');
    fireEvent.mouseDown(option);
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Lorenzo Basile');
    expect(counts()).toEqual(['5 papers', '2 author rows']);
    expect(screen.getByText(/not an identity\s+disambiguation profile/)).toBeTruthy();
    // All five are 2025: ties go by title.
    expect(paperTitles()).toEqual([
      'Emergent representations in networks trained with the Forward-Forward algorithm',
      'Head Pursuit: Probing Attention Specialization in Multimodal Transformers',
      'Intrinsic Dimension Correlation: uncovering nonlinear connections in multimodal representations',
      'ResiDual Transformer Alignment with Spectral Decomposition',
      'The Narrow Gate: Localized Image-Text Communication in Native Multimodal Models',
    ]);
    expect(window.location.hash).toBe('#name=Lorenzo%20Basile');
  });

  it('shows venue, year, type, authors in order and a collapsed abstract that expands', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    await lookUp('Lorenzo Basile');
    const residual = screen.getByRole('heading', { name: /^ResiDual/ }).closest('li')!;
    expect(within(residual).getByText('TMLR · 2025 · Journal Article')).toBeTruthy();
    const authors = within(within(residual).getByRole('list', { name: 'Authors' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(authors).toEqual(['Lorenzo Basile', 'Valentino Maiorca', 'Luca Bortolussi', 'Emanuele Rodolà', 'Francesco Locatello']);
    const toggle = within(residual).getByRole('button', { name: 'Show abstract' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(within(residual).getByRole('button', { name: 'Hide abstract' }).getAttribute('aria-expanded')).toBe('true');
    expect(residual.querySelector('.paper-abstract:not(.collapsed)')?.textContent).toMatch(/^When examined through the lens/);
  });

  it.each(['LORENZO BASILE', 'lorenzo basile', 'Lorenzo  Basile'])('%j gives the same cluster', async (name) => {
    await renderPopup(<PopupApp api={seedApi()} />);
    expect((await lookUp(name)).textContent).toBe('Lorenzo Basile');
    expect(counts()).toEqual(['5 papers', '2 author rows']);
  });

  it('"rodola" offers Emanuele Rodolà; arrow keys and Enter choose it', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    type('rodola');
    await screen.findByRole('option', { name: /Emanuele Rodolà/ });
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Emanuele Rodolà');
    expect(counts()).toEqual(['1 paper', 'author rows not stated by the records']);
  });

  /** "rodol" typed and answered, then "rodola", whose answer never comes: the list still shows the one for "rodol". */
  async function staleSuggestions() {
    const seed = seedApi();
    await renderPopup(<PopupApp api={{ ...seed, suggest: (query) => (query === 'rodola' ? new Promise(() => {}) : seed.suggest(query)) }} />);
    type('rodol');
    await screen.findByRole('option', { name: /Emanuele Rodolà/ });
    type('rodola');
  }

  it('Enter takes the suggestion the arrows highlighted, even while a later keystroke is still being answered', async () => {
    await staleSuggestions();
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Emanuele Rodolà');
  });

  it('Enter alone never takes a stale suggestion: it looks up what was typed', async () => {
    await staleSuggestions();
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No paper in the records lists the author name “rodola”.'));
  });

  it('Alberto Cazzaniga shows 3 papers; a co-author link shows their cluster; back returns', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    await lookUp('Alberto Cazzaniga');
    expect(counts()[0]).toBe('3 papers');
    const link = screen.getAllByRole('link', { name: 'Diego Doimo' })[0]!;
    expect(link.getAttribute('href')).toBe('#name=Diego%20Doimo');
    window.location.hash = link.getAttribute('href')!;
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Diego Doimo'));
    expect(counts()[0]).toBe('2 papers');
    window.location.hash = '#name=Alberto%20Cazzaniga';
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Alberto Cazzaniga'));
  });

  it('a name not in the records gets a helpful empty state, not an error', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    type('Geoffrey Hinton');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No paper in the records lists the author name “Geoffrey Hinton”.'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a failing background is an error state that says what to do', async () => {
    await renderPopup(<PopupApp api={seedApi({ cluster: () => Promise.reject(new Error('index file missing')) })} />);
    type('Lorenzo Basile');
    fireEvent.keyDown(input(), { key: 'Enter' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('index file missing');
    expect(alert.textContent).toContain('reopen');
  });

  it('record text renders as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const api = seedApi({
      cluster: async () => ({ name: hostile, authorRows: 1, declaredPapers: null, papers: [{ id: 'x', title: hostile, venue: 'V', venueKind: '', year: 2020, type: 'T', authors: [hostile], sources: ['user'], abstract: hostile }] }),
    });
    const { container } = await renderPopup(<PopupApp api={api} />);
    await lookUp('anything');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(hostile);
  });
});

describe('on this page', () => {
  it('lists the papers matched on the tab; choosing one reveals it', async () => {
    const revealed: string[] = [];
    const api = seedApi({
      pageMatches: async () => ({ kind: 'matches', matches: [{ id: 'p1', title: 'Head Pursuit', venue: 'NeurIPS', year: 2025 }] }),
      reveal: async (id) => void revealed.push(id),
    });
    await renderPopup(<PopupApp api={api} win={window} />);
    fireEvent.click(screen.getByRole('tab', { name: 'On this page' }));
    const item = await screen.findByRole('button', { name: /Head Pursuit/ });
    expect(item.textContent).toContain('NeurIPS · 2025');
    fireEvent.click(item);
    await waitFor(() => expect(revealed).toEqual(['p1']));
  });

  it('a page the lens does not run on offers to look for papers on request', async () => {
    let scanned = 0;
    let asked = 0;
    const api = seedApi({
      pageMatches: async () => {
        asked++;
        return scanned === 0 ? { kind: 'not-scanned' } : { kind: 'matches', matches: [{ id: 'p1', title: 'Head Pursuit', venue: 'NeurIPS', year: 2025 }] };
      },
      scanPage: async () => void scanned++,
    });
    await renderPopup(<PopupApp api={api} />);
    fireEvent.click(screen.getByRole('tab', { name: 'On this page' }));
    const scan = await screen.findByRole('button', { name: 'Look for papers on this page' });
    expect(asked).toBe(1);
    fireEvent.click(scan);
    // The scan answers once it is done, so the page is asked again straight away (a few
    // microtasks later), not after a guessed delay.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(scanned).toBe(1);
    expect(asked).toBe(2);
    expect(await screen.findByRole('button', { name: /Head Pursuit/ })).toBeTruthy();
  });
});

describe('options link', () => {
  it('the popup links to the options page when the extension has one', async () => {
    let opened = 0;
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    await renderPopup(<PopupApp api={seedApi({ openOptions: async () => void opened++ })} win={window} />);
    fireEvent.click(screen.getByRole('button', { name: 'Options' }));
    await waitFor(() => expect(opened).toBe(1));
    await waitFor(() => expect(close).toHaveBeenCalled()); // the popup gets out of the way
  });

  it('no link without an options page', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    expect(screen.queryByRole('button', { name: 'Options' })).toBeNull();
  });
});

describe('cluster page', () => {
  it('opens the cluster named in the hash (deep link)', async () => {
    window.location.hash = '#name=Lorenzo%20Basile';
    render(<ClusterPageApp api={seedApi()} />);
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Lorenzo Basile');
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(5);
  });
});

describe('per-paper export', () => {
  const residualTitle = 'ResiDual Transformer Alignment with Spectral Decomposition';

  function stubClipboard(fail = false) {
    const written: string[] = [];
    const writeText = async (text: string) => {
      if (fail) throw new DOMException('not allowed', 'NotAllowedError');
      written.push(text);
    };
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    return written;
  }

  it('every paper row has one export button, named after the paper, that opens four actions and closes on Escape', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    await lookUp('Lorenzo Basile');
    const toggles = screen.getAllByRole('button', { name: /^Export / });
    expect(toggles).toHaveLength(5);
    expect(new Set(toggles.map((b) => b.getAttribute('aria-label'))).size).toBe(5);
    // Closed, the actions are out of the Tab order and of the accessibility tree.
    expect(screen.queryAllByRole('button', { name: /^Copy BibTeX for / })).toHaveLength(0);
    const toggle = screen.getByRole('button', { name: `Export ${residualTitle}` });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    // The buttons say what they do visibly too (the accessible name contains the visible text).
    const actions = screen.getByRole('group', { name: `Export ${residualTitle}` });
    expect(toggle.getAttribute('aria-controls')).toBe(actions.id);
    expect(within(actions).getAllByRole('button').map((b) => [b.textContent, b.getAttribute('aria-label')])).toEqual([
      ['Copy BibTeX', `Copy BibTeX for ${residualTitle}`],
      ['Copy CSV', `Copy CSV for ${residualTitle}`],
      ['Download .bib', `Download .bib for ${residualTitle}`],
      ['Download .csv', `Download .csv for ${residualTitle}`],
    ]);
    within(actions).getAllByRole('button')[2]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it('copies one paper as BibTeX or CSV and says so in that row', async () => {
    const written = stubClipboard();
    await renderPopup(<PopupApp api={seedApi()} />);
    await lookUp('Lorenzo Basile');
    const row = openExport(residualTitle);
    fireEvent.click(screen.getByRole('button', { name: `Copy BibTeX for ${residualTitle}` }));
    // An action closes the menu and gives focus back to its button.
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: `Export ${residualTitle}` }));
    await waitFor(() => expect(written).toHaveLength(1));
    expect(written[0]).toMatch(/^@article\{basile2025residual,\n  title = \{\{ResiDual Transformer Alignment with Spectral Decomposition\}\},/);
    expect(written[0]!.match(/^@/gm)).toHaveLength(1);
    await waitFor(() => expect(row.querySelector('.export-status')?.textContent).toBe('BibTeX copied'));
    openExport(residualTitle);
    fireEvent.click(screen.getByRole('button', { name: `Copy CSV for ${residualTitle}` }));
    await waitFor(() => expect(written).toHaveLength(2));
    const lines = written[1]!.split('\r\n');
    expect(lines[0]).toBe('id,title,venue,venue kind,year,type,authors,doi,url,arxiv,abstract');
    expect(lines[1]).toContain(residualTitle);
    expect(lines).toHaveLength(3); // header, one row, final line break
    await waitFor(() => expect(row.querySelector('.export-status')?.textContent).toBe('CSV copied'));
  });

  it('a blocked clipboard points to the download buttons', async () => {
    stubClipboard(true);
    await renderPopup(<PopupApp api={seedApi()} />);
    await lookUp('Lorenzo Basile');
    const row = openExport(residualTitle);
    fireEvent.click(screen.getByRole('button', { name: `Copy BibTeX for ${residualTitle}` }));
    await waitFor(() => expect(row.querySelector('.export-status')?.textContent).toBe('Copying is not allowed here; use Download'));
  });

  it('downloads one paper as a file named by its citation key', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:test'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await renderPopup(<PopupApp api={seedApi()} />);
    await lookUp('Lorenzo Basile');
    openExport(residualTitle);
    fireEvent.click(screen.getByRole('button', { name: `Download .bib for ${residualTitle}` }));
    openExport(residualTitle);
    fireEvent.click(screen.getByRole('button', { name: `Download .csv for ${residualTitle}` }));
    expect(names).toEqual(['basile2025residual.bib', 'basile2025residual.csv']);
    expect(blobs.map((b) => b.type)).toEqual(['application/x-bibtex', 'text/csv']);
    expect(await blobs[0]!.text()).toMatch(/^@article\{basile2025residual,/);
    expect((await blobs[1]!.text()).split('\r\n')).toHaveLength(3);
  });
});

describe('German UI', () => {
  it('the popup speaks German, with German plural forms; record data stays as it is', async () => {
    useLocale('de');
    await renderPopup(<PopupApp api={seedApi()} />);
    expect(screen.getByRole('tab', { name: 'Autorensuche' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Auf dieser Seite' })).toBeTruthy();
    const box = screen.getByRole('combobox', { name: 'Autorenname' });
    expect(box.getAttribute('placeholder')).toBe('z. B. Lorenzo Basile');
    fireEvent.input(box, { target: { value: 'lorenzo' } });
    const option = await screen.findByRole('option', { name: /Lorenzo Basile/ });
    expect(option.textContent).toContain('5 Arbeiten');
    fireEvent.mouseDown(option);
    await screen.findByRole('heading', { level: 2, name: 'Lorenzo Basile' });
    expect(counts()).toEqual(['5 Arbeiten', '2 Autorenzeilen']);
    expect(screen.getAllByRole('button', { name: 'Zusammenfassung anzeigen' }).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Exportieren: „ResiDual Transformer Alignment with Spectral Decomposition“' }));
    expect(screen.getByRole('button', { name: 'BibTeX kopieren: „ResiDual Transformer Alignment with Spectral Decomposition“' }).textContent).toBe('BibTeX kopieren');
    expect(screen.getAllByText('TMLR · 2025 · Journal Article').length).toBeGreaterThan(0);
  });

  it('singular in German: "1 Arbeit"; the empty state quotes the name German-style', async () => {
    useLocale('de');
    await renderPopup(<PopupApp api={seedApi()} />);
    fireEvent.input(screen.getByRole('combobox', { name: 'Autorenname' }), { target: { value: 'Emanuele Rodolà' } });
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Autorenname' }), { key: 'Enter' });
    await screen.findByRole('heading', { level: 2, name: 'Emanuele Rodolà' });
    expect(counts()).toEqual(['1 Arbeit', 'Autorenzeilen in den Datensätzen nicht angegeben']);
    fireEvent.input(screen.getByRole('combobox', { name: 'Autorenname' }), { target: { value: 'Geoffrey Hinton' } });
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Autorenname' }), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Keine Arbeit in den Datensätzen nennt den Autorennamen „Geoffrey Hinton“.'));
    expect(document.querySelector('.empty strong')?.textContent).toBe('Geoffrey Hinton');
  });
});

/** `count` papers of "Ada Many", listed without abstracts as the background sends a big cluster; `vary` sets what differs in paper i. */
function bigCluster(count: number, vary: (i: number) => Partial<PaperView>): ClusterView {
  return {
    name: 'Ada Many',
    authorRows: null,
    declaredPapers: null,
    papers: Array.from({ length: count }, (_, i) => ({
      id: `big-${i}`,
      title: `Paper number ${i}`,
      venue: 'TMLR',
      venueKind: 'Journal',
      year: 2000,
      type: 'Journal Article',
      authors: ['Ada Many', 'Bo Same'],
      sources: ['mlanthology'],
      ...vary(i),
    })),
  };
}

describe('a big cluster', () => {
  /** 120 papers of one name, listed without abstracts as the background sends a big cluster. */
  const big = bigCluster(120, (i) => ({ year: 2000 + (i % 20) }));

  it('lists 50 papers at first, 50 more per "Show more", and reads an abstract only when asked', async () => {
    const asked: string[] = [];
    await renderPopup(<PopupApp api={seedApi({ cluster: async () => big, abstract: async (id) => (asked.push(id), `Abstract of ${id}.`) })} />);
    await lookUp('Ada Many');
    expect(document.querySelectorAll('.paper-title')).toHaveLength(50);
    expect(counts()[0]).toBe('120 papers');
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more (70 not shown)' }));
    expect(document.querySelectorAll('.paper-title')).toHaveLength(100);
    fireEvent.click(screen.getByRole('button', { name: 'Show 20 more (20 not shown)' }));
    expect(document.querySelectorAll('.paper-title')).toHaveLength(120);
    expect(screen.queryByRole('button', { name: /^Show \d+ more/ })).toBeNull();

    expect(asked).toEqual([]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Show abstract' })[3]!);
    expect(await screen.findByText(/^Abstract of big-\d+\.$/)).toBeTruthy();
    expect(asked).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Hide abstract' })).toBeTruthy();
    // 120 papers rendered twice over: 2 s idle, past the default 5 s on a loaded machine.
  }, 30_000);
});

describe('popup: focus, tabs and what a screen reader hears', () => {
  const onPage = [
    { id: 'p1', title: 'Head Pursuit', venue: 'NeurIPS', year: 2025 },
    { id: 'p2', title: 'The Narrow Gate', venue: 'NeurIPS', year: 2025 },
  ];

  it('opens on "Author lookup" with focus in the search box when the tab has no papers; Enter keeps it there', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    expect(screen.getByRole('tab', { name: 'Author lookup' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(input()));
    await lookUp('Lorenzo Basile');
    expect(document.activeElement).toBe(input());
    // A co-author link (a new name from outside) keeps the same box, and focus with it.
    const box = input() as HTMLInputElement;
    window.location.hash = '#name=Diego%20Doimo';
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Diego Doimo'));
    expect(input()).toBe(box);
    expect(box.value).toBe('Diego Doimo');
  });

  it('opens on "On this page" with focus on the first paper when the tab has matches', async () => {
    await renderPopup(<PopupApp api={seedApi({ pageMatches: async () => ({ kind: 'matches', matches: onPage }) })} />);
    expect(screen.getByRole('tab', { name: 'On this page' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: /Head Pursuit/ })));
  });

  it('a tab that never answers does not hold the popup: it opens on "Author lookup"', async () => {
    let asked = 0;
    render(<PopupApp api={seedApi({ pageMatches: () => (asked++, new Promise(() => {})) })} />);
    await screen.findByRole('tabpanel', {}, { timeout: 10_000 });
    expect(screen.getByRole('tab', { name: 'Author lookup' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(input()));
    // "On this page" asks the tab again.
    fireEvent.click(screen.getByRole('tab', { name: 'On this page' }));
    expect(asked).toBe(2);
  });

  it('a deep link to a name opens on "Author lookup" even on a page with matches', async () => {
    window.location.hash = '#name=Lorenzo%20Basile';
    await renderPopup(<PopupApp api={seedApi({ pageMatches: async () => ({ kind: 'matches', matches: onPage }) })} />);
    expect(screen.getByRole('tab', { name: 'Author lookup' }).getAttribute('aria-selected')).toBe('true');
  });

  it('tabs follow the ARIA tabs pattern: arrows wrap, Home and End, one Tab stop, focus on the tab', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    const lookup = screen.getByRole('tab', { name: 'Author lookup' });
    const page = screen.getByRole('tab', { name: 'On this page' });
    const selected = () => screen.getAllByRole('tab').filter((tab) => tab.getAttribute('aria-selected') === 'true').map((tab) => tab.textContent);
    await waitFor(() => expect(document.activeElement).toBe(input())); // where the popup put it
    lookup.focus();
    for (const [key, expected] of [['ArrowRight', 'On this page'], ['ArrowRight', 'Author lookup'], ['ArrowLeft', 'On this page'], ['Home', 'Author lookup'], ['End', 'On this page']] as const) {
      fireEvent.keyDown(document.activeElement!, { key });
      expect(selected()).toEqual([expected]);
      expect(document.activeElement?.textContent).toBe(expected);
      expect(screen.getAllByRole('tab').map((tab) => tab.tabIndex)).toEqual(expected === 'Author lookup' ? [0, -1] : [-1, 0]);
    }
    expect(page.getAttribute('aria-controls')).toBe('panel-page');
  });

  it('announces one short status line, not the cluster', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    await lookUp('Lorenzo Basile');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('5 papers, 2 author rows for Lorenzo Basile'));
    const live = [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')];
    expect(live.filter((region) => region.querySelector('.cluster, .paper'))).toEqual([]);
  });

  it('explains the badge in one line', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    const intro = document.querySelector('.popup-intro')!;
    expect(intro.textContent).toBe('Arrow Lens marks the papers it knows on venue pages with an Arrow badge: point at it or focus it for the authors and abstract.');
    expect(intro.querySelector('.badge-sample')?.textContent).toBe('Arrow');
  });

  it('a failed scan says so in plain words, with a Retry that scans again and holds focus', async () => {
    let scans = 0;
    const api = seedApi({
      pageMatches: async () => ({ kind: 'not-scanned' }),
      scanPage: async () => {
        scans++;
        throw new Error('Cannot access contents of url "chrome://newtab/". Extension manifest must request permission to access this host.');
      },
    });
    await renderPopup(<PopupApp api={api} />);
    fireEvent.click(screen.getByRole('tab', { name: 'On this page' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Look for papers on this page' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Arrow Lens cannot read this page.');
    expect(alert.textContent).not.toMatch(/manifest|chrome:/);
    const retry = within(alert).getByRole('button', { name: 'Try again' });
    await waitFor(() => expect(document.activeElement).toBe(retry));
    fireEvent.click(retry);
    await waitFor(() => expect(scans).toBe(2));
  });

  it('a tab that cannot be read says so, and Retry asks it again', async () => {
    let asked = 0;
    await renderPopup(<PopupApp api={seedApi({ pageMatches: async () => (asked++ === 0 ? Promise.reject(new Error('no receiver')) : { kind: 'matches', matches: onPage }) })} />);
    fireEvent.click(screen.getByRole('tab', { name: 'On this page' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not ask this page for its papers');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: /Head Pursuit/ })));
  });
});

describe('a big cluster: the filter', () => {
  const many = bigCluster(40, (i) => ({ venue: i % 2 ? 'TMLR' : 'NeurIPS', year: 2000 + (i % 10), authors: ['Ada Many', i === 7 ? 'Émile Rodolà' : 'Bo Same'] }));

  it('keeps the papers whose title, venue, year or authors hold every word, and says how many', async () => {
    await renderPopup(<PopupApp api={seedApi({ cluster: async () => many })} />);
    await lookUp('Ada Many');
    const filter = screen.getByRole('searchbox', { name: 'Filter papers' });
    const titles = () => [...document.querySelectorAll('.paper-title')].map((h) => h.textContent);
    fireEvent.input(filter, { target: { value: 'neurips 2004' } });
    expect(titles()).toHaveLength(4);
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Showing 4 of 40 papers');
    fireEvent.input(filter, { target: { value: 'rodola' } });
    expect(titles()).toEqual(['Paper number 7']);
    fireEvent.input(filter, { target: { value: '' } });
    expect(titles()).toHaveLength(40);
  });

  it('small clusters have no filter', async () => {
    await renderPopup(<PopupApp api={seedApi()} />);
    await lookUp('Lorenzo Basile');
    expect(screen.queryByRole('searchbox', { name: 'Filter papers' })).toBeNull();
  });
});
