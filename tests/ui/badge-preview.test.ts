// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { badgeButton, createBadge } from '../../src/ui/badge';
import { PreviewCard } from '../../src/ui/preview-card';
import { closedRootOf } from '../../src/ui/closed-root';
import { useLocale } from '../helpers/i18n-setup';
import { trusted } from '../helpers/trusted';
import type { PaperView } from '../../src/messaging/protocol';
import type { MatchedBy } from '../../src/records/record-index';

afterEach(() => {
  useLocale('en');
  document.documentElement.replaceChildren(document.createElement('head'), document.createElement('body'));
});

const paper: PaperView = {
  id: 'p-1',
  title: 'Head Pursuit',
  venue: 'NeurIPS',
  venueKind: 'Conference',
  year: 2025,
  type: 'Conference Paper',
  authors: ['Lorenzo Basile'],
  sources: ['arrow-export'],
  abstract: '',
};

async function openPreview(openCluster: (name: string) => void = () => undefined, shown: PaperView = paper, matchedBy?: MatchedBy) {
  const badge = createBadge(document, 'p-1', 'Head Pursuit');
  document.body.append(badge);
  const card = new PreviewCard(document, { getPaper: async () => shown, openCluster, themeFor: () => 'light', matchedBy: (anchor) => (anchor === badge ? matchedBy : undefined) });
  await card.open(badge, 'p-1');
  const root = closedRootOf(document.querySelector('[data-arrow-lens="preview"]')!)!;
  return { badge, root, card };
}

describe('badge and preview texts', () => {
  it('English', async () => {
    const { badge, root, card } = await openPreview();
    const button = badgeButton(badge)!;
    expect(button.textContent).toBe('Arrow');
    expect(button.getAttribute('aria-label')).toBe('Arrow Lens record: Head Pursuit. Show preview');
    // A dialog named by its title.
    expect(root.querySelector('.card')?.getAttribute('role')).toBe('dialog');
    expect(root.getElementById(root.querySelector('.card')!.getAttribute('aria-labelledby')!)?.textContent).toBe('Head Pursuit');
    expect(root.querySelector('.close')?.getAttribute('aria-label')).toBe('Close preview');
    expect(root.querySelector('.author')?.getAttribute('title')).toBe('Show every paper by "Lorenzo Basile"');
    expect(root.querySelector('.abstract')?.textContent).toBe('No abstract in the records.');
    expect([...root.querySelectorAll('.note')].map((n) => n.textContent)).toEqual(['From: Arrow Research export · Esc to close']);
    card.destroy();
  });

  it('German', async () => {
    useLocale('de');
    const { badge, root, card } = await openPreview();
    expect(badgeButton(badge)!.getAttribute('aria-label')).toBe('Arrow-Lens-Datensatz: Head Pursuit. Vorschau anzeigen');
    expect(root.querySelector('.close')?.getAttribute('aria-label')).toBe('Vorschau schließen');
    expect(root.querySelector('.author')?.getAttribute('title')).toBe('Alle Arbeiten von „Lorenzo Basile“ anzeigen');
    expect(root.querySelector('.abstract')?.textContent).toBe('Keine Zusammenfassung in den Datensätzen.');
    expect(root.querySelector('.title')?.textContent).toBe('Head Pursuit');
    card.destroy();
  });
});

