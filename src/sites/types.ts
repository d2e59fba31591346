/**
 * A site adapter knows one venue site's markup: which URLs it serves and where the paper
 * titles are on single-paper pages and on listing pages. Adapters are pure functions of
 * (document, url) so they can be tested on saved fixture pages without a browser.
 */
export interface SiteAdapter {
  /** Short stable id, e.g. "arxiv"; also the fixture folder name under tests/fixtures/sites/. */
  readonly id: string;
  /** Human-readable site name for README / popup. */
  readonly name: string;
  /** WebExtension match patterns of the pages this adapter serves (used in the manifest). */
  readonly matches: readonly string[];
  /** Cheap URL check, run before any DOM work. */
  servesUrl(url: URL): boolean;
  /**
   * Every element on the page whose text is one paper title. The badge is inserted right
   * after the element, so return the tightest element that holds just the title (a link or
   * heading), never a container that also holds authors or abstract.
   */
  findTitles(root: ParentNode, url: URL): FoundTitle[];
}

export interface FoundTitle {
  /** The element that shows the title; the badge goes right after it. */
  element: Element;
  /** The title text as shown (may be truncated, decorated, contain line breaks). */
  text: string;
}
