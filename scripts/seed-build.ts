/**
 * `.output-seed/`: the built extensions of `.output/` with the seed export as their only records.
 * Most real-browser tests load it, so a fixture page gets exactly the seed's badges whatever the
 * bundled corpus holds; the tests of the whole bundle load `.output/` itself.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex } from '../src/records/build-index';

const SEED = 'data/arrow-author-cluster-lorenzo-basile.txt';

for (const target of ['chrome-mv3', 'firefox-mv2']) {
  const from = join('.output', target);
  const to = join('.output-seed', target);
  if (!existsSync(join(from, 'manifest.json'))) throw new Error(`seed-build: no build in ${from} (npm run build first)`);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, filter: (path) => path !== join(from, 'index') });
  const report = buildIndex([SEED], join(to, 'index'), { strict: true });
  if (!report.ok) throw new Error(`seed-build: ${report.problems.join('; ')}`);
}
console.log('.output-seed: the builds with the seed records only');
