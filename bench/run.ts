/**
 * `npm run bench`: speed, memory and accuracy, each beside a peer measured in the same run.
 * Prints tables and writes bench/results/bench-<date>.json. Timing lives here, never in tests.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AuthorIndex } from '../src/matching/author-index';
import { TitleIndex } from '../src/matching/title-index';
import { importBibtex } from '../src/records/bibtex';
import { scanBibtex } from '../src/records/bibtex-scan';
import { importSource } from '../src/records/import-source';
import { paperTuple } from '../src/records/index-format';
import { serialiseIndex } from '../src/records/write-index';
import { partFromTuples, RecordIndex, type RecordPart } from '../src/records/record-index';
import { prepareSource } from '../src/user-records/import-file';
import type { Paper } from '../src/records/schema';
import { toBibtex } from '../src/ui/cluster/export';
import { CHROME_BUILD, PROJECT_DIR } from '../scripts/browser/fixtures';
import { BUNDLED_DIR, corpusAvailable, distinctTitles, loadCorpus, loadFullCorpus } from './corpus';
import { existsSync } from 'node:fs';
import { indexDirReader } from '../src/records/build-index';
import { buildEvaluation, DAMAGE_KINDS, oneWordNeighbours, recallByKind, score, type LabelledQuery } from './evaluation';
import { listingPage, mutationStorm } from './in-browser';
import { fmt, heapDelta, machine, percentile, table, timeEach, timeOnce, timeOnceAsync } from './measure';
import { fuseMatcher, miniSearchMatcher, uFuzzyMatcher, type TitleMatcher } from './peers';
import { bundledCorpus } from './bundled';
import { seededRandom } from './random';
import { syntheticPapers } from './synthetic';
import { pageIdMatching } from './page-ids';

const MACHINE = machine();
const results: Record<string, unknown> = { machine: MACHINE, date: new Date().toISOString() };
const QUICK = process.argv.includes('--quick');
/** `--only storm,listing`: just those sections (names as in main below). */
const ONLY = process.argv.find((a, i, all) => all[i - 1] === '--only')?.split(',');
const wanted = (name: string) => !ONLY || ONLY.includes(name);

function section(title: string): void {
  console.log(`\n== ${title} ==`);
}

/** Progress on stderr, so a slow peer is visible while the tables stay clean. */
function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

function corpusPapers(): { papers: Paper[]; source: string } {
  if (corpusAvailable()) return { papers: loadCorpus(), source: 'ML Anthology, 32,627 real papers (../shared)' };
  console.log('(../shared is absent: the title bench runs on 32,627 synthetic papers instead)');
  return { papers: syntheticPapers(32_627, 3), source: 'synthetic, 32,627 papers' };
}

