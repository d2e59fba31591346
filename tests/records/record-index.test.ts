/**
 * What the index reads when: a cold start reads only what matching titles needs; a preview
 * reads the one detail shard of its paper; a cluster or author lookup reads them all.
 */
import { describe, expect, it } from 'vitest';
import { PAPERS_PER_DETAIL_SHARD } from '../../src/records/index-format';
import { serialiseIndex } from '../../src/records/write-index';
import { derivedPaperId } from '../../src/records/paper-id';
import { RecordIndex } from '../../src/records/record-index';
import type { Paper } from '../../src/records/schema';

/** Two and a bit detail shards of papers; every 1,000th one by "Ada Common". */
const papers: Paper[] = Array.from({ length: 2 * PAPERS_PER_DETAIL_SHARD + 10 }, (_, i) => {
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

const ADA_PAPERS = papers.filter((p) => p.authors.includes('Ada Common')).length;
/** A paper of the second detail shard. */
const PROBE = PAPERS_PER_DETAIL_SHARD + 5;

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
    // The content words for the looser rules are read at once too, but not awaited.
    expect(read.sort()).toEqual(['author-rows.json', 'contents-000.txt.gz', 'manifest.json', 'refs-000.txt.gz', 'titles-000.txt']);
    expect(index.size).toBe(papers.length);
    const found = index.matchTitle(`SYNTHETIC PAPER NUMBER ${PROBE} ON SPARSE PROBES`)!;
    expect(found.paper).toMatchObject({ title: `Synthetic paper number ${PROBE} on sparse probes`, venue: 'TMLR', year: 2024, authorCount: 3 });
  });

  it('a preview reads only its paper’s detail shard; a cluster reads the stored names and its papers’ shards, each once', async () => {
    const { index, read } = await loadCounting();
    const id = index.matchTitle(`Synthetic paper number ${PROBE} on sparse probes`)!.paper.id;
    const { abstract: _a, provenance: _p, ...paper } = papers.find((p) => p.id === id)!;
    const expected = { ...paper, sources: [] };
    expect(await index.paper(id)).toEqual(expected);
    const previewRead = read.filter((name) => name.startsWith('details-'));
    expect(previewRead).toHaveLength(1);
    // Its ids and links too: one identity shard, as for details.
    expect(read.filter((name) => name.startsWith('identity-'))).toHaveLength(1);

    const cluster = (await index.cluster('ada common'))!;
    expect(cluster.papers).toHaveLength(ADA_PAPERS);
    expect(cluster.papers.every((p) => p.authors.includes('Ada Common'))).toBe(true);
    expect((await index.suggestAuthors('ada', 3)).map((s) => s.name)).toEqual(['Ada Common']);
    const details = read.filter((name) => name.startsWith('details-'));
    expect(new Set(details).size, 'no detail shard read twice').toBe(details.length);
    expect(details.length).toBeLessThanOrEqual(1 + ADA_PAPERS);
    expect(read.filter((name) => name.startsWith('name')).sort()).toEqual(['name-words.json.gz', 'names-000.txt.gz']);
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
    expect((await index.cluster('ada common'))?.papers).toHaveLength(ADA_PAPERS);
  });
});

describe('RecordIndex: matching a page by id reads what the answer needs', () => {
  const withIds: Paper[] = papers.map((p, i) => ({ ...p, ids: [`openreview:SynthForum${i}`] as Paper['ids'] }));
  async function load() {
    const files = serialiseIndex(withIds, new Map());
    const read: string[] = [];
    const index = await RecordIndex.load(async (name) => {
      read.push(name);
      return files.get(name)!;
    });
    return { index, read, identityShards: () => read.filter((name) => name.startsWith('identity-')) };
  }
  const probe = withIds[PROBE]!;

  it('a title that matches where its id points: both, from the page-id codes alone (no identity shard)', async () => {
    const { index, read, identityShards } = await load();
    const found = await index.matchPaper(probe.title, probe.ids);
    expect([found?.paper.id, found?.by]).toEqual([probe.id, 'both']);
    expect(read).toContain('page-ids.txt.gz');
    expect(identityShards()).toEqual([]);
  });

  it('a retitled page: its id is checked against the candidate paper (one identity shard)', async () => {
    const { index, identityShards } = await load();
    const found = await index.matchPaper('A camera-ready title nothing else has', probe.ids);
    expect([found?.paper.id, found?.by, found?.rule]).toEqual([probe.id, 'id', undefined]);
    expect(identityShards()).toHaveLength(1);
  });

  it('a title naming one paper and a unique id naming another: the id wins', async () => {
    const { index } = await load();
    const other = withIds[3]!;
    const found = await index.matchPaper(other.title, probe.ids);
    expect([found?.paper.id, found?.by]).toEqual([probe.id, 'id']);
  });
});
