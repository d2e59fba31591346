/**
 * Small DOM helpers shared by the site adapters.
 *
 * Everything here is a pure function of the nodes it is given: no DOM globals are touched at
 * import time (adapters run in Node tests under happy-dom and in the browser), and nothing
 * throws on odd markup.
 *
 * Convention for `FoundTitle.text` (all adapters follow it):
 *   the element's text with whitespace collapsed (`<br>` counts as a space), minus the site's
 *   own decoration nodes that are not part of the title (arXiv's `<span class="descriptor">Title:</span>`,
 *   Google Scholar's `[PDF]` / `[CITATION]` badges). Everything else is kept as shown:
 *   truncation marks ("…"), inline LaTeX ("$\ell_1$"), DBLP's trailing period, search-hit markup.
 */
import type { FoundTitle } from './types';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
/** Node.DOCUMENT_POSITION_FOLLOWING, spelled out so no DOM global is needed. */
const POSITION_FOLLOWING = 4;

/** Elements whose text is never part of a visible title. */
const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'mjx-assistive-mml']);

/** Collapse runs of whitespace (incl. NBSP and line breaks) to one space and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/**
 * The visible text of `el`, whitespace-collapsed, skipping descendants that match `exclude`
 * (site decorations such as arXiv's "Title:" descriptor) and script/style content.
 */
export function textOf(el: Element, exclude?: string): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) {
        parts.push(child.nodeValue ?? '');
      } else if (child.nodeType === ELEMENT_NODE) {
        const childEl = child as Element;
        const tag = childEl.localName;
        if (tag === 'br') {
          parts.push(' ');
          continue;
        }
        if (SKIPPED_TAGS.has(tag)) continue;
        if (exclude !== undefined && safeMatches(childEl, exclude)) continue;
        walk(childEl);
      }
    }
  };
  try {
    walk(el);
  } catch {
    return '';
  }
  return collapseWhitespace(parts.join(''));
}

/**
 * All elements matching `selector` in `root`, including `root` itself when it is an element
 * that matches (content scripts may hand an adapter a freshly inserted subtree). Never throws.
 */
export function queryAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [];
  try {
    const rootNode = root as unknown as Node;
    if (rootNode.nodeType === ELEMENT_NODE && safeMatches(root as unknown as Element, selector)) {
      out.push(root as unknown as Element);
    }
    out.push(...Array.from(root.querySelectorAll(selector)));
  } catch {
    return out;
  }
  return out;
}

/** The first element matching `selector` (root included), or undefined. */
export function queryFirst(root: ParentNode, selector: string): Element | undefined {
  return queryAll(root, selector)[0];
}

/** The document `root` belongs to (root itself when it is a document). */
export function documentOf(root: ParentNode): Document | undefined {
  const node = root as unknown as Node;
  if (node.nodeType === DOCUMENT_NODE) return node as Document;
  return node.ownerDocument ?? undefined;
}

/**
 * The content of the first `<meta name=…>` (or `property=…`) among `names`, whitespace-collapsed.
 * Names are compared case-insensitively ("DC.title" and "dc.title" both match).
 */
export function metaContent(root: ParentNode, names: readonly string[]): string | undefined {
  const doc = documentOf(root);
  if (!doc) return undefined;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const meta of queryAll(doc, 'meta[name], meta[property]')) {
    const name = (meta.getAttribute('name') ?? meta.getAttribute('property') ?? '').toLowerCase();
    if (!wanted.has(name)) continue;
    const content = collapseWhitespace(meta.getAttribute('content') ?? '');
    if (content) return content;
  }
  return undefined;
}

/**
 * A loose comparison key for titles: Unicode-normalised, lower-cased, letters and digits only.
 * Used to find the heading that shows a title known from metadata.
 */
export function looseKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A FoundTitle for `el` using the shared text convention. */
export function titleOf(el: Element, exclude?: string): FoundTitle {
  return { element: el, text: textOf(el, exclude) };
}

function precedes(a: Element, b: Element): boolean {
  try {
    return (a.compareDocumentPosition(b) & POSITION_FOLLOWING) !== 0;
  } catch {
    return false;
  }
}

/**
 * Clean up an adapter's candidates: drop empty texts, keep each element once, drop a candidate
 * that contains another candidate (the inner one is the tighter title element), and return the
 * rest in document order.
 */
export function finalizeTitles(candidates: readonly FoundTitle[]): FoundTitle[] {
  const seen = new Set<Element>();
  const unique: FoundTitle[] = [];
  for (const candidate of candidates) {
    if (!candidate.text || seen.has(candidate.element)) continue;
    seen.add(candidate.element);
    unique.push(candidate);
  }
  const outer = new Set<Element>();
  for (const candidate of unique) {
    for (let p = candidate.element.parentElement; p; p = p.parentElement) {
      if (seen.has(p)) outer.add(p);
    }
  }
  const kept = unique.filter((c) => !outer.has(c.element));
  // Adapters almost always find titles in document order already: one pass over neighbours
  // (n − 1 comparisons) instead of a sort (n log n of them, ~60 ms on a 2,000-title listing).
  if (kept.every((c, i) => i === 0 || precedes(kept[i - 1]!.element, c.element))) return kept;
  return kept
    .map((c, index) => ({ c, index }))
    .sort((x, y) => {
      if (x.c.element === y.c.element) return 0;
      if (precedes(x.c.element, y.c.element)) return -1;
      if (precedes(y.c.element, x.c.element)) return 1;
      return x.index - y.index;
    })
    .map(({ c }) => c);
}
