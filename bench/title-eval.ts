/**
 * `node --import tsx bench/title-eval.ts [full]`: the title evaluation alone, printing recall by
 * kind of damage and the misses, for work on the matcher (the bench prints the same figures).
 */
import { corpusAvailable, distinctTitles, loadCorpus, loadFullCorpus } from './corpus';
import { buildEvaluation, oneWordNeighbours, recallByKind, score } from './evaluation';
import { TitleIndex } from '../src/matching/title-index';

const full = process.argv.includes('full');
if (!corpusAvailable()) throw new Error('../shared is absent');
const titles = distinctTitles((full ? loadFullCorpus() : loadCorpus()).map((p) => p.title));
const index = new TitleIndex(titles);
index.prepare();
const evaluation = buildEvaluation(titles, 20_000, 5_000);
const t = performance.now();
const answers = evaluation.map((q) => index.match(q.query)?.entry ?? null);
const ms = performance.now() - t;
const s = score(evaluation, answers);
console.log(`${titles.length} titles, ${evaluation.length} queries in ${ms.toFixed(0)} ms: precision ${s.precision.toFixed(4)} recall ${s.recall.toFixed(4)} fp ${s.falsePositives}`);
for (const [kind, r] of recallByKind(evaluation, answers)) console.log(`  ${kind.padEnd(22)} ${String(r.queries).padStart(6)}  ${r.recall.toFixed(4)}`);
const pairs = oneWordNeighbours(titles);
console.log(`neighbours confused: ${pairs.filter(([a, b]) => index.match(`${titles[a]!.toLowerCase()}.`)?.entry === b).length} of ${pairs.length}`);
if (process.argv.includes('misses')) {
  evaluation.forEach((q, i) => {
    if (answers[i] === q.expected) return;
    const wrong = answers[i] === null ? 'MISS' : `WRONG → ${titles[answers[i]!]}`;
    console.log(`${q.kind}\n  Q: ${JSON.stringify(q.query)}\n  T: ${q.expected === null ? 'decoy' : titles[q.expected]}\n  ${wrong}`);
  });
}