/** Title matching: ours beside Fuse.js, MiniSearch and uFuzzy on the same queries. */
function titleMatching(papers: Paper[], source: string): void {
  section(`Title matching · ${source} · ${MACHINE}`);
  const titles = distinctTitles(papers.map((p) => p.title));
  const evaluation = buildEvaluation(titles, QUICK ? 4_000 : 20_000, QUICK ? 1_000 : 5_000);
  // The peers are slow: they all get the same smaller sample (noisy forms and decoys mixed).
  const random = seededRandom(5);
  const sample: LabelledQuery[] = evaluation.filter(() => random() < (QUICK ? 0.05 : 0.03)).slice(0, QUICK ? 150 : 500);

  progress(`Arrow Lens: ${evaluation.length} queries`);
  const ours = timeOnce(() =>
    heapDelta(() => {
      const index = new TitleIndex(titles);
      index.prepare(); // build everything up front, as the peers do
      return index;
    }),
  );
  const index = ours.value.value;
  const exact = timeEach([...titles, ...titles], (t) => index.match(t)?.entry ?? null);
  // Peer for exact titles: a bare Map of lower-cased titles, the least any exact lookup does.
  const bare = new Map(titles.map((t, i) => [t.toLowerCase(), i]));
  const bareExact = timeEach([...titles, ...titles], (t) => bare.get(t.toLowerCase()) ?? null);
  const mixed = timeEach(evaluation.map((q) => q.query), (q) => index.match(q)?.entry ?? null);
  const oursAll = score(evaluation, mixed.answers);
  const oursSample = timeEach(sample.map((q) => q.query), (q) => index.match(q)?.entry ?? null);
  const pairs = oneWordNeighbours(titles);
  const confused = pairs.filter(([a, b]) => index.match(`${titles[a]!.toLowerCase()}.`)?.entry === b).length;

  const indexBytes = [...serialiseIndex(papers, new Map()).entries()].filter(([name]) => name.startsWith('titles-') || name.startsWith('details-')).reduce((n, [, bytes]) => n + bytes.byteLength, 0);
  const rows: string[][] = [];
  const json: Record<string, unknown>[] = [];
  const oursSampleScore = score(sample, oursSample.answers);
  const addRow = (name: string, build: number, heap: number, run: ReturnType<typeof timeEach<string, number | null>>, s: ReturnType<typeof score>, n: number, note = '') => {
    rows.push([name, fmt.ms(build), fmt.mb(heap), fmt.n(run.perSecond), fmt.ms(percentile(run.latencies, 50)), fmt.ms(percentile(run.latencies, 99)), fmt.p(s.precision), fmt.p(s.recall), fmt.p(s.f1), String(n), note]);
    json.push({ name, buildMs: build, heapBytes: heap, queriesPerSecond: run.perSecond, p50Ms: percentile(run.latencies, 50), p99Ms: percentile(run.latencies, 99), ...s, queries: n, note });
  };
  addRow('Arrow Lens (all queries)', ours.ms, ours.value.bytes, mixed, oursAll, evaluation.length, `exact titles: ${fmt.n(exact.perSecond)}/s (a bare Map of lower-cased titles: ${fmt.n(bareExact.perSecond)}/s)`);
  addRow('Arrow Lens (peer sample)', ours.ms, ours.value.bytes, oursSample, oursSampleScore, sample.length);
  const peers: [string, () => TitleMatcher, number][] = [
    ['MiniSearch', () => miniSearchMatcher(titles), 60_000],
    ['uFuzzy', () => uFuzzyMatcher(titles), 60_000],
    ['Fuse.js', () => fuseMatcher(titles), QUICK ? 10_000 : 60_000],
  ];
  const ratios: string[][] = [];
  for (const [name, make, budget] of peers) {
    progress(`${name}: ${sample.length} queries, time-boxed at ${budget / 1000} s`);
    const built = timeOnce(() => heapDelta(make));
    const run = timeEach(sample.map((q) => q.query), (q) => built.value.value.match(q), budget);
    const s = score(sample.slice(0, run.done), run.answers);
    addRow(name, built.ms, built.value.bytes, run, s, run.done, run.done < sample.length ? `time-boxed at ${budget / 1000} s` : '');
    const f1Gap = score(sample.slice(0, run.done), oursSample.answers.slice(0, run.done)).f1 - s.f1;
    ratios.push([name, fmt.ratio(mixed.perSecond / run.perSecond), fmt.ratio(oursSample.perSecond / run.perSecond), `${f1Gap >= 0 ? '+' : ''}${f1Gap.toFixed(4)}`]);
  }
  console.log(table(['matcher', 'build', 'heap', 'queries/s', 'p50', 'p99', 'precision', 'recall', 'F1', 'n', 'note'], rows));
  console.log(`\nindex on disk (title and detail shards, no abstracts): ${fmt.mb(indexBytes)} for ${fmt.n(papers.length)} papers; one-word real neighbours confused: ${confused} of ${pairs.length}`);
  console.log('\n' + table(['peer', 'ours ÷ peer, speed (all)', 'ours ÷ peer, speed (same sample)', 'F1 ours − peer (same queries)'], ratios));
  const byKind = recallByKind(evaluation, mixed.answers);
  const bundled = bundledTitleAccuracy();
  console.log(`\nrecall by kind of damage (among the noisy queries that carry it; 1–3 damages a query)${bundled ? `, on ${source.split(',')[0]} and on the bundled corpus (${fmt.n(bundled.titles)} distinct titles)` : ''}:`);
  console.log(
    table(
      ['damage', 'queries', 'recall', ...(bundled ? ['queries (bundled)', 'recall (bundled)'] : [])],
      [...DAMAGE_KINDS, 'all'].map((kind) => {
        const here = kind === 'all' ? { queries: evaluation.filter((q) => q.expected !== null).length, recall: oursAll.recall } : byKind.get(kind);
        const there = kind === 'all' ? { queries: bundled?.positives ?? 0, recall: bundled?.score.recall ?? NaN } : bundled?.byKind.get(kind);
        return [kind, fmt.n(here?.queries ?? 0), fmt.p(here?.recall ?? NaN), ...(bundled ? [fmt.n(there?.queries ?? 0), fmt.p(there?.recall ?? NaN)] : [])];
      }),
    ),
  );
  if (bundled) {
    console.log(
      `bundled corpus: precision ${fmt.p(bundled.score.precision)}, recall ${fmt.p(bundled.score.recall)} (${bundled.score.falsePositives} wrong of ${fmt.n(bundled.queries)} queries), one-word real neighbours confused: ${bundled.confused} of ${bundled.pairs}; exact titles ${fmt.n(bundled.exactPerSecond)}/s, all queries ${fmt.n(bundled.perSecond)}/s`,
    );
  }
  results.titleMatching = { source, titles: titles.length, exactPerSecond: exact.perSecond, bareMapExactPerSecond: bareExact.perSecond, indexBytes, neighbourPairs: pairs.length, neighbourConfused: confused, matchers: json, recallByKind: Object.fromEntries(byKind), bundled: bundled && { ...bundled, byKind: Object.fromEntries(bundled.byKind) } };
}

