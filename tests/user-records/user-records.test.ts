/**
 * Records the user imports: file → prepared source → IndexedDB (fake-indexeddb, the W3C test
 * suite's in-memory implementation) → parts of the index the background answers from.
 */
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordsService } from '../../src/background/records-service';
import { importArrowExport } from '../../src/records/arrow-export';
import { serialiseIndex } from '../../src/records/write-index';
import { mergeRecords } from '../../src/records/merge';
import { RecordIndex } from '../../src/records/record-index';
import { ImportError, prepareSource, readRecordFile } from '../../src/user-records/import-file';
import { addSource, listSources, loadUserParts, openUserRecords, removeSource, USER_RECORDS_DB, type UserRecordsDb } from '../../src/user-records/store';
import { HAS_SHARED, MLANTHOLOGY_DIR, PAPERLISTS_DIR } from '../helpers/shared-data';
import { SEED_FILE, SEED_TITLES, seedText } from '../helpers/seed';

const seedFiles = () => {
  const merged = mergeRecords([importArrowExport(seedText(), SEED_FILE)]);
  return serialiseIndex(merged.papers, merged.authorRows);
};
const readSeed = (files = seedFiles()) => async (name: string) => files.get(name) ?? Promise.reject(new Error(`no ${name}`));

const line = (paper: Record<string, unknown>) => JSON.stringify(paper);
/** Our JSONL schema: a paper already in the seed (other case and spacing), two new ones, one broken line. */
const MY_JSONL = [
  line({ title: 'the narrow gate:  localized image-text communication in native multimodal models', year: 2025, authors: ['Alessandro Serra', 'Lorenzo Basile'], venue: 'NeurIPS' }),
  line({ title: 'A Study of Sparse Probing in Vision Transformers', year: 2024, authors: ['Lorenzo Basile', 'Ada Lovelace'], venue: 'ICML', abstract: 'We probe sparse features.' }),
  line({ title: 'Missing Year Paper', authors: ['X Y'] }),
  line({ title: 'Curvature of Loss Landscapes Revisited', year: 2023, authors: ['Grace Hopper'], venue: 'TMLR', abstract: 'Loss landscapes, again.' }),
].join('\n');

const file = (text: string | Uint8Array, name: string) => new File([text as BlobPart], name);

describe('prepareSource: a file the user picked, through the CLI pipeline', () => {
  it('imports the seed export with its author rows and its mojibake repair listed', () => {
    const { source, tuples, abstracts } = prepareSource(seedText(), { name: 'basile.txt', bytes: 1234 }, 'id-1', 1);
    expect(source).toMatchObject({ id: 'id-1', name: 'basile.txt', format: 'arrow-export', paperCount: 5, bytes: 1234, problemCount: 0 });
    expect(source.authorRows).toContainEqual(['lorenzo basile', 2, 5]);
    expect(source.repairCount).toBeGreaterThan(0);
    expect(source.repairs.join('\n')).toContain('Rodolà');
    expect(tuples.map((t) => t[1]).sort()).toEqual([...SEED_TITLES].sort());
    expect(abstracts.every((a) => a.length > 100)).toBe(true);
  });

  it('leaves out broken entries, keeps the rest and lists each problem with its line and field', () => {
    const { source, tuples } = prepareSource(MY_JSONL, { name: 'mine.jsonl', bytes: 1 }, 'id-2', 1);
    expect(tuples).toHaveLength(3);
    expect(source.problems).toEqual(['mine.jsonl:3: year: missing']);
    expect(source.problemCount).toBe(1);
  });

  it('a big BibTeX file reports how much of it is parsed as it goes', () => {
    const bib = Array.from({ length: 2_000 }, (_, i) => `@misc{k${i},\n  title = {Paper number ${i}},\n  year = 2024,\n  author = {Doe, Jane},\n  abstract = {Plain words about paper ${i}.}\n}\n`).join('\n');
    const shares: number[] = [];
    const { source } = prepareSource(bib, { name: 'big.bib', bytes: bib.length }, 'id-3', 1, (s) => shares.push(s));
    expect(source.paperCount).toBe(2_000);
    expect(shares.length).toBeGreaterThan(1);
    expect(shares[0]).toBeLessThan(1);
    expect(shares.at(-1)).toBe(1);
    // 2,000 entries through the BibTeX parser: up to 2.5 s on a busy 2-core machine.
  }, 30_000);

  it('refuses a file without a single usable record, saying why', () => {
    expect(() => prepareSource('{"title": 3}\n', { name: 'bad.jsonl', bytes: 1 }, 'x', 1)).toThrow(ImportError);
    try {
      prepareSource('   \n', { name: 'blank.json', bytes: 4 }, 'x', 1);
    } catch (error) {
      expect((error as ImportError).problems).toEqual(['blank.json:1: file: empty file: no records']);
    }
    expect(() => prepareSource('hello', { name: 'notes.txt', bytes: 5 }, 'x', 1)).toThrow(/notes\.txt:1: format: unknown record format/);
  });
});

