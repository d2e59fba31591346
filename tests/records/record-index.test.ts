/**
 * What the index reads when: a cold start reads only what matching titles needs; a preview
 * reads the one detail shard of its paper; a cluster or author lookup reads them all.
 */
import { describe, expect, it } from 'vitest';
import { PAPERS_PER_SHARD, serialiseIndex } from '../../src/records/index-format';
import { derivedPaperId } from '../../src/records/paper-id';
import { RecordIndex } from '../../src/records/record-index';
import type { Paper } from '../../src/records/schema';

/** Two and a bit shards of papers; every 1,000th one by "Ada Common". */
const papers: Paper[] = Array.from({ length: 2 * PAPERS_PER_SHARD + 10 }, (_, i) => {
  const title = `Synthetic paper number ${i} on sparse probes`;
  return {
    id: derivedPaperId(title, 2024),
    title,
    venue: 'TMLR',
    venueKind: 'Journal',
    year: 2024,
    type: 'Journal Article',
    authors: i % 1_000 === 0 ? ['Ada Common', `Author ${i}`] : [`Author ${i}`, `Second ${i}`, `Third ${i}`],
    abstract: `Abstract ${i}.`,
    provenance: [],
  };
}).sort((a, b) => (a.id < b.id ? -1 : 1));

async function loadCounting() {
  const files = serialiseIndex(papers, new Map());
  const read: string[] = [];
  const index = await RecordIndex.load(async (name) => {
    read.push(name);
    return files.get(name)!;
  });
  return { index, read };
}

describe('RecordIndex: loading in steps', () => {
  it('starts from the title shards alone and matches with the author count', async () => {
    const { index, read } = await loadCounting();
    expect(read.sort()).toEqual(['author-rows.json', 'manifest.json', 'papers-000.json', 'papers-001.json', 'papers-002.json']);
    expect(index.size).toBe(papers.length);
    const found = index.matchTitle('SYNTHETIC PAPER NUMBER 8005 ON SPARSE PROBES')!;
    expect(found.paper).toMatchObject({ title: 'Synthetic paper number 8005 on sparse probes', venue: 'TMLR', year: 2024, authorCount: 3 });
  });

  it('a preview reads only its paper’s detail shard; a cluster reads every one, once', async () => {
    const { index, read } = await loadCounting();
    const id = index.matchTitle('Synthetic paper number 8005 on sparse probes')!.paper.id;
    const position = papers.findIndex((p) => p.id === id);
    const { abstract: _a, provenance: _p, ...expected } = papers[position]!;
    expect(await index.paper(id)).toEqual(expected);
    expect(read.filter((name) => name.startsWith('details-'))).toEqual([`details-00${Math.floor(position / PAPERS_PER_SHARD)}.json`]);

    const cluster = (await index.cluster('ada common'))!;
    expect(cluster.papers).toHaveLength(17);
    expect(cluster.papers.every((p) => p.authors.includes('Ada Common'))).toBe(true);
    expect((await index.suggestAuthors('ada', 3)).map((s) => s.name)).toEqual(['Ada Common']);
    expect(read.filter((name) => name.startsWith('details-')).sort()).toEqual([
      `details-00${Math.floor(position / PAPERS_PER_SHARD)}.json`,
      'details-000.json',
      'details-001.json',
      'details-002.json',
    ].sort());
    expect(await index.paper(id)).toEqual(expected);
  });

  it('a detail shard that fails to load is read again on the next lookup', async () => {
    const some = papers.filter((p, i) => i < 5 || p.authors.includes('Ada Common'));
    const files = serialiseIndex(some, new Map());
    let fail = true;
    const index = await RecordIndex.load(async (name) => {
      if (name.startsWith('details-') && fail) throw new Error('offline');
      return files.get(name)!;
    });
    await expect(index.cluster('ada common')).rejects.toThrow('offline');
    fail = false;
    expect((await index.cluster('ada common'))?.papers).toHaveLength(17);
  });
});