/** The same evaluation on the bundled corpus as ../shared holds it (ours only: the peers take minutes). */
function bundledTitleAccuracy() {
  if (!existsSync(BUNDLED_DIR)) return null;
  progress('bundled corpus: loading');
  const titles = distinctTitles(loadFullCorpus().map((p) => p.title));
  const index = new TitleIndex(titles);
  index.prepare();
  const evaluation = buildEvaluation(titles, QUICK ? 4_000 : 20_000, QUICK ? 1_000 : 5_000);
  progress(`bundled corpus: ${evaluation.length} queries`);
  const exact = timeEach([...titles, ...titles], (t) => index.match(t)?.entry ?? null);
  const run = timeEach(evaluation.map((q) => q.query), (q) => index.match(q)?.entry ?? null);
  const pairs = oneWordNeighbours(titles);
  const confused = pairs.filter(([a, b]) => index.match(`${titles[a]!.toLowerCase()}.`)?.entry === b).length;
  return {
    titles: titles.length,
    queries: evaluation.length,
    positives: evaluation.filter((q) => q.expected !== null).length,
    score: score(evaluation, run.answers),
    byKind: recallByKind(evaluation, run.answers),
    pairs: pairs.length,
    confused,
    exactPerSecond: exact.perSecond,
    perSecond: run.perSecond,
  };
}

/**
 * Names as bibliographies write them, typed letter by letter into the type-ahead of the bundled
 * index: how often the name asked for is offered (and first), and the time a keystroke, beside
 * the same names typed as the records write them (the peer).
 */
async function nameForms(): Promise<void> {
  section(`Author names as written · bundled index (public/index) · ${MACHINE}`);
  const index = await RecordIndex.load(indexDirReader('public/index'));
  const random = seededRandom(31);
  const pool = (await Promise.all('abcdefghijklmnoprstvwyz'.split('').map((l) => index.suggestAuthors(l, 40)))).flat().map((s) => s.name);
  const names = [...new Set(pool)].filter((n) => /^\S+ \S+$/.test(n) && n.length >= 8);
  const sample = Array.from({ length: QUICK ? 60 : 200 }, () => names[Math.floor(random() * names.length)]!);
  const typo = (word: string) => (word.length >= 5 ? word.slice(0, 2) + word[3] + word[2] + word.slice(4) : word);
  const forms: [string, (given: string, surname: string) => string][] = [
    ['as written (peer)', (g, s) => `${g} ${s}`],
    ['surname first', (g, s) => `${s} ${g}`],
    ['surname, given', (g, s) => `${s}, ${g}`],
    ['initial + surname', (g, s) => `${g[0]}. ${s}`],
    ['diacritics dropped', (g, s) => `${g} ${s}`.normalize('NFKD').replace(/\p{M}/gu, '')],
    ['one typo', (g, s) => (s.length >= g.length ? `${g} ${typo(s)}` : `${typo(g)} ${s}`)],
  ];
  const rows: string[][] = [];
  const json: unknown[] = [];
  let peerP99 = NaN;
  for (const [label, write] of forms) {
    const latencies: number[] = [];
    let offered = 0;
    let first = 0;
    for (const name of sample) {
      const [given, surname] = name.split(' ') as [string, string];
      const query = write(given, surname);
      let last: { name: string }[] = [];
      for (let n = 1; n <= query.length; n++) {
        const start = performance.now();
        last = await index.suggestAuthors(query.slice(0, n), 8);
        latencies.push(performance.now() - start);
      }
      if (last.some((s) => s.name === name)) offered++;
      if (last[0]?.name === name) first++;
    }
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    if (Number.isNaN(peerP99)) peerP99 = p99;
    rows.push([label, fmt.p(offered / sample.length), fmt.p(first / sample.length), fmt.n(latencies.length), fmt.ms(percentile(latencies, 50)), fmt.ms(p99), fmt.ratio(p99 / peerP99)]);
    json.push({ form: label, offered: offered / sample.length, first: first / sample.length, keystrokes: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: p99 });
  }
  console.log(table(['form', 'offered in top 8', 'first', 'keystrokes', 'p50/key', 'p99/key', 'p99 ÷ peer'], rows));
  results.nameForms = json;
}