describe('readRecordFile: bytes of a picked file', () => {
  it('reads gzip data by its bytes, whatever the name, and plain UTF-8 text', async () => {
    const shares: number[] = [];
    expect(await readRecordFile(file(gzipSync(Buffer.from(MY_JSONL)), 'mine.jsonl.gz'), (s) => shares.push(s))).toBe(MY_JSONL);
    expect(shares.at(-1)).toBe(1);
    expect(await readRecordFile(file(gzipSync(Buffer.from('x')), 'oddly-named.jsonl'))).toBe('x');
    expect(await readRecordFile(file('Rodolà', 'a.txt'))).toBe('Rodolà');
  });

  it('names the file and line of what it cannot read', async () => {
    await expect(readRecordFile(file('{}', 'a.jsonl.gz'))).rejects.toThrow('a.jsonl.gz:1: file: not gzip data, though the name ends in .gz');
    await expect(readRecordFile(file(new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xe9, 0x0a]), 'latin1.txt'))).rejects.toThrow('latin1.txt:3: file: not valid UTF-8 text (byte 0xE9 at line 3)');
    const truncated = gzipSync(Buffer.from(MY_JSONL)).subarray(0, 40);
    await expect(readRecordFile(file(truncated, 'cut.jsonl.gz'))).rejects.toThrow(/cut\.jsonl\.gz:1: file: corrupt gzip data/);
  });
});

