// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterPageApp, PopupApp } from '../../src/ui/cluster/PopupApp';
import { seedApi } from '../helpers/seed-service';

beforeEach(() => {
  window.location.hash = '';
});
afterEach(cleanup);

const input = () => screen.getByRole('combobox', { name: 'Author name' });
const type = (text: string) => fireEvent.input(input(), { target: { value: text } });
const counts = () => [...document.querySelectorAll('.cluster-counts span')].map((s) => s.textContent);
const paperTitles = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);

async function lookUp(name: string) {
  type(name);
  fireEvent.keyDown(input(), { key: 'Enter' });
  return screen.findByRole('heading', { level: 2 });
}

describe('popup author lookup', () => {
  it('typing "lorenzo" offers Lorenzo Basile; choosing it shows 5 papers and 2 author rows, newest first', async () => {
    render(<PopupApp api={seedApi()} />);
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
    render(<PopupApp api={seedApi()} />);
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
    render(<PopupApp api={seedApi()} />);
    expect((await lookUp(name)).textContent).toBe('Lorenzo Basile');
    expect(counts()).toEqual(['5 papers', '2 author rows']);
  });

  it('"rodola" offers Emanuele Rodolà; arrow keys and Enter choose it', async () => {
    render(<PopupApp api={seedApi()} />);
    type('rodola');
    await screen.findByRole('option', { name: /Emanuele Rodolà/ });
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Emanuele Rodolà');
    expect(counts()).toEqual(['1 paper', 'author rows not stated by the records']);
  });

  it('Alberto Cazzaniga shows 3 papers; a co-author link shows their cluster; back returns', async () => {
    render(<PopupApp api={seedApi()} />);
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
    render(<PopupApp api={seedApi()} />);
    type('Geoffrey Hinton');
    fireEvent.keyDown(input(), { key: 'Enter' });
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('No paper in the records lists the author name “Geoffrey Hinton”');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a failing background is an error state that says what to do', async () => {
    render(<PopupApp api={seedApi({ cluster: () => Promise.reject(new Error('index file missing')) })} />);
    type('Lorenzo Basile');
    fireEvent.keyDown(input(), { key: 'Enter' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('index file missing');
    expect(alert.textContent).toContain('reopen');
  });

  it('record text renders as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const api = seedApi({
      cluster: async () => ({ name: hostile, authorRows: 1, papers: [{ id: 'x', title: hostile, venue: 'V', venueKind: '', year: 2020, type: 'T', authors: [hostile], abstract: hostile }] }),
    });
    const { container } = render(<PopupApp api={api} />);
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
    render(<PopupApp api={api} win={window} />);
    fireEvent.click(screen.getByRole('tab', { name: 'On this page' }));
    const item = await screen.findByRole('button', { name: /Head Pursuit/ });
    expect(item.textContent).toContain('NeurIPS · 2025');
    fireEvent.click(item);
    await waitFor(() => expect(revealed).toEqual(['p1']));
  });

  it('a page the lens does not run on offers to look for papers on request', async () => {
    let scanned = 0;
    const api = seedApi({ pageMatches: async () => ({ kind: 'not-scanned' }), scanPage: async () => void scanned++ });
    render(<PopupApp api={api} />);
    fireEvent.click(screen.getByRole('tab', { name: 'On this page' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Look for papers on this page' }));
    await waitFor(() => expect(scanned).toBe(1));
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
