/**
 * One cold start of the bundled index in this fresh process (spawned by bench/bundled.ts):
 * every index file is read into memory first, as the background's fetch would get it (text for
 * text files, bytes for gzipped ones), so what is timed is parsing and building, not the disk.
 * Prints one JSON line.
 *   v4 <index dir> <probe title> <first letter>   load + first match, then first preview, heap,
 *                                                  first suggestion, the largest cluster
 *   v3 <v3 dir> <probe title>                      the previous format's load + first match
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RecordIndex } from '../src/records/record-index';
import { coldStartV3 } from './index-v3';

const [mode, dir, probe, letter] = process.argv.slice(2) as [string, string, string, string];
const files = new Map(readdirSync(dir).map((name) => [name, name.endsWith('.gz') ? new Uint8Array(readFileSync(join(dir, name))) : readFileSync(join(dir, name), 'utf8')]));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
gc();
const heapBefore = process.memoryUsage().heapUsed;
const clock = () => performance.now();

if (mode === 'v3') {
  const start = clock();
  const id = await coldStartV3(async (name) => files.get(name) as string, probe);
  const coldMs = clock() - start;
  if (!id) throw new Error('v3 did not match its probe');
  console.log(JSON.stringify({ coldMs }));
} else {
  const start = clock();
  // Gzipped files are inflated by Node's zlib, standing in for the browser's native inflate
  // (Node's DecompressionStream runs through JavaScript streams); the time counts.
  const index = await RecordIndex.load(async (name) => {
    const content = files.get(name)!;
    return typeof content === 'string' ? content : gunzipSync(content).toString('utf8');
  });
  const match = index.matchTitle(probe);
  const coldMs = clock() - start;
  if (!match) throw new Error('v4 did not match its probe');
  const previewStart = clock();
  const [paper, abstract] = await Promise.all([index.paper(match.paper.id), index.abstractOf(match.paper.id)]);
  const previewMs = clock() - previewStart;
  if (!paper || abstract === undefined) throw new Error('the first preview found no paper');
  await index.looseMatchingReady();
  gc();
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const suggestStart = clock();
  const first = await index.suggestAuthors(letter, 8);
  const suggestMs = clock() - suggestStart;
  if (first.length === 0) throw new Error('no suggestion');
  // The most prolific name: the first suggestions of every letter hold it.
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const top = (await Promise.all(letters.map((l) => index.suggestAuthors(l, 1)))).flat().sort((a, b) => b.paperCount - a.paperCount)[0]!;
  const clusterStart = clock();
  const cluster = await index.cluster(top.name);
  const clusterMs = clock() - clusterStart;
  console.log(JSON.stringify({ coldMs, previewMs, heapMB, suggestMs, topName: top.name, topPapers: cluster?.papers.length, clusterMs }));
}
