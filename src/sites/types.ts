/**
 * A site adapter knows one venue site's markup: which URLs it serves and where the paper
 * titles are on single-paper pages and on listing pages. Adapters are pure functions of
 * (document, url) so they can be tested on saved fixture pages without a browser. Each is
 * written with `defineSiteAdapter` (define.ts), which derives `servesUrl` from `matches` and
 * guards `findTitles`; the registry (registry.ts) lists them.
 */
import type { PageId } from '../records/identity';

export interface SiteAdapter {
  /**
   * Short stable id, e.g. "arxiv": the fixture folder under tests/fixtures/sites/, the key of
   * the site's switch in the stored options, and of its name in the locale files
   * (`site_<id with _ for ->`, read by `siteName`).
   */
  readonly id: string;
  /** WebExtension match patterns of the pages this adapter serves (used in the manifest). */
  readonly matches: readonly string[];
  /** Cheap URL check, run before any DOM work: one of `matches`, and the adapter's path rule. */
  servesUrl(url: URL): boolean;
  /**
   * Every element on the page whose text is one paper title, in document order; never throws.
   * The badge goes right after an inline element (a link, span, strong, b, em, i, cite, label)
   * and inside any other (a heading or block gets it as its last child: see
   * src/content/page-lens.ts), so return the tightest element that holds just the title,
   * never a container that also holds authors or abstract.
   */
  findTitles(root: ParentNode, url: URL): FoundTitle[];
}

export interface FoundTitle {
  /** The element that shows the title; the badge goes after it (inline) or at its end (block). */
  element: Element;
  /** The title text as shown (may be truncated, decorated, contain line breaks). */
  text: string;
  /**
   * The page ids the page states for this title (its own URL on a single-paper page, the
   * entry's links on a listing), normalised by src/records/identity.ts; at most
   * `MAX_IDS_PER_TITLE`. The background matches by a unique id before the title.
   */
  ids?: PageId[];
}

/** A listing entry links a handful of ids at most; more is a page stuffing its links. */
export const MAX_IDS_PER_TITLE = 8;