/** Author type-ahead: per-keystroke latency over every name, at 100k and 1M papers. */
function typeAhead(): void {
  section(`Author type-ahead · synthetic Zipf names · ${MACHINE}`);
  const rows: string[][] = [];
  const json: unknown[] = [];
  for (const count of QUICK ? [100_000] : [100_000, 1_000_000]) {
    const papers = syntheticPapers(count, 9, 0);
    const built = timeOnce(() => AuthorIndex.fromPapers(papers.map((p) => p.authors)));
    const random = seededRandom(13);
    const names = Array.from({ length: 40 }, () => papers[Math.floor(random() * papers.length)]!.authors[0]!);
    const keystrokes = names.flatMap((name) => Array.from({ length: name.length }, (_, i) => name.slice(0, i + 1).toLowerCase()));
    const run = timeEach(keystrokes, (q) => built.value.suggest(q, 8));
    // Peer: a plain scan with includes() over the folded names, what a first version would do.
    const folded = [...new Set(papers.flatMap((p) => p.authors))].map((n) => n.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
    const scan = timeEach(keystrokes.slice(0, 200), (q) => folded.filter((n) => n.includes(q)).slice(0, 8));
    rows.push([fmt.n(count), fmt.n(built.value.nameCount), fmt.ms(built.ms), fmt.ms(percentile(run.latencies, 50)), fmt.ms(percentile(run.latencies, 99)), fmt.ms(run.latencies[run.latencies.length - 1]!), fmt.ms(percentile(scan.latencies, 50)), fmt.ratio(percentile(scan.latencies, 50) / percentile(run.latencies, 50))]);
    json.push({ papers: count, names: built.value.nameCount, buildMs: built.ms, p50Ms: percentile(run.latencies, 50), p99Ms: percentile(run.latencies, 99), maxMs: run.latencies[run.latencies.length - 1], scanP50Ms: percentile(scan.latencies, 50) });
  }
  console.log(table(['papers', 'names', 'build', 'p50/key', 'p99/key', 'max/key', 'scan p50 (peer)', 'peer ÷ ours'], rows));
  results.typeAhead = json;
}

/** Service-worker cold start: load the index files and answer the first match. */
async function coldStart(): Promise<void> {
  section(`Cold start (load index + first match) · synthetic · ${MACHINE}`);
  const rows: string[][] = [];
  const json: unknown[] = [];
  for (const count of QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]) {
    const papers = syntheticPapers(count, 21, 0);
    const files = serialiseIndex(papers, new Map());
    const bytes = [...files.values()].reduce((n, t) => n + t.byteLength, 0);
    const largest = Math.max(...[...files.values()].map((t) => t.byteLength));
    const probe = papers[Math.floor(count / 2)]!.title;
    let index: RecordIndex | undefined;
    // A background wakes with an empty heap: collect what the earlier sections left first.
    (globalThis as { gc?: () => void }).gc?.();
    const cold = await timeOnceAsync(async () => {
      index = await RecordIndex.load(async (name) => files.get(name)!);
      return index.matchTitle(probe.toUpperCase());
    });
    if (!cold.value) throw new Error('cold start did not match its probe');
    // The first preview after that loads the rest of every paper (venue kind, type, authors).
    const details = await timeOnceAsync(() => index!.paper(cold.value!.paper.id));
    if (details.value?.title !== cold.value.paper.title) throw new Error('the first preview did not find its paper');
    // Peer: MiniSearch indexing the same titles (what a first version would build at start).
    const peer = timeOnce(() => miniSearchMatcher(papers.map((p) => p.title)).match(probe));
    rows.push([fmt.n(count), fmt.mb(bytes), fmt.mb(largest), fmt.ms(cold.ms), fmt.ms(details.ms), fmt.ms(peer.ms), fmt.ratio(peer.ms / cold.ms)]);
    json.push({ papers: count, indexBytes: bytes, largestFileBytes: largest, coldStartMs: cold.ms, firstDetailsMs: details.ms, miniSearchMs: peer.ms });
  }
  console.log(table(['papers', 'index (no abstracts)', 'largest file', 'load + first match', 'then first preview', 'MiniSearch build + match', 'peer ÷ ours'], rows));
  results.coldStart = json;
}

