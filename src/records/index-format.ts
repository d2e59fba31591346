/**
 * The bundled index (version 5): a folder of files the extension loads with fetch(). Papers are
 * stored sorted by title key, so a cold start parses no per-paper JSON and builds no map: exact
 * title lookups are binary searches over the keys as stored.
 *   manifest.json           counts, venue names and the shard file names
 *   titles-NNN.txt          n title keys, then n titles, one a line: all exact matching needs
 *   refs-NNN.txt.gz         the same papers' numbers as one JSON line [venue, year, author count]
 *                           × n, then their n ids, one a line; read with the title shards
 *   contents-NNN.txt.gz     the same papers' content words (`titleContent`), one a line: what
 *                           the typo and truncation rules need, read right after the cold start
 *   details-NNN.json.gz     [venue kind, type, authors[], sources[]] of the same papers, by
 *                           position; loaded on the first preview, cluster or author lookup
 *   abstracts-NNN.json.gz   abstracts of the same papers, by position; loaded only when shown
 *   identity-NNN.txt.gz     the papers' page ids and the links those ids do not imply
 *                           (`encodeIdentity`), one line a paper, as many as a detail shard
 *   page-ids.txt.gz         per paper, one line of 4-character codes of its page ids' keys
 *                           (`pageIdCode`): finding a paper by page id scans this text for the
 *                           code, then checks the candidates' identity lines
 *   id-order.json.gz        paper positions sorted by id: finding a paper by id is a binary
 *                           search, loaded on the first preview (no map of every id at start)
 *   names-NNN.txt.gz        every distinct author name (sorted by cluster key), one a line:
 *                           name, search key, paper count and paper positions, tab-separated
 *   name-words.json.gz      the names' word starts in search order (`NameTable.wordStarts`):
 *                           with the names, the author lookup needs no work over the papers
 *   author-rows.json        [name key, author rows] pairs declared by the sources
 * Abstracts and details are gzipped (inflated with the platform's DecompressionStream): they are
 * most of the bytes and are read a shard at a time. Shards keep every file far below the 5 MiB
 * limit of the add-on stores. Written by `write-index.ts` (Node), read by `record-index.ts`.
 */
import type { Paper } from './schema';
import type { PaperIdentity } from './identity';
import { titleKey } from '../matching/normalise-title';
import { partitionPoint } from '../matching/sorted-search';

export const INDEX_FORMAT = 'arrow-lens-index';
export const INDEX_VERSION = 5;
export const PAPERS_PER_TITLE_SHARD = 20_000;
/** Small detail and abstract shards: a preview inflates one of each (gzip gains nothing from larger ones). */
export const PAPERS_PER_DETAIL_SHARD = 2_000;
export const ABSTRACTS_PER_SHARD = 500;
export const ID_ORDER_FILE = 'id-order.json.gz';
export const PAGE_ID_CODES_FILE = 'page-ids.txt.gz';

export interface IndexManifest {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  paperCount: number;
  /** Venue names; title shards refer to them by position. */
  venues: string[];
  titleShards: string[];
  /** Numbers and ids of the papers of each title shard, gzipped. */
  refShards: string[];
  papersPerTitleShard: number;
  /** Content words of the papers of each title shard, gzipped. */
  contentShards: string[];
  detailShards: string[];
  /** Ids and links, as many papers a shard as the detail shards. */
  identityShards: string[];
  papersPerDetailShard: number;
  abstractShards: string[];
  abstractsPerShard: number;
  nameShards: string[];
}

export const NAMES_PER_SHARD = 100_000;
export const NAME_WORDS_FILE = 'name-words.json.gz';

/** One names shard's text → its part of the name table. */
export function parseNameShard(text: string): { names: string[]; searchKeys: string[]; paperCounts: number[]; positions: string[] } {
  const names: string[] = [];
  const searchKeys: string[] = [];
  const paperCounts: number[] = [];
  const positions: string[] = [];
  if (text === '') return { names, searchKeys, paperCounts, positions };
  for (const line of text.split('\n')) {
    const [name, search, count, papers] = line.split('\t');
    names.push(name!);
    searchKeys.push(search!);
    paperCounts.push(Number(count));
    positions.push(papers!);
  }
  return { names, searchKeys, paperCounts, positions };
}

/** What matching titles needs, one array a field, by paper position. */
export interface TitleColumns {
  ids: readonly string[];
  titles: readonly string[];
  /** `titleKey(title)`, worked out by the build. */
  keys: readonly string[];
  venues: readonly string[];
  years: ArrayLike<number>;
  authorCounts: ArrayLike<number>;
}

/**
 * Where a paper's record came from, as the views name it: the source format of each file that
 * held it ("mlanthology", "arrow-export", "bibtex", …), or "user" for the user's own imports.
 */
export type SourceLabel = string;

/** The rest of a paper but its abstract. */
export type DetailTuple = [venueKind: string, type: string, authors: string[], sources: SourceLabel[]];
/**
 * A whole paper but its abstract and sources, in one tuple (how imported records are stored);
 * records imported before ids and links existed have no `identity`.
 */
export type PaperTuple = [id: string, title: string, venue: string, venueKind: string, year: number, type: string, authors: string[], titleKey: string, identity?: PaperIdentity];

/** A paper as the extension holds it in memory: everything but the abstract. */
export interface PaperSummary extends Omit<Paper, 'abstract' | 'provenance'> {
  sources: SourceLabel[];
}

