/**
 * The get-paper and get-cluster answers carry each paper's ids and links (read per paper from the
 * index); match-titles matches a page's title by a unique page id first, then by its text.
 */
import { describe, expect, it } from 'vitest';
import { createRecordsService } from '../../src/background/records-service';
import { MESSAGE_LIMITS, parseBackgroundRequest } from '../../src/messaging/protocol';
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

describe('matching a page title by id first, then by title', () => {
  const papers = [
    { id: 'head-pursuit', title: 'Head Pursuit: Probing Attention Specialization in Multimodal Transformers', ids: ['openreview:WQ9rnkaUWm'] },
    { id: 'narrow-gate', title: 'The Narrow Gate: Localized Image-Text Communication in Native Multimodal Models', ids: ['openreview:NarrowGate1', 'arxiv:2412.06646'] },
    // One NeurIPS hash of two years, and one forum id two different records carry (a source's mistake).
    { id: 'hash-2014', title: 'Sequence to Sequence Learning with Neural Networks', year: 2014, ids: ['neurips:2014/a14ac55a4f27472c5d894ec1c3c743d2'] },
    { id: 'hash-2019', title: 'A Paper of Another Year', year: 2019, ids: ['neurips:2019/a14ac55a4f27472c5d894ec1c3c743d2', 'openreview:SharedForum'] },
    { id: 'shared-other', title: 'Another Paper Claiming the Same Forum', ids: ['openreview:SharedForum'] },
  ].map((p) => ({ year: 2025, authors: ['Lorenzo Basile'], venue: 'NeurIPS', ...p }));

  function matcher() {
    const merged = mergeRecords([importJson(JSON.stringify(papers), 'mine.json')]);
    const files = serialiseIndex(merged.papers, merged.authorRows);
    return createRecordsService(async (name) => files.get(name) ?? Promise.reject(new Error(`no ${name}`)), {
      openCluster: async () => undefined,
      showMatchCount: async () => undefined,
      scanTab: async () => undefined,
    });
  }
  const ask = async (titles: string[], ids: string[][]) => {
    const request = parseBackgroundRequest({ type: 'match-titles', titles, ids });
    if (request?.type !== 'match-titles') throw new Error('refused');
    return (await matcher().handle(request, {})).matches.map((m) => m && [m.id, m.by]);
  };

  it('an id and a title naming the same paper: both', async () => {
    expect(await ask([papers[0]!.title], [['openreview:WQ9rnkaUWm']])).toEqual([['head-pursuit', 'both']]);
  });

  it('a retitled paper (the page shows another title) is found by its unique id', async () => {
    expect(await ask(['Probing Attention Heads in Multimodal Models (camera-ready title)'], [['openreview:WQ9rnkaUWm']])).toEqual([['head-pursuit', 'id']]);
  });

  it('a unique id naming one record wins over a title naming another', async () => {
    expect(await ask([papers[1]!.title], [['openreview:WQ9rnkaUWm']])).toEqual([['head-pursuit', 'id']]);
  });

  it('an id two papers carry, ids that disagree, or an unknown id: the title decides', async () => {
    expect(await ask([papers[4]!.title], [['openreview:SharedForum']])).toEqual([['shared-other', 'title']]);
    expect(await ask([papers[4]!.title], [['openreview:WQ9rnkaUWm', 'arxiv:2412.06646']])).toEqual([['shared-other', 'title']]);
    expect(await ask(['No Such Paper Anywhere'], [['openreview:Unknown99']])).toEqual([null]);
    expect(await ask([papers[0]!.title], [[]])).toEqual([['head-pursuit', 'title']]);
  });

  it('an ambiguous id next to a unique one: the unique one names the paper', async () => {
    expect(await ask(['Retitled'], [['openreview:SharedForum', 'neurips:2019/a14ac55a4f27472c5d894ec1c3c743d2']])).toEqual([['hash-2019', 'id']]);
  });

  it('a NeurIPS hash names one paper per year', async () => {
    expect(await ask(['x', 'y'], [['neurips:2014/a14ac55a4f27472c5d894ec1c3c743d2'], ['neurips:2019/a14ac55a4f27472c5d894ec1c3c743d2']])).toEqual([
      ['hash-2014', 'id'],
      ['hash-2019', 'id'],
    ]);
  });

  it('ids are checked on arrival: a malformed id, too many, too long or a list of the wrong length refuses the request', () => {
    const ok = parseBackgroundRequest({ type: 'match-titles', titles: ['t'], ids: [['DOI:10.1109/CVPR.2016.90']] });
    expect(ok).toEqual({ type: 'match-titles', titles: ['t'], ids: [['doi:10.1109/cvpr.2016.90']] });
    const refused = [
      [['openreview:<script>']],
      [['javascript:alert(1)']],
      [[42]],
      [Array.from({ length: MESSAGE_LIMITS.pageIdsPerTitle + 1 }, (_, i) => `openreview:Forum${i}xx`)],
      [[`doi:10.1000/${'x'.repeat(MESSAGE_LIMITS.pageIdLength)}`]],
      [[], []],
      'openreview:WQ9rnkaUWm',
      [{ length: 1, 0: 'openreview:WQ9rnkaUWm' }],
    ];
    for (const ids of refused) expect(parseBackgroundRequest({ type: 'match-titles', titles: ['t'], ids }), JSON.stringify(ids)).toBeNull();
  });
});