describe('preview links and how the badge matched', () => {
  const linked: PaperView = {
    ...paper,
    ids: ['openreview:WQ9rnkaUWm'],
    links: {
      page: 'https://openreview.net/forum?id=WQ9rnkaUWm',
      openreview: 'https://openreview.net/forum?id=WQ9rnkaUWm',
      pdf: 'https://openreview.net/pdf?id=WQ9rnkaUWm',
      code: 'javascript:alert(1)',
    },
  };
  const hrefs = (root: ShadowRoot, selector: string) => [...root.querySelectorAll<HTMLAnchorElement>(selector)].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]);

  it("the title opens the paper's page; the row offers its links, http(s) only, in new tabs that learn nothing", async () => {
    const { root, card } = await openPreview(undefined, linked, 'id');
    expect(hrefs(root, '.title a')).toEqual([['Head Pursuit', 'https://openreview.net/forum?id=WQ9rnkaUWm', 'noopener noreferrer']]);
    expect(hrefs(root, '.links a')).toEqual([
      ['OpenReview', 'https://openreview.net/forum?id=WQ9rnkaUWm', 'noopener noreferrer'],
      ['PDF', 'https://openreview.net/pdf?id=WQ9rnkaUWm', 'noopener noreferrer'],
    ]);
    expect(root.querySelector('.links')?.getAttribute('aria-label')).toContain('Head Pursuit');
    card.destroy();
  });

  it('says what matched: by id, by title, by both (English and German); nothing when not known', async () => {
    const note = async (by?: MatchedBy) => {
      const { root, card } = await openPreview(undefined, linked, by);
      const text = root.querySelector('.matched-by')?.textContent ?? null;
      card.destroy();
      return text;
    };
    expect([await note('id'), await note('title'), await note('both'), await note()]).toEqual(['Matched by id', 'Matched by title', 'Matched by id and title', null]);
    useLocale('de');
    expect([await note('id'), await note('title'), await note('both')]).toEqual(['Über die Kennung erkannt', 'Über den Titel erkannt', 'Über Kennung und Titel erkannt']);
  });

  it('a paper without links: the title is plain text and there is no links row', async () => {
    const { root, card } = await openPreview(undefined, paper, 'title');
    expect(root.querySelector('.title')?.textContent).toBe('Head Pursuit');
    expect(root.querySelectorAll('a').length).toBe(0);
    expect(root.querySelector('.links')).toBeNull();
    card.destroy();
  });
});

describe('preview card and its badge', () => {
  it("the badge's button says whether its preview is open; Escape closes it and hands focus back to the badge", async () => {
    const { badge, root, card } = await openPreview();
    const button = badgeButton(badge)!;
    expect(button.getAttribute('aria-expanded')).toBe('true');
    (root.querySelector('.author') as HTMLButtonElement).focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect((root.querySelector('.card') as HTMLElement).hidden).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(closedRootOf(badge)!.activeElement).toBe(button);
    card.destroy();
  });

  it("an author opens a cluster tab on the user's click only, never on a page script's click()", async () => {
    const opened: string[] = [];
    const { root, card } = await openPreview((name) => opened.push(name));
    const author = root.querySelector('.author') as HTMLButtonElement;
    for (let i = 0; i < 6; i++) author.click();
    author.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(opened).toEqual([]);
    author.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(opened).toEqual(['Lorenzo Basile']);
    card.destroy();
  });
});

describe('what the page can reach', () => {
  it("badge and preview render in closed roots: the page sees the hosts and the badge's record id, nothing of the record", async () => {
    const { badge, card } = await openPreview();
    const previewHost = document.querySelector('[data-arrow-lens="preview"]')!;
    expect(badge.shadowRoot).toBeNull();
    expect(previewHost.shadowRoot).toBeNull();
    expect(closedRootOf(previewHost)!.querySelector('.title')?.textContent).toBe('Head Pursuit');
    // Light DOM: the hosts, their data-arrow-lens marker and the badge's record id, no record text.
    expect(document.body.innerHTML + previewHost.outerHTML).not.toContain('Head Pursuit');
    expect(document.body.innerHTML + previewHost.outerHTML).not.toContain('Lorenzo');
    card.destroy();
  });
});

describe('a long author list', () => {
  it('shows the first eight names and "+N more", which shows the rest', async () => {
    const authors = Array.from({ length: 84 }, (_, i) => `Author ${i + 1}`);
    const badge = createBadge(document, 'p-1', 'Head Pursuit');
    document.body.append(badge);
    const card = new PreviewCard(document, { getPaper: async () => ({ ...paper, authors }), openCluster: () => undefined, themeFor: () => 'light' });
    await card.open(badge, 'p-1');
    const root = closedRootOf(document.querySelector('[data-arrow-lens="preview"]')!)!;
    const visible = () => [...root.querySelectorAll<HTMLElement>('.author')].filter((a) => !a.closest('[hidden]')).map((a) => a.textContent);
    expect(visible()).toEqual(authors.slice(0, 8));
    const toggle = root.querySelector<HTMLButtonElement>('.more-authors')!;
    expect(toggle.textContent).toBe('+76 more');
    toggle.click();
    expect(visible()).toEqual(authors);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    card.destroy();
  });
});