/** What a title match returns at once, before any detail is loaded. */
export interface TitleSummary extends Pick<Paper, 'id' | 'title' | 'venue' | 'year'> {
  authorCount: number;
}

export function shardName(kind: string, n: number, extension: string): string {
  return `${kind}-${String(n).padStart(3, '0')}.${extension}`;
}

/** A paper as stored: without abstract and provenance, with its title key worked out once. */
export function paperTuple(p: Paper): PaperTuple {
  const tuple: PaperTuple = [p.id, p.title, p.venue, p.venueKind, p.year, p.type, p.authors, titleKey(p.title)];
  if (p.ids || p.links) tuple.push({ ...(p.ids ? { ids: p.ids } : {}), ...(p.links ? { links: p.links } : {}) });
  return tuple;
}

/** Each source format once, in the order the paper's provenance names them. */
export function sourceLabels(p: Pick<Paper, 'provenance'>): SourceLabel[] {
  return [...new Set(p.provenance.map((where) => where.format))];
}

/** Title columns of whole paper tuples already in memory (imported records, tests). */
export function titleColumns(tuples: readonly PaperTuple[]): TitleColumns {
  return {
    ids: tuples.map((t) => t[0]),
    titles: tuples.map((t) => t[1]),
    keys: tuples.map((t) => t[7]),
    venues: tuples.map((t) => t[2]),
    years: tuples.map((t) => t[4]),
    authorCounts: tuples.map((t) => t[6].length),
  };
}

/**
 * One title shard's text → its keys and titles. (`_venueNames` is what version 4 needed; tools
 * written for it still pass it.)
 */
export function parseTitleShard(text: string, _venueNames?: readonly string[]): Pick<TitleColumns, 'keys' | 'titles'> {
  const lines = text.split('\n');
  const n = lines.length / 2;
  if (!Number.isInteger(n)) throw new Error(`title shard: expected keys and titles in pairs, found ${lines.length} lines`);
  return { keys: lines.slice(0, n), titles: lines.slice(n) };
}

/** One refs shard's text → ids and numbers (venue numbers resolved against the manifest's names). */
export function parseRefShard(text: string, venueNames: readonly string[]): Pick<TitleColumns, 'ids' | 'venues' | 'years' | 'authorCounts'> {
  const newline = text.indexOf('\n');
  const numbers = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as number[];
  const n = numbers.length / 3;
  const ids = newline < 0 ? [] : text.slice(newline + 1).split('\n');
  if (!Number.isInteger(n) || ids.length !== n) throw new Error(`refs shard: expected ${n} ids, found ${ids.length}`);
  const venues = new Array<string>(n);
  const years = new Uint16Array(n);
  const authorCounts = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    venues[i] = venueNames[numbers[3 * i]!] ?? '';
    years[i] = numbers[3 * i + 1]!;
    authorCounts[i] = numbers[3 * i + 2]!;
  }
  return { ids, venues, years, authorCounts };
}

const CODE_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Length of one `pageIdCode`. */
export const PAGE_ID_CODE_LENGTH = 4;

/**
 * A page id key's 24-bit FNV-1a hash as 4 base-64 digits: small enough that the codes of every
 * paper's ids cost about 1 MB; a code names a candidate, which is then checked against its ids.
 */
export function pageIdCode(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash = (hash ^ (hash >>> 24)) & 0xffffff;
  return CODE_DIGITS[hash >>> 18]! + CODE_DIGITS[(hash >>> 12) & 63]! + CODE_DIGITS[(hash >>> 6) & 63]! + CODE_DIGITS[hash & 63]!;
}

/**
 * For each of `codes`, the positions (line numbers) whose line holds it at a code boundary, in a
 * page-ids text: one pass over the text for all of a request's ids, however many (a search per
 * code costs a scan of the text each: a 2,000-title listing would pay 2,000 of them).
 */
export function linesWithCodes(text: string, codes: Iterable<string>): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const code of codes) found.set(code, []);
  if (found.size === 0) return found;
  for (let line = 0, start = 0; start <= text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    for (let at = start; at + PAGE_ID_CODE_LENGTH <= stop; at += PAGE_ID_CODE_LENGTH) found.get(text.slice(at, at + PAGE_ID_CODE_LENGTH))?.push(line);
    start = stop + 1;
  }
  return found;
}

/** Binary search in `sorted` (code-unit order): the first position holding `value`, or -1. */
export function findSorted(count: number, valueAt: (i: number) => string, value: string): number {
  const lo = partitionPoint(0, count, (i) => valueAt(i) < value);
  return lo < count && valueAt(lo) === value ? lo : -1;
}

/** The TitleSummary of paper `i`. */
export function titleSummaryAt(columns: TitleColumns, i: number): TitleSummary {
  return { id: columns.ids[i]!, title: columns.titles[i]!, venue: columns.venues[i]!, year: columns.years[i]!, authorCount: columns.authorCounts[i]! };
}

/** A paper from its stored parts. */
export function paperSummary({ id, title, venue, year }: TitleSummary, [venueKind, type, authors, sources]: DetailTuple, identity: PaperIdentity = {}): PaperSummary {
  return { id, title, venue, venueKind, year, type, authors, sources, ...identity };
}

/** The inflated text of gzip bytes, with the platform's own decompressor (browsers and Node). */
export async function gunzipText(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}
