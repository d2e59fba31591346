/**
 * `npm run bench -- --only page-ids`: matching by page id before title, on OpenReview note lists
 * built from the bundled corpus's own forum ids and read by the real OpenReview adapter.
 *   - how many entries match by id, by title and by both, and the precision of each (an answer is
 *     right when the paper it names carries the listed forum id), on the titles as recorded and
 *     on the same entries retitled (one content word changed, as between submission and
 *     camera-ready);
 *   - cold start (load + the listing's matches, fresh process each, p50) with the ids sent beside
 *     the same titles without them: ratio id path ÷ title path;
 *   - the Chrome build's size against its 100 MB budget (the ids are already in the index).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Window } from 'happy-dom';
import { indexDirReader, readTitleColumns } from '../src/records/build-index';
import { decodeIdentity } from '../src/records/identity';
import type { IndexManifest } from '../src/records/index-format';
import { RecordIndex, type MatchedBy } from '../src/records/record-index';
import { openreview } from '../src/sites/openreview';
import { CHROME_BUILD } from '../scripts/browser/fixtures';
import { openreviewListingPage } from './listing-page';
import { fmt, machine, percentile, table } from './measure';
import { seededRandom } from './random';

const INDEX = 'public/index';
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 3 : 10;
const ENTRIES = QUICK ? 500 : 2_000;
/** One OpenReview page of notes, as a cold start meets it. */
const PAGE_ENTRIES = 50;
const BUILD_BUDGET_BYTES = 100e6;

export interface ListedEntry {
  text: string;
  ids: string[];
  /** The forum id the entry was built from: a right answer is a paper carrying it. */
  forum: string;
}

/** Every paper's OpenReview forum ids, by record id; and the record ids per forum id. */
function forumIds(): { byPaper: Map<string, string[]>; papersOf: Map<string, string[]>; titles: Map<string, string> } {
  const manifest = JSON.parse(readFileSync(join(INDEX, 'manifest.json'), 'utf8')) as IndexManifest;
  const columns = readTitleColumns(INDEX);
  const ids = columns.flatMap((c) => c.ids);
  const titleOf = columns.flatMap((c) => c.titles);
  const byPaper = new Map<string, string[]>();
  const papersOf = new Map<string, string[]>();
  const titles = new Map<string, string>();
  let position = 0;
  for (const name of manifest.identityShards) {
    for (const line of gunzipSync(readFileSync(join(INDEX, name))).toString('utf8').split('\n')) {
      const paper = ids[position]!;
      const forums = (decodeIdentity(line).ids ?? []).filter((id) => id.startsWith('openreview:')).map((id) => id.slice('openreview:'.length));
      if (forums.length > 0) {
        byPaper.set(paper, forums);
        titles.set(paper, titleOf[position]!);
        for (const forum of forums) papersOf.set(forum, [...(papersOf.get(forum) ?? []), paper]);
      }
      position++;
    }
  }
  return { byPaper, papersOf, titles };
}

/** The title with its longest word replaced: what a retitled camera-ready version does to a lookup. */
function retitled(title: string): string {
  const words = title.split(' ');
  let longest = 0;
  words.forEach((w, i) => (w.length > words[longest]!.length ? (longest = i) : undefined));
  words[longest] = 'Reconsidered';
  return words.join(' ');
}

/** What the OpenReview adapter reads off the listing page: each entry's shown title and ids. */
function readListing(entries: readonly { forum: string; title: string }[]): ListedEntry[] {
  const url = 'https://openreview.net/search?term=bench&content=all&group=all&source=forum';
  const window = new Window({ url });
  const doc = new window.DOMParser().parseFromString(openreviewListingPage(entries), 'text/html') as unknown as Document;
  const found = openreview.findTitles(doc, new URL(url));
  void window.happyDOM.close();
  if (found.length !== entries.length) throw new Error(`the adapter read ${found.length} of ${entries.length} entries`);
  return found.map((f, i) => ({ text: f.text, ids: f.ids ?? [], forum: entries[i]!.forum }));
}

interface Tally {
  matched: number;
  right: number;
  wrong: string[];
}

async function tally(index: RecordIndex, listing: readonly ListedEntry[], papersOf: Map<string, string[]>) {
  const by: Record<MatchedBy | 'none', Tally> = {
    id: { matched: 0, right: 0, wrong: [] },
    title: { matched: 0, right: 0, wrong: [] },
    both: { matched: 0, right: 0, wrong: [] },
    none: { matched: 0, right: 0, wrong: [] },
  };
  const answers = await index.matchPapers(listing.map((entry) => ({ title: entry.text, ids: entry.ids })));
  for (const [i, entry] of listing.entries()) {
    const found = answers[i];
    const kind = found?.by ?? 'none';
    by[kind].matched++;
    if (found && papersOf.get(entry.forum)?.includes(found.paper.id)) by[kind].right++;
    else if (found) by[kind].wrong.push(`openreview:${entry.forum} → ${found.paper.id}`);
  }
  return by;
}

