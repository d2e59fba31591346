/**
 * The bundled index: a folder of small JSON files the extension loads with fetch().
 *   manifest.json        counts and the shard file names
 *   papers-NNN.json      [id, title, venue, year, author count, title key] tuples: all that
 *                        matching titles needs, so the cold start parses nothing else; the
 *                        stored title key spares it any normalising
 *   details-NNN.json     [venue kind, type, authors[]] of the same papers, by position; loaded
 *                        on the first preview, cluster or author lookup
 *   abstracts-NNN.json   abstracts of the same papers, by position; loaded only when shown
 *   author-rows.json     [name key, author rows] pairs declared by the sources
 * Shards keep every file far below the 5 MiB limit of the add-on stores.
 */
import { titleKey } from '../matching/normalise-title';
import type { Paper } from './schema';

export const INDEX_FORMAT = 'arrow-lens-index';
export const INDEX_VERSION = 3;
export const PAPERS_PER_SHARD = 8_000;
export const ABSTRACTS_PER_SHARD = 1_000;

export interface IndexManifest {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  paperCount: number;
  paperShards: string[];
  detailShards: string[];
  papersPerShard: number;
  abstractShards: string[];
  abstractsPerShard: number;
}

/** What matching a title needs. */
export type TitleTuple = [id: string, title: string, venue: string, year: number, authorCount: number, titleKey: string];
/** The rest of a paper but its abstract. */
export type DetailTuple = [venueKind: string, type: string, authors: string[]];
/** A whole paper but its abstract, in one tuple (how imported records are stored). */
export type PaperTuple = [id: string, title: string, venue: string, venueKind: string, year: number, type: string, authors: string[], titleKey: string];

/** A paper as the extension holds it in memory: everything but the abstract. */
export type PaperSummary = Omit<Paper, 'abstract' | 'provenance'>;

/** What a title match returns at once, before any detail is loaded. */
export interface TitleSummary {
  id: string;
  title: string;
  venue: string;
  year: number;
  authorCount: number;
}

function shardName(kind: string, n: number): string {
  return `${kind}-${String(n).padStart(3, '0')}.json`;
}

/** File name → contents of a complete index for these papers. */
export function serialiseIndex(papers: readonly Paper[], authorRows: ReadonlyMap<string, number>): Map<string, string> {
  const files = new Map<string, string>();
  const paperShards: string[] = [];
  const detailShards: string[] = [];
  for (let start = 0, n = 0; start < papers.length || n === 0; start += PAPERS_PER_SHARD, n++) {
    const tuples = papers.slice(start, start + PAPERS_PER_SHARD).map(paperTuple);
    paperShards.push(shardName('papers', n));
    files.set(shardName('papers', n), JSON.stringify(tuples.map(titleTuple)));
    detailShards.push(shardName('details', n));
    files.set(shardName('details', n), JSON.stringify(tuples.map(detailTuple)));
  }
  const abstractShards: string[] = [];
  for (let start = 0, n = 0; start < papers.length; start += ABSTRACTS_PER_SHARD, n++) {
    const name = shardName('abstracts', n);
    abstractShards.push(name);
    files.set(name, JSON.stringify(papers.slice(start, start + ABSTRACTS_PER_SHARD).map((p) => p.abstract)));
  }
  const rows = [...authorRows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  files.set('author-rows.json', JSON.stringify(rows));
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    paperCount: papers.length,
    paperShards,
    detailShards,
    papersPerShard: PAPERS_PER_SHARD,
    abstractShards,
    abstractsPerShard: ABSTRACTS_PER_SHARD,
  };
  files.set('manifest.json', JSON.stringify(manifest, null, 1));
  return files;
}

/** A paper as stored: without abstract and provenance, with its title key worked out once. */
export function paperTuple(p: Paper): PaperTuple {
  return [p.id, p.title, p.venue, p.venueKind, p.year, p.type, p.authors, titleKey(p.title)];
}

export function titleTuple([id, title, venue, , year, , authors, key]: PaperTuple): TitleTuple {
  return [id, title, venue, year, authors.length, key];
}

export function detailTuple([, , , venueKind, , type, authors]: PaperTuple): DetailTuple {
  return [venueKind, type, authors];
}

export function titleSummary([id, title, venue, year, authorCount]: TitleTuple): TitleSummary {
  return { id, title, venue, year, authorCount };
}

/** A paper from its two stored halves. */
export function paperSummary({ id, title, venue, year }: TitleSummary, [venueKind, type, authors]: DetailTuple): PaperSummary {
  return { id, title, venue, venueKind, year, type, authors };
}
