/**
 * The peer of the bundled-corpus bench: the index format the extension shipped before v4
 * (commit 4a814fa), reduced to its cold start: every title tuple parsed from JSON shards, and the
 * exact-key map and id map built at start. Bench-only; written from that commit's code so the
 * same papers can be timed in both formats in one run.
 */
import { titleKey } from '../src/matching/normalise-title';
import type { Paper } from '../src/records/schema';

const PAPERS_PER_SHARD = 8_000;
type TitleTuple = [id: string, title: string, venue: string, year: number, authorCount: number, titleKey: string];

/** The v3 title shards of these papers (papers sorted by id, as v3 stored them). */
export function serialiseV3Titles(papers: readonly Paper[]): Map<string, string> {
  const sorted = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const files = new Map<string, string>();
  const names: string[] = [];
  for (let start = 0, n = 0; start < sorted.length; start += PAPERS_PER_SHARD, n++) {
    const name = `papers-${String(n).padStart(3, '0')}.json`;
    names.push(name);
    files.set(name, JSON.stringify(sorted.slice(start, start + PAPERS_PER_SHARD).map((p): TitleTuple => [p.id, p.title, p.venue, p.year, p.authors.length, titleKey(p.title)])));
  }
  files.set('manifest.json', JSON.stringify({ paperShards: names }));
  return files;
}

/** v3's cold start: parse every title shard, build summaries, the id map and the exact-key map; then match. */
export async function coldStartV3(read: (name: string) => Promise<string>, query: string): Promise<string | undefined> {
  const manifest = JSON.parse(await read('manifest.json')) as { paperShards: string[] };
  const titles = (await Promise.all(manifest.paperShards.map(async (name) => JSON.parse(await read(name)) as TitleTuple[]))).flat();
  const entries = titles.map(([id, title, venue, year, authorCount]) => ({ id, title, venue, year, authorCount }));
  const positionOfId = new Map<string, number>();
  entries.forEach((e, i) => positionOfId.set(e.id, i));
  const byKey = new Map<string, number>();
  titles.forEach((t, i) => {
    if (t[5] !== '' && !byKey.has(t[5])) byKey.set(t[5], i);
  });
  const found = byKey.get(titleKey(query));
  return found === undefined ? undefined : entries[found]!.id;
}
