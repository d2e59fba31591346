// @vitest-environment happy-dom
/** Links out of a paper: its title opens its page; a row offers OpenReview · PDF · DOI · arXiv · Code. */
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterView, PaperView } from '../../src/messaging/protocol';
import { ClusterPanel } from '../../src/ui/cluster/ClusterPanel';
import { linksRow, paperLinkItems, paperPageLink } from '../../src/ui/dom';
import { useLocale } from '../helpers/i18n-setup';

afterEach(() => {
  cleanup();
  useLocale('en');
});

const linked: PaperView = {
  id: 'mla:basile2025neurips-head',
  title: 'Head Pursuit: Probing Attention Specialization in Multimodal Transformers',
  venue: 'NeurIPS',
  venueKind: 'Conference',
  year: 2025,
  type: 'Conference Paper',
  authors: ['Lorenzo Basile'],
  sources: ['mlanthology'],
  ids: ['openreview:WQ9rnkaUWm', 'doi:10.48550/arxiv.2510.21518'],
  links: {
    page: 'https://openreview.net/forum?id=WQ9rnkaUWm',
    openreview: 'https://openreview.net/forum?id=WQ9rnkaUWm',
    pdf: 'https://openreview.net/pdf?id=WQ9rnkaUWm',
    doi: 'https://doi.org/10.48550/arxiv.2510.21518',
    code: 'javascript:alert(1)',
  },
};
const plain: PaperView = { ...linked, id: 'p-2', title: 'No Links Here', ids: undefined, links: undefined };
const cluster: ClusterView = { name: 'Lorenzo Basile', papers: [linked, plain], authorRows: null, declaredPapers: null };

describe('paper links in the popup and cluster page', () => {
  it('the title opens the paper page in a new tab; the row offers OpenReview · PDF · DOI, never an unsafe link', () => {
    render(<ClusterPanel cluster={cluster} authorHref={(name) => `#name=${name}`} />);
    const heading = screen.getByRole('heading', { name: linked.title });
    const title = within(heading).getByRole('link');
    expect([title.getAttribute('href'), title.getAttribute('target'), title.getAttribute('rel')]).toEqual(['https://openreview.net/forum?id=WQ9rnkaUWm', '_blank', 'noopener noreferrer']);
    const row = screen.getByRole('list', { name: `Links of ${linked.title}` });
    const links = within(row).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')])).toEqual([
      ['OpenReview', 'https://openreview.net/forum?id=WQ9rnkaUWm', 'noopener noreferrer', '_blank'],
      ['PDF', 'https://openreview.net/pdf?id=WQ9rnkaUWm', 'noopener noreferrer', '_blank'],
      ['DOI', 'https://doi.org/10.48550/arxiv.2510.21518', 'noopener noreferrer', '_blank'],
    ]);
    expect(document.querySelector('a[href^="javascript:"]')).toBeNull();
  });

  it('a paper without links shows its title as text and no row', () => {
    render(<ClusterPanel cluster={cluster} authorHref={(name) => `#name=${name}`} />);
    const heading = screen.getByRole('heading', { name: 'No Links Here' });
    expect(within(heading).queryByRole('link')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Links of No Links Here' })).toBeNull();
  });

  it('speaks German', () => {
    useLocale('de');
    render(<ClusterPanel cluster={cluster} authorHref={(name) => `#name=${name}`} />);
    expect(screen.getByRole('list', { name: `Links zu ${linked.title}` })).toBeTruthy();
  });
});

describe('the links row for pages built without Preact (dom.ts)', () => {
  it('paperLinkItems and paperPageLink keep only http(s) URLs', () => {
    expect(paperLinkItems(linked).map((item) => item.kind)).toEqual(['openreview', 'pdf', 'doi']);
    expect(paperPageLink({ links: { page: 'data:text/html,x', doi: 'https://doi.org/10.1234/x' } })).toBe('https://doi.org/10.1234/x');
    expect(paperPageLink({})).toBeNull();
  });

  it('linksRow builds plain <a href> links with text set as text', () => {
    const hostile = { title: '<img src=x onerror=alert(1)>', links: { code: 'https://github.com/a/b', arxiv: 'https://arxiv.org/abs/2101.00001', pdf: 'vbscript:x' } };
    const row = linksRow(document, hostile)!;
    expect(row.tagName).toBe('UL');
    expect(row.getAttribute('aria-label')).toBe('Links of <img src=x onerror=alert(1)>');
    expect(row.querySelector('img')).toBeNull();
    expect([...row.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')])).toEqual([
      ['arXiv', 'https://arxiv.org/abs/2101.00001', 'noopener noreferrer', '_blank'],
      ['Code', 'https://github.com/a/b', 'noopener noreferrer', '_blank'],
    ]);
    expect(linksRow(document, { title: 'x' })).toBeNull();
  });
});
