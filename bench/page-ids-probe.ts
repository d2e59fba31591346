/**
 * One cold start in this fresh process (spawned by bench/page-ids.ts): every index file read into
 * memory first (as bench/bundled-probe.ts does), then load, wait for the content words (the
 * background does before it answers a page) and match one page of listing entries — by title
 * alone (`title`) or with their page ids (`id`). Prints one JSON line.
 *   <title|id> <index dir> <listing.json>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RecordIndex } from '../src/records/record-index';
import type { ListedEntry } from './page-ids';

const [mode, dir, listingFile] = process.argv.slice(2) as ['title' | 'id', string, string];
const listing = JSON.parse(readFileSync(listingFile, 'utf8')) as ListedEntry[];
const files = new Map(readdirSync(dir).map((name) => [name, name.endsWith('.gz') ? new Uint8Array(readFileSync(join(dir, name))) : readFileSync(join(dir, name), 'utf8')]));
(globalThis as { gc?: () => void }).gc?.();

const start = performance.now();
const index = await RecordIndex.load(async (name) => {
  const content = files.get(name)!;
  return typeof content === 'string' ? content : gunzipSync(content).toString('utf8');
});
await index.looseMatchingReady();
// As the background answers a page: every title of the request at once.
const found = await index.matchPapers(listing.map((entry) => ({ title: entry.text, ids: mode === 'id' ? entry.ids : [] })));
const coldMs = performance.now() - start;
if (found.every((f) => f === null)) throw new Error('nothing matched');
console.log(JSON.stringify({ coldMs, matched: found.filter(Boolean).length }));
