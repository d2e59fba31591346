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
