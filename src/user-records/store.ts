/**
 * Records the user imported, kept in the extension's IndexedDB (via `idb`, a thin promise
 * wrapper that keeps IndexedDB's transactions visible instead of hiding them). The options
 * page writes here; the background reads every source back as a RecordPart.
 *
 *   sources    one row per imported file: what the options page lists
 *   papers     [sourceId, chunk] → paper tuples (the bundled index's shard format)
 *   abstracts  [sourceId, chunk] → abstracts of the same papers, read only when shown
 *
 * A file is added in one transaction over all three stores: a failed or interrupted import
 * leaves nothing behind.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { lazyChunks, partFromTuples, type RecordPart } from '../records/record-index';
import type { PaperTuple } from '../records/index-format';
import type { NameDeclaration } from '../records/merge';

export const USER_RECORDS_DB = 'arrow-lens-user-records';
const DB_VERSION = 1;
export const PAPERS_PER_CHUNK = 2_000;
export const ABSTRACTS_PER_CHUNK = 500;

/** What the options page shows about one imported file. */
export interface UserSource {
  id: string;
  /** The file's name as the user picked it. */
  name: string;
  format: string;
  importedAt: number;
  /** Size of the file as picked (compressed, when gzipped). */
  bytes: number;
  paperCount: number;
  /** [clusterKey(name), author rows] the file declares. */
  /** [clusterKey, author rows, declared papers?]; imports stored before declared papers have pairs. */
  authorRows: NameDeclaration[];
  /** Mojibake repairs made, as `file:line: field: "from" → "to"` lines (the first few). */
  repairs: string[];
  repairCount: number;
  /** Entries left out, as `file:line: field: message` lines (the first few). */
  problems: string[];
  problemCount: number;
}

interface UserRecordsSchema extends DBSchema {
  sources: { key: string; value: UserSource };
  papers: { key: [string, number]; value: PaperTuple[] };
  abstracts: { key: [string, number]; value: string[] };
}

export type UserRecordsDb = IDBPDatabase<UserRecordsSchema>;

export function openUserRecords(): Promise<UserRecordsDb> {
  return openDB<UserRecordsSchema>(USER_RECORDS_DB, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('sources', { keyPath: 'id' });
      db.createObjectStore('papers');
      db.createObjectStore('abstracts');
    },
  });
}

/** Every key [sourceId, n] of one source. */
const keysOf = (sourceId: string) => IDBKeyRange.bound([sourceId, 0], [sourceId, Infinity]);

export async function listSources(db: UserRecordsDb): Promise<UserSource[]> {
  return (await db.getAll('sources')).sort((a, b) => a.importedAt - b.importedAt || (a.id < b.id ? -1 : 1));
}

/**
 * Stores one imported file, all or nothing; `onProgress` gets the share of papers written (0–1).
 * A file imported again under the same name replaces the earlier import in the same
 * transaction (a newer export of the same list), so the list never holds it twice.
 */
export async function addSource(
  db: UserRecordsDb,
  source: UserSource,
  tuples: readonly PaperTuple[],
  abstracts: readonly string[],
  onProgress?: (share: number) => void,
): Promise<void> {
  const tx = db.transaction(['sources', 'papers', 'abstracts'], 'readwrite');
  const writes: Promise<unknown>[] = [];
  try {
    const earlier = (await tx.objectStore('sources').getAll()).filter((s) => s.name === source.name && s.id !== source.id);
    for (const old of earlier) writes.push(...deleteSource(tx, old.id));
    writes.push(tx.objectStore('sources').put(source));
    const papers = tx.objectStore('papers');
    for (let start = 0; start < tuples.length; start += PAPERS_PER_CHUNK) {
      const write = papers.put(tuples.slice(start, start + PAPERS_PER_CHUNK), [source.id, start / PAPERS_PER_CHUNK]);
      writes.push(write.then(() => onProgress?.(Math.min(1, (start + PAPERS_PER_CHUNK) / tuples.length))));
    }
    const store = tx.objectStore('abstracts');
    for (let start = 0; start < abstracts.length; start += ABSTRACTS_PER_CHUNK) {
      writes.push(store.put(abstracts.slice(start, start + ABSTRACTS_PER_CHUNK), [source.id, start / ABSTRACTS_PER_CHUNK]));
    }
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    // A write that throws at once (a value that cannot be stored) does not abort the
    // transaction by itself: abort it, so no part of this file is kept.
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    await Promise.allSettled([...writes, tx.done]);
    throw error;
  }
}

export async function removeSource(db: UserRecordsDb, id: string): Promise<void> {
  const tx = db.transaction(['sources', 'papers', 'abstracts'], 'readwrite');
  await Promise.all([...deleteSource(tx, id), tx.done]);
}

type WriteTransaction = IDBPTransaction<UserRecordsSchema, ('sources' | 'papers' | 'abstracts')[], 'readwrite'>;

function deleteSource(tx: WriteTransaction, id: string): Promise<void>[] {
  return [tx.objectStore('sources').delete(id), tx.objectStore('papers').delete(keysOf(id)), tx.objectStore('abstracts').delete(keysOf(id))];
}

/** Every imported file as a part of the record index, oldest import first. */
export async function loadUserParts(db: UserRecordsDb): Promise<RecordPart[]> {
  const sources = await listSources(db);
  return Promise.all(
    sources.map(async (source): Promise<RecordPart> => {
      const chunks = await db.getAll('papers', keysOf(source.id));
      return partFromTuples(
        chunks.flat(),
        source.authorRows,
        lazyChunks(ABSTRACTS_PER_CHUNK, async (n) => (await db.get('abstracts', [source.id, n])) ?? []),
      );
    }),
  );
}
