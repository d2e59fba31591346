/**
 * `defineSiteAdapter`: a site adapter from what makes the site different — its match patterns,
 * an optional path rule, the selectors of its titles and, where selectors are not enough, a
 * finder. URL checks, error handling and clean-up of the found titles are done here, once.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import { finalizeTitles, queryAll, titleOf } from './dom';
import type { PageId } from '../records/identity';
import { MAX_IDS_PER_TITLE, type FoundTitle, type SiteAdapter } from './types';

export interface SiteSpec {
  readonly id: string;
  /**
   * Match patterns of the site's hosts; they are both the manifest's and `servesUrl`'s. Venue
   * sites use `https://` only: each serves HTTPS, and a plain-HTTP page can be rewritten by
   * anyone on the network before the content script reads it. (The generic adapter matches
   * every page but is never in the manifest: it runs only where the user asks, via activeTab.)
   */
  readonly matches: readonly string[];
  /** Where on those hosts the papers are (tested on the URL's path); every path when absent. */
  readonly paths?: RegExp;
  /** Selectors of elements whose text is one title each. */
  readonly titles?: readonly string[];
  /** Site decorations inside a `titles` element that are not part of the title (arXiv's "Title:"). */
  readonly exclude?: string;
  /** Titles that need more than a selector. May throw on odd markup: that yields no titles. */
  find?(root: ParentNode, url: URL): Iterable<FoundTitle>;
  /**
   * The page ids the page states for a found title element (helpers in finders.ts: the URL of
   * a single-paper page, the links of a listing entry). Asked for titles `find` gave no ids.
   */
  idsOf?(title: Element, url: URL, root: ParentNode): Iterable<PageId>;
}

/** Each id once, at most MAX_IDS_PER_TITLE: a page cannot make a title carry more. */
function boundedIds(ids: Iterable<PageId>): PageId[] {
  const out = new Set<PageId>();
  for (const id of ids) {
    if (out.size === MAX_IDS_PER_TITLE) break;
    out.add(id);
  }
  return [...out];
}

/** `found` with the ids `idsOf` gives it (none when it throws on odd markup: the title still counts). */
function withIds(found: FoundTitle, spec: SiteSpec, url: URL, root: ParentNode): FoundTitle {
  let ids: PageId[] = [];
  try {
    ids = boundedIds(found.ids ?? spec.idsOf?.(found.element, url, root) ?? []);
  } catch {
    ids = [];
  }
  const { ids: _stated, ...title } = found;
  return ids.length > 0 ? { ...title, ids } : title;
}

export function defineSiteAdapter(spec: SiteSpec): SiteAdapter {
  const patterns = spec.matches.map((pattern) => new MatchPattern(pattern));
  return {
    id: spec.id,
    matches: spec.matches,
    servesUrl(url) {
      // The href, not the URL object: MatchPattern tests `instanceof Location` on objects, a
      // global that Node and service workers lack.
      return patterns.some((pattern) => pattern.includes(url.href)) && (spec.paths?.test(url.pathname) ?? true);
    },
    findTitles(root, url) {
      // Odd DOM must never throw into the content script: any exception yields no titles.
      try {
        const found: FoundTitle[] = [];
        for (const selector of spec.titles ?? []) {
          for (const element of queryAll(root, selector)) found.push(titleOf(element, spec.exclude));
        }
        if (spec.find) found.push(...spec.find(root, url));
        return finalizeTitles(found).map((title) => withIds(title, spec, url, root));
      } catch {
        return [];
      }
    },
  };
}
