/** The get-paper and get-cluster answers carry each paper's ids and links (read per paper from the index). */
import { describe, expect, it } from 'vitest';
import { createRecordsService } from '../../src/background/records-service';
import { importJson } from '../../src/records/json-records';
import { mergeRecords } from '../../src/records/merge';
import { serialiseIndex } from '../../src/records/write-index';

const record = {
  id: 'head-pursuit',
  title: 'Head Pursuit: Probing Attention Specialization in Multimodal Transformers',
  year: 2025,
  authors: ['Lorenzo Basile', 'Valentino Maiorca'],
  venue: 'NeurIPS',
  ids: ['openreview:WQ9rnkaUWm', 'doi:10.48550/arXiv.2510.21518'],
  links: { pdf: 'https://openreview.net/pdf?id=WQ9rnkaUWm', code: 'https://github.com/example/head-pursuit' },
};

function service() {
  const merged = mergeRecords([importJson(JSON.stringify([record, { ...record, id: 'other', title: 'Another Paper', ids: undefined, links: undefined }]), 'mine.json')]);
  const files = serialiseIndex(merged.papers, merged.authorRows);
  return createRecordsService(async (name) => files.get(name) ?? Promise.reject(new Error(`no ${name}`)), {
    openCluster: async () => undefined,
    showMatchCount: async () => undefined,
    scanTab: async () => undefined,
  });
}

const expectedLinks = {
  page: 'https://openreview.net/forum?id=WQ9rnkaUWm',
  openreview: 'https://openreview.net/forum?id=WQ9rnkaUWm',
  pdf: 'https://openreview.net/pdf?id=WQ9rnkaUWm',
  doi: 'https://doi.org/10.48550/arxiv.2510.21518',
  code: 'https://github.com/example/head-pursuit',
};

describe('paper identity in the background answers', () => {
  it('get-paper carries ids and links; a paper without any carries none', async () => {
    const { handle } = service();
    const { paper } = await handle({ type: 'get-paper', id: 'head-pursuit' }, {});
    expect(paper?.ids).toEqual(['openreview:WQ9rnkaUWm', 'doi:10.48550/arxiv.2510.21518']);
    expect(paper?.links).toEqual(expectedLinks);
    const other = (await handle({ type: 'get-paper', id: 'other' }, {})).paper;
    expect([other?.ids, other?.links]).toEqual([undefined, undefined]);
  });

  it('get-cluster carries them for every paper', async () => {
    const { handle } = service();
    const { cluster } = await handle({ type: 'get-cluster', name: 'Lorenzo Basile' }, {});
    const head = cluster?.papers.find((p) => p.id === 'head-pursuit');
    expect(head?.links).toEqual(expectedLinks);
  });

  it('the index finds the paper by any of its page ids', async () => {
    const records = await service().index();
    expect((await records.paperForPageId('openreview:WQ9rnkaUWm'))?.id).toBe('head-pursuit');
    expect((await records.paperForPageId('doi:10.48550/ARXIV.2510.21518'))?.id).toBe('head-pursuit');
  });
});