function probeRun(mode: 'title' | 'id', listingFile: string): number {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/page-ids-probe.ts', mode, INDEX, listingFile], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return (JSON.parse(out.trim().split('\n').at(-1)!) as { coldMs: number }).coldMs;
}

function buildBytes(dir: string): number {
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    bytes += statSync(path).isDirectory() ? buildBytes(path) : statSync(path).size;
  }
  return bytes;
}

export async function pageIdMatching(): Promise<Record<string, unknown>> {
  console.log(`\n== Page ids: OpenReview note lists from the corpus's own forum ids · ${machine()} ==`);
  const { byPaper, papersOf, titles } = forumIds();
  const random = seededRandom(23);
  const withForum = [...byPaper.keys()];
  const sampled = Array.from({ length: ENTRIES }, () => withForum[Math.floor(random() * withForum.length)]!);
  const entries = [...new Set(sampled)].map((paper) => ({ forum: byPaper.get(paper)![0]!, title: titles.get(paper)! }));
  const shared = [...papersOf.values()].filter((papers) => papers.length > 1).length;

  const index = await RecordIndex.load(indexDirReader(INDEX));
  await index.looseMatchingReady();
  const asRecorded = await tally(index, readListing(entries), papersOf);
  const changed = await tally(index, readListing(entries.map((e) => ({ ...e, title: retitled(e.title) }))), papersOf);

  // Cold start: the first page of the listing, in fresh processes, alternated.
  const work = mkdtempSync(join(tmpdir(), 'arrow-lens-page-ids-'));
  const listingFile = join(work, 'listing.json');
  writeFileSync(listingFile, JSON.stringify(readListing(entries.slice(0, PAGE_ENTRIES))));
  const titleRuns: number[] = [];
  const idRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    titleRuns.push(probeRun('title', listingFile));
    idRuns.push(probeRun('id', listingFile));
  }
  rmSync(work, { recursive: true, force: true });
  const p50 = (runs: number[]) => percentile([...runs].sort((a, b) => a - b), 50);
  const buildSize = buildBytes(CHROME_BUILD);

  const precision = (t: Tally) => (t.matched === 0 ? '–' : fmt.p(t.right / t.matched));
  const rows = (name: string, by: Awaited<ReturnType<typeof tally>>) =>
    (['id', 'both', 'title', 'none'] as const).map((kind) => [
      kind === 'id' ? name : '',
      kind === 'none' ? 'no badge' : `by ${kind}`,
      fmt.n(by[kind].matched),
      kind === 'none' ? '' : precision(by[kind]),
      by[kind].wrong.slice(0, 3).join('; '),
    ]);
  console.log(`${fmt.n(entries.length)} entries (forum ids of ${fmt.n(byPaper.size)} corpus papers; ${fmt.n(shared)} forum ids name more than one record, so their title decides)`);
  console.log(table(['listing', 'matched', 'entries', 'precision', 'wrong (first 3)'], [...rows('titles as recorded', asRecorded), ...rows('retitled (a word changed)', changed)]));
  const ratio = p50(idRuns) / p50(titleRuns);
  console.log(
    table(
      ['measure', 'id path (titles + ids)', 'title path (titles alone)', 'id ÷ title'],
      [[`cold start: load + ${PAGE_ENTRIES} entries matched (p50 of ${RUNS})`, fmt.ms(p50(idRuns)), fmt.ms(p50(titleRuns)), fmt.ratio(ratio)]],
    ),
  );
  console.log(`Chrome build: ${(buildSize / 1e6).toFixed(2)} MB of a ${BUILD_BUDGET_BYTES / 1e6} MB budget: ${buildSize <= BUILD_BUDGET_BYTES ? 'ok' : 'OVER'}`);
  const figures = (by: Awaited<ReturnType<typeof tally>>) => Object.fromEntries(Object.entries(by).map(([k, t]) => [k, { matched: t.matched, right: t.right, wrong: t.wrong.slice(0, 20) }]));
  return {
    entries: entries.length,
    sharedForumIds: shared,
    asRecorded: figures(asRecorded),
    retitled: figures(changed),
    coldStartIdMs: p50(idRuns),
    coldStartTitleMs: p50(titleRuns),
    coldStartRatio: ratio,
    runs: RUNS,
    buildBytes: buildSize,
  };
}

if (process.argv[1]?.endsWith('page-ids.ts')) {
  pageIdMatching().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exitCode = 1;
  });
}
