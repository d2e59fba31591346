/**
 * Importer for ML Anthology files (https://mlanthology.org):
 *   per venue and year, `papers/<venue>-<year>.json.gz`:
 *     {"venue": "tmlr", "year": "2025", "papers": [{bibtex_key, title, authors: [{given, family, slug}],
 *      year, venue, venue_type, abstract, venue_url, openreview_url, source, source_id, …}, …]}
 *   older papers and workshops, `legacy/<venue>-legacy.jsonl.gz`: one such paper object a line.
 * Each paper is mapped onto our record schema, then validated by `readPaper` like any JSON record.
 * Author `slug`s are name-derived keys (homonyms share one), not author records: they never become authorIds.
 */
import { printParseErrorCode, parseTree, type ParseError } from 'jsonc-parser';
import { deeperThan, forEachJsonLine, MAX_JSON_DEPTH, readPaper, shown, type ImportedPaper, type JsonImportResult } from './json-records';
import type { RecordProblem, Repair } from './schema';
import { pageId, pageIdsFromUrl, type PageId } from './identity';

const FORMAT = 'mlanthology';

/** Conventional display names for venue slugs (ML Anthology's and Paper Copilot's); others are upper-cased. */
const VENUE_NAMES: Record<string, string> = {
  neurips: 'NeurIPS', nips: 'NeurIPS', corl: 'CoRL', acmmm: 'ACM MM', interspeech: 'Interspeech',
};

export function venueDisplayName(slug: string): string {
  const key = slug.trim().toLowerCase();
  return VENUE_NAMES[key] ?? key.toUpperCase();
}

/** venue_type → our venueKind and the Arrow export's publication type ("TMLR Journal 2025 Journal Article"). */
export function venueKindAndType(venueType: string): { venueKind: string; type: string } {
  const kind = venueType.trim().toLowerCase();
  if (kind === 'conference') return { venueKind: 'Conference', type: 'Conference Paper' };
  if (kind === 'journal') return { venueKind: 'Journal', type: 'Journal Article' };
  // Unknown kinds are kept (capitalised) but get no type: we don't invent Arrow vocabulary.
  return { venueKind: kind ? kind[0]!.toUpperCase() + kind.slice(1) : '', type: '' };
}

