/**
 * The bundled index: a folder of small JSON files the extension loads with fetch().
 *   manifest.json        counts and the shard file names
 *   papers-NNN.json      [id, title, venue, venueKind, year, type, authors[], title key] tuples,
 *                        no abstracts; the stored title key spares the cold start any normalising
 *   abstracts-NNN.json   abstracts of the same papers, by position; loaded only when shown
 *   author-rows.json     [name key, author rows] pairs declared by the sources
 * Shards keep every file far below the 5 MiB limit of the add-on stores.
 */
import { titleKey } from '../matching/normalise-title';
import type { Paper } from './schema';

export const INDEX_FORMAT = 'arrow-lens-index';
export const INDEX_VERSION = 2;
export const PAPERS_PER_SHARD = 8_000;
export const ABSTRACTS_PER_SHARD = 1_000;

export interface IndexManifest {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  paperCount: number;
  paperShards: string[];
  abstractShards: string[];
  abstractsPerShard: number;
}

export type PaperTuple = [id: string, title: string, venue: string, venueKind: string, year: number, type: string, authors: string[], titleKey: string];

/** A paper as the extension holds it in memory: everything but the abstract. */
export type PaperSummary = Omit<Paper, 'abstract' | 'provenance'>;

function shardName(kind: string, n: number): string {
  return `${kind}-${String(n).padStart(3, '0')}.json`;
}

/** File name → contents of a complete index for these papers. */
export function serialiseIndex(papers: readonly Paper[], authorRows: ReadonlyMap<string, number>): Map<string, string> {
  const files = new Map<string, string>();
  const paperShards: string[] = [];
  for (let start = 0, n = 0; start < papers.length || n === 0; start += PAPERS_PER_SHARD, n++) {
    const tuples = papers.slice(start, start + PAPERS_PER_SHARD).map(paperTuple);
    const name = shardName('papers', n);
    paperShards.push(name);
    files.set(name, JSON.stringify(tuples));
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

export function paperFromTuple([id, title, venue, venueKind, year, type, authors]: PaperTuple): PaperSummary {
  return { id, title, venue, venueKind, year, type, authors };
}
