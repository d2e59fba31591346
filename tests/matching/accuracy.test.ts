/**
 * Accuracy on the real corpus (32k ML titles, read from ../shared): noisy forms with 1–3
 * corruptions must match their title, one-word decoys must match nothing, and a title never
 * matches its real neighbour that differs by one word. Floors, not timings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEvaluation, oneWordNeighbours, score } from '../../bench/evaluation';
import { corpusAvailable, distinctTitles, loadCorpus } from '../../bench/corpus';
import { TitleIndex } from '../../src/matching/title-index';
import { HAS_SHARED } from '../helpers/shared-data';

// Each test runs thousands of queries over 32k titles: up to 4 s on a busy 2-core machine.
describe.skipIf(!HAS_SHARED || !corpusAvailable())('title matching accuracy on the real corpus', { timeout: 30_000 }, () => {
  let titles: string[];
  let index: TitleIndex;
  beforeAll(() => {
    titles = distinctTitles(loadCorpus().map((p) => p.title));
    index = new TitleIndex(titles);
    // 14 gzipped files through the importer: up to 15 s on a busy 2-core machine.
  }, 60_000);

  it('precision ≥ 0.995 and recall ≥ 0.98 on noisy forms and near-miss decoys', () => {
    const evaluation = buildEvaluation(titles, 6_000, 2_000, 11);
    const result = score(evaluation, evaluation.map((q) => index.match(q.query)?.entry ?? null));
    expect(result.precision).toBeGreaterThanOrEqual(0.995);
    expect(result.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('no decoy with one content word changed matches anything', () => {
    const decoys = buildEvaluation(titles, 0, 3_000, 12);
    expect(decoys.filter((q) => index.match(q.query) !== null).map((q) => q.query)).toEqual([]);
  });

  it('a title never matches its real neighbour that differs by one word', () => {
    const pairs = oneWordNeighbours(titles);
    expect(pairs.length).toBeGreaterThan(100);
    for (const [a, b] of pairs) {
      for (const form of [titles[a]!, `${titles[a]!.toLowerCase()}.`, `[PDF] ${titles[a]!}`]) {
        expect(index.match(form)?.entry, `${form} ↛ ${titles[b]}`).toBe(a);
      }
    }
  });
});