/** A JSON document whose first paper has a `bibtex_key` and {given, family, slug} authors. */
export function looksLikeMlAnthology(text: string): boolean {
  const head = text.slice(0, 20_000);
  return /^\uFEFF?\s*\{/.test(head) && /"papers"\s*:\s*\[/.test(head) && /"bibtex_key"\s*:/.test(head) && /"authors"\s*:\s*\[\s*\{\s*"(given|family|slug)"\s*:/.test(head);
}

/** JSONL whose first line is one ML Anthology paper object (a `bibtex_key` and {given, family, slug} authors). */
export function looksLikeMlAnthologyLines(text: string): boolean {
  const first = /^\uFEFF?\s*(\{[^\n]*)/.exec(text.slice(0, 200_000))?.[1];
  if (!first) return false;
  try {
    const paper = JSON.parse(first) as Json;
    return isObject(paper) && typeof paper.bibtex_key === 'string' && Array.isArray(paper.authors) && paper.authors.every((a) => isObject(a) && ('given' in a || 'family' in a || 'slug' in a));
  } catch {
    return false;
  }
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json): string => (typeof v === 'string' ? v : '');

export function importMlAnthology(text: string, file: string): JsonImportResult {
  const ctx = { file, format: FORMAT, problems: [] as RecordProblem[], repairs: [] as Repair[] };
  const body = text.replace(/^\uFEFF/, '');
  const fail = (line: number, field: string, message: string): JsonImportResult => ({
    papers: [], authorRows: [], repairs: [], problems: [{ file, line, field, message }],
  });
  let doc: Json;
  try {
    // Native JSON.parse plus one offset scan is several times faster than a jsonc parse tree
    // (NeurIPS 2025 alone is ~17 MB); the tree is only built to locate syntax errors.
    doc = JSON.parse(body);
  } catch {
    // The parse tree recurses once per level; locate over-deep nesting without it.
    const tooDeep = deeperThan(body, MAX_JSON_DEPTH);
    if (tooDeep >= 0) return fail(lineAt(body, tooDeep), 'json', `nested deeper than ${MAX_JSON_DEPTH} levels`);
    const errors: ParseError[] = [];
    parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    return fail(first ? lineAt(body, first.offset) : 1, 'json', `invalid JSON: ${first ? printParseErrorCode(first.error) : 'unreadable'}`);
  }
  if (!isObject(doc) || !Array.isArray(doc.papers)) return fail(1, 'papers', 'expected an object with a "papers" array');

  const offsets = paperOffsets(body);
  const lines = offsets.length === doc.papers.length ? linesOf(body, offsets) : null;
  const papers: ImportedPaper[] = [];
  doc.papers.forEach((raw: Json, i: number) => {
    const line = lines?.[i] ?? 1;
    const record = toRecord(raw, doc as Record<string, Json>, line, ctx.problems, file);
    if (!record) return;
    const paper = readPaper(record, line, ctx);
    if (paper) papers.push(paper);
  });
  return { papers, authorRows: [], repairs: ctx.repairs, problems: ctx.problems };
}

export function importMlAnthologyLines(text: string, file: string): JsonImportResult {
  const ctx = { file, format: FORMAT, problems: [] as RecordProblem[], repairs: [] as Repair[] };
  const papers: ImportedPaper[] = [];
  forEachJsonLine(text, file, ctx.problems, (raw, line) => {
    const record = toRecord(raw, {}, line, ctx.problems, file);
    const paper = record && readPaper(record, line, ctx);
    if (paper) papers.push(paper);
  });
  return { papers, authorRows: [], repairs: ctx.repairs, problems: ctx.problems };
}

/** One ML Anthology paper → our record shape; null (with problems) when it cannot be mapped. */
function toRecord(raw: Json, file: Record<string, Json>, line: number, problems: RecordProblem[], name: string): Record<string, Json> | null {
  const problem = (field: string, message: string) => {
    problems.push({ file: name, line, field, message });
    return null;
  };
  if (!isObject(raw)) return problem('paper', 'expected an object');
  const key = raw.bibtex_key;
  if (typeof key !== 'string' || key.trim() === '') return problem('bibtex_key', key === undefined ? 'missing' : 'expected a non-empty string');
  // Years are strings here ("2025"); the paper's own year wins over the file's.
  const yearText = raw.year ?? file.year;
  const year = typeof yearText === 'number' ? yearText : /^\s*\d{4}\s*$/.test(str(yearText)) ? Number(yearText) : NaN;
  if (Number.isNaN(year)) return problem('year', yearText === undefined ? 'missing' : `expected a year such as "2025", got ${shown(yearText)}`);
  if (!Array.isArray(raw.authors)) return problem('authors', raw.authors === undefined ? 'missing' : 'expected an array of {given, family}');
  const authors: string[] = [];
  for (const [i, a] of raw.authors.entries()) {
    if (!isObject(a) || (a.given != null && typeof a.given !== 'string') || (a.family != null && typeof a.family !== 'string')) {
      return problem('authors', `author ${i + 1}: expected {given, family} strings`);
    }
    // Single-name authors have an empty `given`; join and collapse so "A  B" and " A" read as "A B", "A".
    authors.push(`${str(a.given)} ${str(a.family)}`.trim().replace(/\s+/g, ' '));
  }
  const venueSlug = str(raw.venue) || str(file.venue);
  const { venueKind, type } = venueKindAndType(str(raw.venue_type));
  return {
    id: `mla:${key.trim()}`,
    title: raw.title,
    year,
    authors,
    venue: venueSlug ? venueDisplayName(venueSlug) : undefined,
    venueKind,
    type,
    abstract: raw.abstract,
    ...identityOf(raw),
  };
}

/**
 * The ids a paper's `source`/`source_id` and forum/page links state, and its links (`venue_url`,
 * `pdf_url`, `openreview_url`, `doi`, `code_url`), as the JSON schema's `ids` and `links`
 * (readPaper checks them). An OpenReview PDF of one revision (`/pdf/<sha>.pdf`) becomes the
 * forum's current PDF (`pdf?id=<forum>`): the same paper, and derived from the id in the index.
 */
export function identityOf(raw: Record<string, Json>): { ids: string[]; links: Record<string, Json> } {
  const source = str(raw.source);
  const sourceId = str(raw.source_id).trim();
  const ids: (PageId | null)[] = [];
  if (sourceId) {
    if (/^openreview\b/.test(source)) ids.push(pageId('openreview', sourceId));
    else if (/^pmlr\b/.test(source)) ids.push(pageId('pmlr', sourceId));
    else if (/^cvf\b/.test(source)) ids.push(pageId('cvf', sourceId));
    else if (/^dblp\b/.test(source)) ids.push(pageId('dblp', sourceId));
  }
  // Forum and page links name the paper itself (a PDF link may name another revision).
  for (const url of [str(raw.openreview_url), str(raw.venue_url)]) ids.push(...pageIdsFromUrl(url));
  if (str(raw.doi).trim()) ids.push(pageId('doi', str(raw.doi)));
  const forum = ids.find((id) => id?.startsWith('openreview:'))?.slice('openreview:'.length);
  const pdf = forum && /^https:\/\/openreview\.net\/pdf\/[0-9a-f]{40}\.pdf$/.test(str(raw.pdf_url)) ? `https://openreview.net/pdf?id=${forum}` : raw.pdf_url;
  const links: Record<string, Json> = { page: raw.venue_url, pdf, openreview: raw.openreview_url, code: raw.code_url };
  if (str(raw.doi).trim()) links.doi = `https://doi.org/${str(raw.doi).trim()}`;
  return { ids: [...new Set(ids.filter((id): id is PageId => id !== null))], links: Object.fromEntries(Object.entries(links).filter(([, v]) => v !== undefined && v !== null && v !== '')) };
}

/**
 * Offsets of the objects in the top-level "papers" array: a string-aware bracket scan, so a
 * paper's line is known without a parse tree. Only trusted when it finds as many as JSON.parse.
 */
export function paperOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let lastKey = '';
  let inPapers = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i + 1;
      do {
        i = text.indexOf('"', i + 1);
        if (i < 0) return offsets;
      } while (isEscaped(text, i));
      if (depth === 1) lastKey = text.slice(start, i);
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (depth === 1 && c === 0x5b) inPapers = lastKey === 'papers';
      else if (depth === 2 && inPapers && c === 0x7b) offsets.push(i);
      depth++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      if (depth === 1) inPapers = false;
    }
  }
  return offsets;
}

/** A quote is escaped when an odd number of backslashes precede it. */
function isEscaped(text: string, quote: number): boolean {
  let n = 0;
  for (let j = quote - 1; text.charCodeAt(j) === 0x5c; j--) n++;
  return n % 2 === 1;
}

/** 1-based lines of ascending offsets, counting newlines once through the text. */
function linesOf(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const offset of offsets) {
    for (let nl = text.indexOf('\n', from); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
    from = offset;
    lines.push(line);
  }
  return lines;
}

function lineAt(text: string, offset: number): number {
  return linesOf(text, [offset])[0]!;
}