describe('the user-records store', () => {
  let db: UserRecordsDb;
  beforeEach(async () => {
    db = await openUserRecords();
  });
  afterEach(async () => {
    db.close();
    await new Promise((done) => {
      indexedDB.deleteDatabase(USER_RECORDS_DB).onsuccess = done;
    });
  });

  const store = async (text: string, name: string, id: string, at = 1) => {
    const prepared = prepareSource(text, { name, bytes: text.length }, id, at);
    await addSource(db, prepared.source, prepared.tuples, prepared.abstracts);
    return prepared;
  };

  it('merges imports after the bundled records: duplicates dropped, new papers matched, abstracts read back', async () => {
    await store(MY_JSONL, 'mine.jsonl', 'mine');
    const index = await RecordIndex.load(readSeed(), await loadUserParts(db));
    expect(index.size).toBe(5 + 2);
    const probe = index.matchTitle('A study of sparse probing in vision transformers');
    expect(probe?.paper).toMatchObject({ venue: 'ICML', year: 2024 });
    expect(await index.abstractOf(probe!.paper.id)).toBe('We probe sparse features.');
    // The seed paper keeps its bundled record (and abstract) and is listed once.
    const cluster = (await index.cluster('lorenzo basile'))!;
    expect(cluster.papers).toHaveLength(6);
    expect(cluster.authorRows).toBe(2);
    expect(cluster.papers.filter((p) => p.title.startsWith('The Narrow Gate'))).toHaveLength(1);
  });

  it('lists imports oldest first and removes one with all its papers', async () => {
    await store(MY_JSONL, 'mine.jsonl', 'b', 2);
    await store(seedText(), 'seed.txt', 'a', 1);
    expect((await listSources(db)).map((s) => s.name)).toEqual(['seed.txt', 'mine.jsonl']);
    await removeSource(db, 'b');
    expect((await listSources(db)).map((s) => s.id)).toEqual(['a']);
    const parts = await loadUserParts(db);
    expect(parts.flatMap((p) => p.columns.ids)).toHaveLength(5);
    expect(await db.count('abstracts')).toBe(1);
  });

  it('a file imported again under the same name replaces the earlier import', async () => {
    await store(MY_JSONL, 'mine.jsonl', 'first', 1);
    const newer = MY_JSONL.split('\n').slice(0, 2).join('\n');
    await store(newer, 'mine.jsonl', 'second', 2);
    expect((await listSources(db)).map((s) => [s.id, s.paperCount])).toEqual([['second', 2]]);
    const parts = await loadUserParts(db);
    expect(parts.flatMap((p) => p.columns.titles)).not.toContain('Curvature of Loss Landscapes Revisited');
    expect(await db.count('papers')).toBe(1);
  });

  it('writes a file all or nothing: a failed write leaves no trace', async () => {
    const prepared = prepareSource(MY_JSONL, { name: 'mine.jsonl', bytes: 1 }, 'broken', 1);
    // A function cannot be stored (DataCloneError): the transaction aborts.
    const abstracts = [...prepared.abstracts, (() => 'x') as unknown as string];
    await expect(addSource(db, prepared.source, prepared.tuples, abstracts)).rejects.toThrow();
    expect(await listSources(db)).toEqual([]);
    expect(await db.count('papers')).toBe(0);
    // A failed re-import of a file keeps the earlier import whole.
    await store(MY_JSONL.split('\n')[0]!, 'mine.jsonl', 'kept', 1);
    await expect(addSource(db, prepared.source, prepared.tuples, abstracts)).rejects.toThrow();
    expect((await listSources(db)).map((s) => s.id)).toEqual(['kept']);
    expect((await loadUserParts(db))[0]!.columns.ids).toHaveLength(1);
  });

  it('the background service answers from the imports once told they changed', async () => {
    const service = createRecordsService(
      readSeed(),
      { openCluster: async () => undefined, showMatchCount: async () => undefined, scanTab: async () => undefined },
      () => loadUserParts(db),
    );
    const ask = (title: string) => service.handle({ type: 'match-titles', titles: [title] }, {}) as Promise<{ matches: unknown[] }>;
    expect((await ask('Curvature of Loss Landscapes Revisited')).matches[0]).toBeNull();
    await store(MY_JSONL, 'mine.jsonl', 'mine');
    await expect(service.handle({ type: 'user-records-changed' }, { tabId: 3, contentScript: true })).rejects.toThrow(/options page/);
    await service.handle({ type: 'user-records-changed' }, { contentScript: false });
    expect((await ask('Curvature of Loss Landscapes Revisited')).matches[0]).toMatchObject({ venue: 'TMLR', authorCount: 1 });
  });

  it('keeps answering from the bundled records when the imports cannot be read', async () => {
    const service = createRecordsService(
      readSeed(),
      { openCluster: async () => undefined, showMatchCount: async () => undefined, scanTab: async () => undefined },
      () => Promise.reject(new Error('IndexedDB refused')),
    );
    const answer = (await service.handle({ type: 'match-titles', titles: [SEED_TITLES[0]] }, {})) as { matches: unknown[] };
    expect(answer.matches[0]).toMatchObject({ title: SEED_TITLES[0] });
  });

  it.skipIf(!HAS_SHARED)('imports every Paper Copilot paperlists file as the options page does, with author rows from profile ids', async () => {
    for (const venue of readdirSync(PAPERLISTS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const name of readdirSync(join(PAPERLISTS_DIR, venue.name)).filter((n) => n.endsWith('.jsonl.gz'))) {
        const bytes = readFileSync(join(PAPERLISTS_DIR, venue.name, name));
        const prepared = prepareSource(await readRecordFile(file(bytes, name)), { name, bytes: bytes.length }, name, 1);
        expect(prepared.source.format, name).toBe('paperlists');
        expect(prepared.source.problemCount, prepared.source.problems.join('\n')).toBe(0);
        expect(prepared.source.paperCount, name).toBeGreaterThan(0);
        await addSource(db, prepared.source, prepared.tuples, prepared.abstracts);
      }
    }
    const sources = await listSources(db);
    expect(sources.length).toBeGreaterThan(5);
    expect(sources.some((s) => s.authorRows.length > 0)).toBe(true);
  }, 120_000);

  it.skipIf(!HAS_SHARED)('imports every ML Anthology file as the options page does, and matches its titles', async () => {
    const names = readdirSync(MLANTHOLOGY_DIR).filter((n) => n.endsWith('.json.gz'));
    let total = 0;
    const someTitles: string[] = [];
    for (const [i, name] of names.entries()) {
      const bytes = readFileSync(join(MLANTHOLOGY_DIR, name));
      const text = await readRecordFile(file(bytes, name));
      const prepared = prepareSource(text, { name, bytes: bytes.length }, `ml-${i}`, i);
      expect(prepared.source.problemCount, prepared.source.problems.join('\n')).toBe(0);
      total += prepared.source.paperCount;
      someTitles.push(prepared.tuples[Math.floor(prepared.tuples.length / 2)]![1]);
      await addSource(db, prepared.source, prepared.tuples, prepared.abstracts);
    }
    expect(total).toBeGreaterThan(30_000);
    const index = await RecordIndex.load(readSeed(), await loadUserParts(db));
    expect(index.size).toBeGreaterThan(30_000);
    for (const title of someTitles) expect(index.matchTitle(title.toUpperCase())?.paper.title).toBe(title);
    const found = index.matchTitle(someTitles[0]!)!;
    expect((await index.abstractOf(found.paper.id))!.length).toBeGreaterThan(50);
  }, 120_000);
});
