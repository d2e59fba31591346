/**
 * The explicit list of site adapters: the one place a site is registered (the manifest's
 * match patterns, the options page's switches and the tests all read it). Order matters for
 * `adapterForUrl` (first match wins); the generic metadata adapter is last and is never picked
 * automatically.
 */
import { aclAnthology } from './acl-anthology';
import { arxiv } from './arxiv';
import { cvf } from './cvf';
import { dblp } from './dblp';
import { genericMetadata } from './generic-metadata';
import { googleScholar } from './google-scholar';
import { jmlr } from './jmlr';
import { neuripsProceedings } from './neurips-proceedings';
import { openreview } from './openreview';
import { pmlr } from './pmlr';
import { semanticScholar } from './semantic-scholar';
import type { SiteAdapter } from './types';
import { virtualSite } from './virtual-site';

export { genericMetadata as GENERIC_ADAPTER };

export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  openreview,
  arxiv,
  neuripsProceedings,
  virtualSite,
  pmlr,
  jmlr,
  aclAnthology,
  cvf,
  dblp,
  googleScholar,
  semanticScholar,
  genericMetadata,
];

/** Match patterns of every site-specific adapter (the generic adapter, which matches every URL, excluded). */
export const SITE_MATCH_PATTERNS: readonly string[] = SITE_ADAPTERS.filter(
  (adapter) => adapter !== genericMetadata,
).flatMap((adapter) => adapter.matches);

/** The first site-specific adapter that serves `url`; never the generic adapter. */
export function adapterForUrl(url: URL): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((adapter) => adapter !== genericMetadata && adapter.servesUrl(url));
}
