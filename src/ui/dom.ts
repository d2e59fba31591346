import { t, type MessageKey } from '../i18n/t';
import { safeLink, type PaperLinks } from '../records/identity';

/** Tiny element builder: text is always set as text, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: (Node | null)[] = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** "NeurIPS · 2025 · Conference Paper", skipping what is unknown. */
export function venueLine(paper: { venue: string; year: number; type: string }): string {
  return [paper.venue, paper.year ? String(paper.year) : '', paper.type].filter(Boolean).join(' · ');
}

/** Source label → the end of its message key; any other format is "a records file". */
const SOURCE_KEYS: Record<string, string> = { mlanthology: 'mlanthology', 'arrow-export': 'arrowExport', user: 'user' };

/** "From: ML Anthology, Arrow Research export": where a paper's record came from, each source once. */
export function sourcesLine(paper: { sources: readonly string[] }): string {
  const keyOf = (source: string) => SOURCE_KEYS[source] ?? 'file';
  const names = [...new Set(paper.sources.map((source) => t(`source_${keyOf(source)}` as MessageKey)))];
  return names.length > 0 ? t('sources_line', names.join(', ')) : '';
}

/** The links a paper row offers, in this order; each is labelled by the message `link_<kind>`. */
const LINK_ROW = ['openreview', 'pdf', 'doi', 'arxiv', 'code'] as const;

export interface PaperLinkItem {
  kind: keyof PaperLinks;
  label: string;
  href: string;
}

/**
 * A paper's links as a row shows them: OpenReview · PDF · DOI · arXiv · Code, where known, and
 * only http(s) URLs (a link is checked again here: record text is never trusted). Pure.
 */
export function paperLinkItems(paper: { links?: PaperLinks }): PaperLinkItem[] {
  return LINK_ROW.flatMap((kind) => {
    const href = safeLink(paper.links?.[kind]);
    return href ? [{ kind, label: t(`link_${kind}` as MessageKey), href }] : [];
  });
}

/** The paper's page (its title opens it), if it has a safe one. */
export function paperPageLink(paper: { links?: PaperLinks }): string | null {
  return safeLink(paper.links?.page) ?? safeLink(paper.links?.openreview) ?? safeLink(paper.links?.doi) ?? safeLink(paper.links?.arxiv);
}

/** Attributes of every link out: a new tab that learns nothing about the extension page. */
export const EXTERNAL_LINK = { target: '_blank', rel: 'noopener noreferrer' } as const;

/**
 * The links row as DOM, for pages built without Preact (the preview card can use it): a
 * labelled list of plain `<a href>` links, text set as text; null when the paper has none.
 */
export function linksRow(doc: Document, paper: { title: string; links?: PaperLinks }, className = 'paper-links'): HTMLElement | null {
  const items = paperLinkItems(paper);
  if (items.length === 0) return null;
  return el(
    doc,
    'ul',
    { className, attrs: { 'aria-label': t('links_label', paper.title) } },
    items.map((item) => el(doc, 'li', {}, [el(doc, 'a', { text: item.label, attrs: { href: item.href, ...EXTERNAL_LINK } })])),
  );
}