/**
 * Records imported on the options page: reading a file through the records pipeline (peer:
 * JSON.parse of the same lines), and starting an index whose papers come as 14 imported parts
 * after the bundled ones (peer: the same papers as one bundled index), and reading BibTeX. IndexedDB
 * itself is timed in the browser, by tests/e2e/options.test.ts.
 */
async function importedRecords(papers: Paper[], source: string): Promise<void> {
  section(`Imported records · ${source} · ${MACHINE}`);
  const jsonl = papers.map(({ provenance: _p, ...p }) => JSON.stringify(p)).join('\n');
  const parse = timeOnce(() => jsonl.split('\n').map((line) => JSON.parse(line) as unknown).length);
  const prepared = timeOnce(() => prepareSource(jsonl, { name: 'all.jsonl', bytes: jsonl.length }, 'bench', 0));
  const parts: RecordPart[] = [];
  const perPart = Math.ceil(papers.length / 14);
  for (let i = 0; i < papers.length; i += perPart) {
    const slice = papers.slice(i, i + perPart);
    parts.push(partFromTuples(slice.map(paperTuple), [], async (n) => slice[n]?.abstract));
  }
  const seed = serialiseIndex(papers.slice(0, 5), new Map());
  const whole = serialiseIndex(papers, new Map());
  const probe = papers[Math.floor(papers.length / 3)]!.title.toUpperCase();
  const asParts = await timeOnceAsync(async () => (await RecordIndex.load(async (name) => seed.get(name)!, parts)).matchTitle(probe));
  const bundled = await timeOnceAsync(async () => (await RecordIndex.load(async (name) => whole.get(name)!)).matchTitle(probe));
  if (!asParts.value || asParts.value.paper.title !== bundled.value?.paper.title) throw new Error('imported parts did not match the probe');

  // BibTeX as our own cluster export writes it (abstracts included, TeX specials escaped), read in
  // pieces with plain abstracts skipping the LaTeX parser; peer: the parser alone on the whole file.
  const bibPapers = papers.slice(0, QUICK ? 500 : 3_000);
  const bib = toBibtex(bibPapers.map((p) => ({ ...p, sources: [] })));
  progress(`BibTeX: ${bibPapers.length} papers, ${fmt.n(bib.length)} characters`);
  const bibParser = timeOnce(() => importBibtex(bib, 'bench.bib', { wholeFile: true }));
  const bibOurs = timeOnce(() => importBibtex(bib, 'bench.bib'));
  if (JSON.stringify(bibOurs.value) !== JSON.stringify(bibParser.value)) throw new Error('BibTeX in pieces differs from the whole-file parse');
  const plainShare = scanBibtex(bib).plainAbstracts.length / bibPapers.filter((p) => p.abstract).length;

  // A 50 MiB abstract, refused as too long (tests/records/broken-files.test.ts checks the message):
  // in BibTeX with LaTeX in it, which skips conversion; peer: the same record as JSONL.
  const huge = 'word '.repeat(10 * 1024 * 1024);
  const hugeBib = timeOnce(() => importSource(`@article{b,\n  title = {Another},\n  year = 2025,\n  abstract = {$\\ell_1$ ${huge}}\n}\n`, 'huge.bib'));
  const hugeJsonl = timeOnce(() => importSource(JSON.stringify({ title: 'Another', year: 2025, authors: ['Lorenzo Basile'], abstract: huge }), 'huge.jsonl'));
  for (const { value } of [hugeBib, hugeJsonl]) {
    if (!value.problems.some((p) => p.message.startsWith('longer than 20000 characters'))) throw new Error('a 50 MiB abstract was not refused as too long');
  }

  const rows = [
    ['read a JSONL file (import, repair, merge, tuples)', fmt.ms(prepared.ms), 'JSON.parse of the lines', fmt.ms(parse.ms), fmt.ratio(prepared.ms / parse.ms)],
    ['load + first match, as 14 imported parts', fmt.ms(asParts.ms), 'the same papers bundled', fmt.ms(bundled.ms), fmt.ratio(asParts.ms / bundled.ms)],
    [
      `read ${fmt.n(bibPapers.length)} BibTeX entries with abstracts (${Math.round(plainShare * 100)}% plain), in pieces`,
      fmt.ms(bibOurs.ms),
      'the parser on the whole file',
      fmt.ms(bibParser.ms),
      fmt.ratio(bibOurs.ms / bibParser.ms),
    ],
    ['refuse a 50 MiB abstract in BibTeX (LaTeX in it)', fmt.ms(hugeBib.ms), 'the same record as JSONL', fmt.ms(hugeJsonl.ms), fmt.ratio(hugeBib.ms / hugeJsonl.ms)],
  ];
  console.log(table(['ours', 'time', 'peer', 'peer time', 'ours ÷ peer'], rows));
  results.importedRecords = {
    papers: papers.length,
    prepareMs: prepared.ms,
    jsonParseMs: parse.ms,
    partsColdMs: asParts.ms,
    bundledColdMs: bundled.ms,
    bibtex: { entries: bibPapers.length, plainAbstractShare: plainShare, oursMs: bibOurs.ms, wholeFileParserMs: bibParser.ms },
    hugeAbstract: { bibtexMs: hugeBib.ms, jsonlMs: hugeJsonl.ms },
  };
}

