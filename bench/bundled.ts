/**
 * `npm run bench -- --only bundled` (or `node --expose-gc --import tsx bench/bundled.ts`): the
 * shipped index (public/index, the whole bundled corpus) beside the previous format (v3) on the
 * same papers. Each cold start runs in a fresh process that has run nothing else (Node start-up
 * excluded); p50 of 10. Type-ahead is timed over every name in one process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexManifest } from '../src/records/index-format';
import { indexDirReader, readTitleColumns } from '../src/records/build-index';
import { RecordIndex } from '../src/records/record-index';
import { serialiseV3Titles } from './index-v3';
import { fmt, machine, percentile, table } from './measure';
import { seededRandom } from './random';

const INDEX = 'public/index';
const RUNS = process.argv.includes('--quick') ? 3 : 10;

function probeRun(args: string[]): Record<string, number | string> {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/bundled-probe.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number | string>;
}

export async function bundledCorpus(): Promise<Record<string, unknown>> {
  const manifest = JSON.parse(readFileSync(join(INDEX, 'manifest.json'), 'utf8')) as IndexManifest;
  console.log(`\n== Bundled corpus: ${fmt.n(manifest.paperCount)} papers in ${INDEX} · ${machine()} ==`);
  const columns = readTitleColumns(INDEX);
  const random = seededRandom(7);
  const all = columns.flatMap((c) => c.titles);
  const probe = all[Math.floor(random() * all.length)]!.toUpperCase();

  // The same papers in the v3 format, written once to a temp folder.
  const v3 = mkdtempSync(join(tmpdir(), 'arrow-lens-v3-'));
  const papers = columns.flatMap((c) =>
    c.ids.map((id, i) => ({ id, title: c.titles[i]!, venue: c.venues[i]!, year: c.years[i]!, authors: new Array<string>(c.authorCounts[i]!).fill(''), venueKind: '', type: '', abstract: '', provenance: [] })),
  );
  for (const [name, text] of serialiseV3Titles(papers)) writeFileSync(join(v3, name), text);

  const v4Runs: Record<string, number | string>[] = [];
  const v3Runs: Record<string, number | string>[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Alternated, so a busy spell of the machine falls on both.
    v4Runs.push(probeRun(['v4', INDEX, probe, 'l']));
    v3Runs.push(probeRun(['v3', v3, probe]));
  }
  rmSync(v3, { recursive: true, force: true });
  const p50 = (runs: Record<string, number | string>[], key: string) => percentile(runs.map((r) => r[key] as number).sort((a, b) => a - b), 50);

  // Type-ahead over every name: each prefix of 300 names drawn from the records, typed letter by letter.
  const index = await RecordIndex.load(indexDirReader(INDEX));
  await index.suggestAuthors('a', 8);
  const names = (await Promise.all('abcdefghijklmnopqrstuvwxyz'.split('').map((l) => index.suggestAuthors(l, 50)))).flat().map((s) => s.name);
  const latencies: number[] = [];
  for (let i = 0; i < 300; i++) {
    const name = names[Math.floor(random() * names.length)]!;
    for (let n = 1; n <= name.length; n++) {
      const start = performance.now();
      await index.suggestAuthors(name.slice(0, n), 8);
      latencies.push(performance.now() - start);
    }
  }
  latencies.sort((a, b) => a - b);

  const figures = {
    papers: manifest.paperCount,
    runs: RUNS,
    coldMsV4: p50(v4Runs, 'coldMs'),
    coldMsV3: p50(v3Runs, 'coldMs'),
    firstPreviewMs: p50(v4Runs, 'previewMs'),
    heapAfterColdStartMB: p50(v4Runs, 'heapMB'),
    firstSuggestionMs: p50(v4Runs, 'suggestMs'),
    firstSuggestionStoppedMs: p50(v4Runs, 'coldMs') + p50(v4Runs, 'suggestMs'),
    typeAheadP50Ms: percentile(latencies, 50),
    typeAheadP99Ms: percentile(latencies, 99),
    keystrokes: latencies.length,
    topName: v4Runs[0]!.topName,
    topPapers: v4Runs[0]!.topPapers,
    topClusterMs: p50(v4Runs, 'clusterMs'),
  };
  console.log(
    table(
      ['measure', 'v4 (shipped)', 'peer', 'peer figure', 'ours ÷ peer'],
      [
        ['cold start: load + first match (p50)', fmt.ms(figures.coldMsV4), 'v3 index, same papers', fmt.ms(figures.coldMsV3), fmt.ratio(figures.coldMsV4 / figures.coldMsV3)],
        ['then first preview (detail + abstract shard)', fmt.ms(figures.firstPreviewMs), '', '', ''],
        ['heap after cold start', `${figures.heapAfterColdStartMB.toFixed(1)} MB`, '', '', ''],
        ['first name suggestion, background running', fmt.ms(figures.firstSuggestionMs), '', '', ''],
        ['first name suggestion, background stopped', fmt.ms(figures.firstSuggestionStoppedMs), '', '', ''],
        [`type-ahead p50 / p99 (${fmt.n(latencies.length)} keystrokes)`, `${fmt.ms(figures.typeAheadP50Ms)} / ${fmt.ms(figures.typeAheadP99Ms)}`, '', '', ''],
        [`cluster of ${figures.topName} (${figures.topPapers} papers), first lookup`, fmt.ms(figures.topClusterMs), '', '', ''],
      ],
    ),
  );
  return figures;
}

if (process.argv[1]?.endsWith('bundled.ts')) {
  bundledCorpus().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exitCode = 1;
  });
}
