/**
 * Google Scholar (scholar.google.*): result pages (/scholar?q=…, cluster and "cited by" pages)
 * and author profiles (/citations?user=…).
 *
 * Markup: results `div.gs_r.gs_or > div.gs_ri > h3.gs_rt`, the title is the `<a>` inside (or,
 * for [CITATION] results without a link, a `<span id>` or the bare h3 text); the h3 may start with
 * `span.gs_ctc` / `span.gs_ctu` badges ("[PDF][PDF]", "[CITATION][C]"), which are not reported,
 * and long titles are shown truncated with "…". Profiles
 * `tr.gsc_a_tr > td.gsc_a_t > a.gsc_a_at` followed by two `div.gs_gray` (authors, venue).
 */
import { defineSiteAdapter } from './define';
import { queryFirst, queryAll, titleOf } from './dom';
import { linkedIds } from './finders';
import type { FoundTitle } from './types';

/**
 * Scholar's country hosts. Match patterns cannot wildcard a TLD, so the common ones are listed;
 * this list is the whole of what the adapter serves (manifest and `servesUrl` alike).
 */
const TLDS = [
  'com', 'co.uk', 'de', 'fr', 'it', 'es', 'nl', 'ch', 'at', 'be', 'se', 'dk', 'fi', 'no', 'pl', 'pt',
  'ca', 'com.au', 'co.nz', 'co.jp', 'co.kr', 'co.in', 'com.br', 'com.mx', 'com.hk', 'com.sg',
  'com.tw', 'cz', 'gr', 'ie', 'co.il', 'com.tr', 'ru',
] as const;

const BADGES = '.gs_ctc, .gs_ctu, .gs_ctg, .gs_ctg2';

function resultTitle(h3: Element): FoundTitle {
  const labelled = queryFirst(h3, 'a') ?? queryFirst(h3, 'span[id]');
  return labelled ? titleOf(labelled) : titleOf(h3, BADGES);
}

export const googleScholar = defineSiteAdapter({
  id: 'google-scholar',
  matches: TLDS.map((tld) => `https://scholar.google.${tld}/*`),
  paths: /^\/(scholar|citations)\b/,
  titles: ['td.gsc_a_t a.gsc_a_at'],

  *find(root) {
    for (const h3 of queryAll(root, 'h3.gs_rt')) yield resultTitle(h3);
  },

  // A result's title and side links (arXiv, DOI, OpenReview, a publisher's /doi/ path); profile rows link Scholar only.
  idsOf: (title, url) => linkedIds(title.closest('.gs_r'), url),
});