/** Bundle sizes of the built Chrome extension, gzipped, against budgets. */
function bundleSizes(): void {
  section(`Bundle sizes (Chrome build, gzip) · ${MACHINE}`);
  const budgets: [string, RegExp, number][] = [
    ['content script', /^content-scripts\/content\.js$/, 30 * 1024],
    ['background', /^background\.js$/, 60 * 1024],
    ['popup + cluster page', /^chunks\/.*\.js$/, 60 * 1024],
  ];
  const files: string[] = [];
  const walk = (dir: string, prefix = '') => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else files.push(`${prefix}${name}`);
    }
  };
  walk(CHROME_BUILD);
  const rows = budgets.map(([name, pattern, budget]) => {
    const matched = files.filter((f) => pattern.test(f));
    const raw = matched.reduce((n, f) => n + statSync(join(CHROME_BUILD, f)).size, 0);
    const gz = matched.reduce((n, f) => n + gzipSync(readFileSync(join(CHROME_BUILD, f))).length, 0);
    return { name, raw, gz, budget, ok: gz <= budget };
  });
  const largest = Math.max(...files.map((f) => statSync(join(CHROME_BUILD, f)).size));
  console.log(table(['bundle', 'raw', 'gzip', 'budget (gzip)', ''], rows.map((r) => [r.name, fmt.kb(r.raw), fmt.kb(r.gz), fmt.kb(r.budget), r.ok ? 'ok' : 'OVER'])));
  console.log(`largest packaged file: ${fmt.kb(largest)} (limit 5 MiB)`);
  results.bundles = { rows, largestFileBytes: largest };
}

async function main(): Promise<void> {
  console.log(`Arrow Lens bench${QUICK ? ' (quick)' : ''}${ONLY ? ` (only ${ONLY.join(', ')})` : ''} · ${MACHINE}`);
  // First: its cold starts run in fresh processes, but the type-ahead part runs in this one.
  if (wanted('bundled')) results.bundledCorpus = await bundledCorpus();
  const needsPapers = ['titles', 'imports', 'listing'].some(wanted);
  const { papers, source } = needsPapers ? corpusPapers() : { papers: [], source: '' };
  if (wanted('titles')) titleMatching(papers, source);
  // Before the type-ahead section, whose 1M-paper structures would leave the heap full of garbage.
  if (wanted('cold-start')) await coldStart();
  if (wanted('imports')) await importedRecords(papers, source);
  if (wanted('type-ahead')) typeAhead();
  if (wanted('names')) await nameForms();
  if (wanted('listing')) {
    results.listingPage = await listingPage(papers.map((p) => p.title), MACHINE);
    results.listingPage4500 = await listingPage(papers.map((p) => p.title), MACHINE, 4_500);
  }
  if (wanted('storm')) results.mutationStorm = await mutationStorm(MACHINE, QUICK ? 3_000 : 6_000);
  if (wanted('page-ids')) results.pageIds = await pageIdMatching();
  if (wanted('bundles')) bundleSizes();
  const dir = join(PROJECT_DIR, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\nresults: ${file}`);
}

main().catch((error: Error) => {
  console.error(`bench: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
