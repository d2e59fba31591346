import { t, type MessageKey } from '../i18n/t';

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
