/**
 * Any page that declares its paper title in metadata: Highwire/Google Scholar `citation_title`,
 * Dublin Core `DC.title`, or a JSON-LD `ScholarlyArticle`. The adapter reports the visible
 * heading (h1–h6 or `[itemprop=headline]`) whose text equals that title, loosely compared
 * (case, punctuation and whitespace ignored). It runs only where the user opts in, so it
 * matches every URL and is never chosen by `adapterForUrl`.
 */
import { defineSiteAdapter } from './define';
import { collapseWhitespace, documentOf, metaContent, queryAll } from './dom';
import { headingShowing, pageStatedIds } from './finders';

const META_NAMES = ['citation_title', 'dc.title', 'dcterms.title', 'eprints.title', 'bepress_citation_title'] as const;
const SCHOLARLY_TYPES = new Set(['ScholarlyArticle', 'MedicalScholarlyArticle']);
const HEADINGS = 'h1, h2, h3, h4, h5, h6, [itemprop="headline"]';
const DESCRIPTOR = '.descriptor';

function typesOf(node: Record<string, unknown>): string[] {
  const type = node['@type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

/** Titles of ScholarlyArticle nodes anywhere in a parsed JSON-LD value. */
function jsonLdTitles(value: unknown, out: string[], depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) jsonLdTitles(item, out, depth + 1);
    return;
  }
  const node = value as Record<string, unknown>;
  if (typesOf(node).some((t) => SCHOLARLY_TYPES.has(t))) {
    const title = node['headline'] ?? node['name'];
    if (typeof title === 'string' && title.trim()) out.push(collapseWhitespace(title));
  }
  for (const key of ['@graph', 'mainEntity', 'hasPart']) jsonLdTitles(node[key], out, depth + 1);
}

function declaredTitles(root: ParentNode): string[] {
  const titles: string[] = [];
  const meta = metaContent(root, META_NAMES);
  if (meta) titles.push(meta);
  const doc = documentOf(root);
  if (doc) {
    for (const script of queryAll(doc, 'script[type="application/ld+json"]')) {
      try {
        jsonLdTitles(JSON.parse(script.textContent ?? ''), titles);
      } catch {
        // Malformed JSON-LD is common; ignore it.
      }
    }
  }
  return titles;
}

function isShown(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const tag = e.localName;
    if (tag === 'head' || tag === 'template' || tag === 'noscript') return false;
    if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true') return false;
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(e.getAttribute('style') ?? '')) return false;
  }
  return true;
}

export const genericMetadata = defineSiteAdapter({
  id: 'generic-metadata',
  matches: ['*://*/*'],

  *find(root) {
    const titles = declaredTitles(root);
    if (titles.length === 0) return;
    const headings = queryAll(root, HEADINGS).filter(isShown);
    for (const title of titles) {
      const heading = headingShowing(headings, title, DESCRIPTOR);
      if (heading) yield heading;
    }
  },

  // A page that declares one paper: its URL, `citation_doi`, `citation_arxiv_id`.
  idsOf: (_title, url, root) => pageStatedIds(root, url),
});
