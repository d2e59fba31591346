/**
 * Paper identity, declared once: the ids that name a paper on the web (page ids) and the links
 * that open it. Importers fill them, the index stores them (links derived from ids where the URL
 * is a template), the views show them, and adapters will match pages by them.
 *
 * A page id is `<kind>:<value>`, normalised so that the same paper gives the same string
 * wherever it was read (a record, a URL, a page):
 *   openreview:<forum id>            as OpenReview writes it (case matters)
 *   doi:<doi>                        lower-cased (DOIs are case-insensitive)
 *   arxiv:<id>                       without its version: arxiv:2101.00001, arxiv:cs/0101001
 *   pmlr:v<volume>/<key>             pmlr:v235/smith24a
 *   neurips:<year>/<hash>            the proceedings hash is reused across years: the year keeps it unique
 *   cvf:<path>                       the CVF open-access page path: cvf:content/CVPR2021/html/X_CVPR_2021_paper.html
 *   ecva:<path>                      the ECVA page path: ecva:eccv_2018/papers_ECCV/html/X_ECCV_2018_paper.php
 *   jmlr:v<volume>/<key>             jmlr:v2/bshouty02a (a key alone names two papers)
 *   dblp:<key>                       dblp:conf/alt/Akaho92
 */

export const LINK_KINDS = ['page', 'pdf', 'openreview', 'doi', 'arxiv', 'code'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/** Where a paper can be opened, by kind; every value an absolute http(s) URL. */
export type PaperLinks = Partial<Record<LinkKind, string>>;

export const ID_KINDS = ['openreview', 'doi', 'arxiv', 'pmlr', 'neurips', 'cvf', 'ecva', 'jmlr', 'dblp'] as const;
export type IdKind = (typeof ID_KINDS)[number];
export type PageId = `${IdKind}:${string}`;

/** What identifies a paper and where it opens: part of every paper shape (schema, index, views). */
export interface PaperIdentity {
  /** Normalised page ids (`pageId`), each once. */
  ids?: PageId[];
  links?: PaperLinks;
}

const ID_VALUE: Record<IdKind, RegExp> = {
  openreview: /^[A-Za-z0-9_-]{4,64}$/,
  doi: /^10\.\d{4,9}\/[^\s]{1,300}$/,
  arxiv: /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})$/,
  pmlr: /^v\d{1,4}\/[A-Za-z0-9_.-]{1,100}$/,
  neurips: /^\d{4}\/[0-9a-f]{32}$/,
  cvf: /^content[A-Za-z0-9_]*\/[^\s?#]{1,300}\.html$/,
  ecva: /^eccv_\d{4}\/[^\s?#]{1,300}\.php$/,
  jmlr: /^v\d{1,4}\/[A-Za-z0-9_.-]{1,100}$/,
  dblp: /^(?:conf|journals|books|series|phd|reference|tr|persons|informal|ms|homepages)\/[^\s?#]{1,200}$/,
};

/** The normalised page id of a kind and raw value, or null when the value is not one of that kind. */
export function pageId(kind: IdKind, raw: string): PageId | null {
  let value = raw.trim();
  if (kind === 'doi') value = value.replace(/^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)/i, '').toLowerCase();
  if (kind === 'arxiv') value = value.replace(/^arxiv:/i, '').replace(/v\d+$/, '').toLowerCase();
  if (kind === 'neurips') value = value.toLowerCase();
  if (kind === 'cvf' || kind === 'ecva') value = value.replace(/^\/+/, '');
  return ID_VALUE[kind].test(value) ? `${kind}:${value}` : null;
}

/** The longest page id: the longest value a kind allows (a CVF workshop path) fits, with its kind. */
export const PAGE_ID_MAX_LENGTH = 400;

/** A string that is a well-formed page id, normalised (`DOI:10.1/X` → `doi:10.1/x`), or null. */
export function parsePageId(text: string): PageId | null {
  if (text.length > PAGE_ID_MAX_LENGTH) return null;
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const kind = text.slice(0, colon).toLowerCase() as IdKind;
  return (ID_KINDS as readonly string[]).includes(kind) ? pageId(kind, text.slice(colon + 1)) : null;
}

/**
 * The key under which the index finds a page id: the id itself, except that CVF and ECVA
 * paths are compared case-blind (the same page is written `content_ICCV_2017` and `content_iccv_2017`).
 */
export function pageIdKey(id: PageId): string {
  return id.startsWith('cvf:') || id.startsWith('ecva:') ? id.toLowerCase() : id;
}

/** Only absolute http(s) URLs are links; anything else (javascript:, data:, relative) is not. */
export function safeLink(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!/^https?:\/\//i.test(text) || text.length > 2_000) return null;
  try {
    const url = new URL(text);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return null;
    // DOIs are case-insensitive: one spelling, so a link equals the one its id derives.
    if (/^(?:dx\.)?doi\.org$/i.test(url.hostname)) return `https://doi.org/${decodeURIComponent(url.pathname.slice(1)).toLowerCase()}`;
    return url.href;
  } catch {
    return null;
  }
}

/** URLs that may name a page id: the hosts below, or a publisher's DOI path. */
const ID_URL = /^https?:\/\/(?:www\.)?(?:openreview\.net|(?:dx\.)?doi\.org|(?:export\.)?arxiv\.org|proceedings\.mlr\.press|raw\.githubusercontent\.com|proceedings\.neurips\.cc|papers\.neurips\.cc|papers\.nips\.cc|openaccess\.thecvf\.com|ecva\.net|jmlr\.org|dblp\.org|dblp\.uni-trier\.de)[/:?#]|^https?:\/\/[^/]+\/(?:doi|chapter|article|content\/pdf)\/(?:abs\/|full\/|pdf\/|epdf\/)?10\./i;

/**
 * The page ids a URL names (most URLs name none): OpenReview forum/pdf links, DOI links (and
 * publishers' /doi/ paths), arXiv abs/pdf/html, PMLR papers and PDFs, NeurIPS proceedings pages
 * and files, CVF and ECVA pages and PDFs, JMLR pages and PDFs, DBLP records.
 */
export function pageIdsFromUrl(href: string): PageId[] {
  // Most links name no id: a string test spares them the URL parser (importers call this per link).
  if (!ID_URL.test(href)) return [];
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return [];
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return [];
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  const ids: (PageId | null)[] = [];
  const m = (re: RegExp) => re.exec(path);
  if (host === 'openreview.net') {
    const id = url.searchParams.get('id');
    if (id && /^\/(?:forum|pdf|attachment)$/.test(path)) ids.push(pageId('openreview', id));
  } else if (host === 'doi.org' || host === 'dx.doi.org') {
    ids.push(pageId('doi', path.slice(1)));
  } else if (host === 'arxiv.org' || host === 'export.arxiv.org') {
    const found = m(/^\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/);
    if (found) ids.push(pageId('arxiv', found[1]!));
  } else if (host === 'proceedings.mlr.press') {
    const found = m(/^\/(v\d+)\/([^/]+?)(?:\.html|\/\2\.pdf|\.pdf)$/);
    if (found) ids.push(pageId('pmlr', `${found[1]}/${found[2]}`));
  } else if (host === 'raw.githubusercontent.com') {
    const found = m(/^\/mlresearch\/(v\d+)\/[^/]+\/assets\/([^/]+)\/\2\.pdf$/);
    if (found) ids.push(pageId('pmlr', `${found[1]}/${found[2]}`));
  } else if (host === 'proceedings.neurips.cc' || host === 'papers.neurips.cc' || host === 'papers.nips.cc') {
    const found = m(/^\/paper(?:_files\/paper)?\/(\d{4})\/(?:hash|file)\/([0-9a-f]{32})-/i);
    if (found) ids.push(pageId('neurips', `${found[1]}/${found[2]}`));
  } else if (host === 'openaccess.thecvf.com') {
    // content…/[workshop/]html|papers/[workshop/]file.html|pdf: the page is the html one.
    const found = m(/^\/(content[^/]*\/(?:[^/]+\/)*?)(?:html|papers)\/((?:[^/]+\/)*[^/]+)\.(?:html|pdf)$/);
    if (found) ids.push(pageId('cvf', `${found[1]}html/${found[2]}.html`));
  } else if (host === 'ecva.net') {
    const found = m(/^\/papers\/(eccv_\d{4}\/papers_ECCV)\/(html|papers)\/([^/]+)\.(php|pdf)$/);
    if (found) ids.push(pageId('ecva', `${found[1]}/html/${found[3]}.php`));
  } else if (host === 'jmlr.org') {
    const found = m(/^\/papers\/(?:v(\d+)\/([^/]+?)\.html|volume(\d+)\/([^/]+)\/\4\.pdf)$/);
    if (found) ids.push(pageId('jmlr', `v${found[1] ?? found[3]}/${found[2] ?? found[4]}`));
  } else if (host === 'dblp.org' || host === 'dblp.uni-trier.de') {
    const found = m(/^\/rec\/(?:html\/|bibtex\/|xml\/)?(.+?)(?:\.html|\.bib|\.xml)?$/);
    if (found) ids.push(pageId('dblp', found[1]!));
  }
  // Publishers' DOI paths: dl.acm.org/doi/10.1145/…, link.springer.com/chapter/10.1007/…
  const doiPath = /^\/(?:doi\/(?:abs\/|full\/|pdf\/|epdf\/)?|(?:chapter|article|content\/pdf)\/)(10\.\d{4,9}\/[^?#]+?)(?:\.pdf)?$/.exec(path);
  if (doiPath && host !== 'doi.org' && host !== 'dx.doi.org') ids.push(pageId('doi', doiPath[1]!));
  return [...new Set(ids.filter((id): id is PageId => id !== null))];
}

/** A page id's kind and value. */
export function splitPageId(id: PageId): [IdKind, string] {
  const colon = id.indexOf(':');
  return [id.slice(0, colon) as IdKind, id.slice(colon + 1)];
}

interface LinkTemplate {
  id: IdKind;
  link: LinkKind;
  url(value: string): string;
}

const neuripsFile = (suffix: string) => (v: string) => `https://proceedings.neurips.cc/paper_files/paper/${v.slice(0, 4)}/file/${v.slice(5)}${suffix}`;
/** A CVF page path's PDF: its html folder is papers, and .html is .pdf. */
const cvfPdf = (v: string) => v.replace(/\/html\//, '/papers/').replace(/\.html$/, '.pdf');
const pmlrPdf = (v: string) => `${v.slice(v.indexOf('/') + 1)}/${v.slice(v.indexOf('/') + 1)}.pdf`;

/**
 * Links that exist for every paper with an id of that kind: derived, never stored. The first
 * template of a kind that gives a `page` is the paper's page when its first id is of that kind.
 */
const IMPLIED: readonly LinkTemplate[] = [
  { id: 'openreview', link: 'openreview', url: (v) => `https://openreview.net/forum?id=${v}` },
  { id: 'doi', link: 'doi', url: (v) => `https://doi.org/${v}` },
  { id: 'arxiv', link: 'arxiv', url: (v) => `https://arxiv.org/abs/${v}` },
];

/** Page templates, in the order a paper's ids are tried for its page. */
const PAGES: readonly LinkTemplate[] = [
  { id: 'neurips', link: 'page', url: (v) => `https://proceedings.neurips.cc/paper_files/paper/${v.slice(0, 4)}/hash/${v.slice(5)}-Abstract.html` },
  { id: 'pmlr', link: 'page', url: (v) => `https://proceedings.mlr.press/${v}.html` },
  { id: 'cvf', link: 'page', url: (v) => `https://openaccess.thecvf.com/${v}` },
  { id: 'ecva', link: 'page', url: (v) => `https://www.ecva.net/papers/${v}` },
  { id: 'jmlr', link: 'page', url: (v) => `https://jmlr.org/papers/${v}.html` },
  { id: 'openreview', link: 'page', url: (v) => `https://openreview.net/forum?id=${v}` },
  { id: 'arxiv', link: 'page', url: (v) => `https://arxiv.org/abs/${v}` },
  { id: 'doi', link: 'page', url: (v) => `https://doi.org/${v}` },
];

/**
 * Links a paper may have that follow from one of its ids, but not for every paper (which PDF
 * file name a proceedings uses): the bundled index stores the template's number instead of the
 * URL (it is rebuilt whenever this code changes; imported records keep whole URLs).
 */
export const LINK_VARIANTS: readonly LinkTemplate[] = [
  { id: 'neurips', link: 'pdf', url: neuripsFile('-Paper.pdf') },
  { id: 'neurips', link: 'pdf', url: neuripsFile('-Paper-Conference.pdf') },
  { id: 'neurips', link: 'pdf', url: neuripsFile('-Paper-Datasets_and_Benchmarks.pdf') },
  { id: 'neurips', link: 'pdf', url: neuripsFile('-Paper-Datasets_and_Benchmarks_Track.pdf') },
  { id: 'pmlr', link: 'pdf', url: (v) => `https://proceedings.mlr.press/${v.slice(0, v.indexOf('/'))}/${pmlrPdf(v)}` },
  { id: 'pmlr', link: 'pdf', url: (v) => `http://proceedings.mlr.press/${v.slice(0, v.indexOf('/'))}/${pmlrPdf(v)}` },
  { id: 'pmlr', link: 'pdf', url: (v) => `https://raw.githubusercontent.com/mlresearch/${v.slice(0, v.indexOf('/'))}/main/assets/${pmlrPdf(v)}` },
  { id: 'cvf', link: 'pdf', url: (v) => `https://openaccess.thecvf.com/${cvfPdf(v)}` },
  // Older proceedings name the folder content_iccv_2017 in the page path and content_ICCV_2017 in the PDF's.
  { id: 'cvf', link: 'pdf', url: (v) => `https://openaccess.thecvf.com/${cvfPdf(v).replace(/^content_([a-z]+)_/, (_, venue: string) => `content_${venue.toUpperCase()}_`)}` },
  { id: 'ecva', link: 'pdf', url: (v) => `https://www.ecva.net/papers/${v.replace(/\/html\/([^/]+)\.php$/, '/papers/$1.pdf')}` },
  { id: 'jmlr', link: 'pdf', url: (v) => `https://jmlr.org/papers/volume${v.slice(1, v.indexOf('/'))}/${v.slice(v.indexOf('/') + 1)}/${v.slice(v.indexOf('/') + 1)}.pdf` },
  { id: 'openreview', link: 'pdf', url: (v) => `https://openreview.net/pdf?id=${v}` },
  { id: 'arxiv', link: 'pdf', url: (v) => `https://arxiv.org/pdf/${v}` },
  { id: 'doi', link: 'pdf', url: (v) => `https://link.springer.com/content/pdf/${v}.pdf` },
  { id: 'doi', link: 'pdf', url: (v) => `https://dl.acm.org/doi/pdf/${v}` },
];

/** The value of the first id of `kind`, if the paper has one. */
function firstOf(ids: readonly PageId[], kind: IdKind): string | undefined {
  const found = ids.find((id) => id.startsWith(`${kind}:`));
  return found === undefined ? undefined : found.slice(kind.length + 1);
}

/** The links a paper's ids imply: OpenReview, DOI and arXiv links, and its page. */
export function impliedLinks(ids: readonly PageId[]): PaperLinks {
  const links: PaperLinks = {};
  for (const template of IMPLIED) {
    const value = firstOf(ids, template.id);
    if (value !== undefined) links[template.link] = template.url(value);
  }
  for (const template of PAGES) {
    const value = firstOf(ids, template.id);
    if (value !== undefined) {
      links.page = template.url(value);
      break;
    }
  }
  return links;
}

/** One stored link: `kind=url`, or `kind=^n` for LINK_VARIANTS[n] applied to the paper's id. */
export type StoredLink = `${LinkKind}=${string}`;

/**
 * The compact form the index stores: the ids, then only the links the ids do not imply, a
 * template's number where one gives the URL. One line, fields tab-separated (ids and URLs hold
 * no tab). `decodeIdentity` reverses it.
 */
export function encodeIdentity({ ids = [], links = {} }: PaperIdentity): string {
  const implied = impliedLinks(ids);
  const fields: string[] = [...ids];
  for (const kind of LINK_KINDS) {
    const url = links[kind];
    if (url === undefined || url === implied[kind]) continue;
    const variant = LINK_VARIANTS.findIndex((t) => t.link === kind && firstOf(ids, t.id) !== undefined && t.url(firstOf(ids, t.id)!) === url);
    fields.push(`${kind}=${variant >= 0 ? `^${variant}` : url}`);
  }
  // Implied links the paper does not have are still real pages of its ids: not stored as absent.
  return fields.join('\t');
}

export function decodeIdentity(line: string): PaperIdentity {
  if (line === '') return {};
  const ids: PageId[] = [];
  const stored: [LinkKind, string][] = [];
  for (const field of line.split('\t')) {
    const eq = field.indexOf('=');
    const colon = field.indexOf(':');
    if (eq > 0 && (colon < 0 || eq < colon)) stored.push([field.slice(0, eq) as LinkKind, field.slice(eq + 1)]);
    else ids.push(field as PageId);
  }
  const links = impliedLinks(ids);
  for (const [kind, value] of stored) {
    if (value.startsWith('^')) {
      const template = LINK_VARIANTS[Number(value.slice(1))];
      const id = template && firstOf(ids, template.id);
      if (template && id !== undefined) links[kind] = template.url(id);
    } else {
      links[kind] = value;
    }
  }
  return { ...(ids.length ? { ids } : {}), ...(Object.keys(links).length ? { links } : {}) };
}

/**
 * One source's ids and links added to a paper's: ids unioned in order, a link kind the paper
 * lacks taken from the source (the first source that gives a kind keeps it).
 */
export function unionIdentity(target: PaperIdentity, other: PaperIdentity): void {
  if (other.ids?.length) target.ids = [...new Set([...(target.ids ?? []), ...other.ids])];
  if (other.links) {
    for (const kind of LINK_KINDS) {
      const url = other.links[kind];
      if (url !== undefined && target.links?.[kind] === undefined) target.links = { ...target.links, [kind]: url };
    }
  }
}

/** Ids implied by a paper's links (an arXiv PDF, a DOI link), added to the ids it states. */
export function idsWithLinks(ids: readonly PageId[], links: PaperLinks): PageId[] {
  const all = [...ids];
  for (const kind of LINK_KINDS) {
    const url = links[kind];
    if (url === undefined || kind === 'code') continue;
    for (const id of pageIdsFromUrl(url)) {
      // One id of a kind from links; a stated id of that kind wins (a PDF may be another note's).
      const [idKind] = splitPageId(id);
      if (!all.some((known) => known.startsWith(`${idKind}:`))) all.push(id);
    }
  }
  return [...new Set(all)];
}
