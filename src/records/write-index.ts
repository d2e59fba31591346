/**
 * Node-only: the bundled index's files for a set of merged papers (format in index-format.ts).
 * gzip at level 9 with Node's zlib, whose header carries no time stamp: rebuilds are byte-identical.
 */
import { gzipSync } from 'node:zlib';
import { nameTable } from '../matching/author-index';
import { titleContent, titleKey } from '../matching/normalise-title';
import {
  ABSTRACTS_PER_SHARD,
  ID_ORDER_FILE,
  INDEX_FORMAT,
  NAME_WORDS_FILE,
  NAMES_PER_SHARD,
  INDEX_VERSION,
  PAGE_ID_CODES_FILE,
  pageIdCode,
  PAPERS_PER_DETAIL_SHARD,
  PAPERS_PER_TITLE_SHARD,
  shardName,
  sourceLabels,
  type DetailTuple,
  type IndexManifest,
} from './index-format';
import { nameDeclarations } from './merge';
import type { Paper } from './schema';
import { encodeIdentity, pageIdKey } from './identity';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const gzipped = (text: string) => gzipSync(text, { level: 9 });

/** File name → contents of a complete index for these papers. */
export function serialiseIndex(papers: readonly Paper[], authorRows: ReadonlyMap<string, number>, declaredPapers: ReadonlyMap<string, number> = new Map()): Map<string, Uint8Array> {
  const keyed = papers.map((paper) => ({ paper, key: titleKey(paper.title) }));
  // Sorted by key (code-unit order, as the reader's binary search compares), then by id.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0));
  const venues = [...new Set(papers.map((p) => p.venue))].sort();
  const venueNumber = new Map(venues.map((v, i) => [v, i]));
  const files = new Map<string, Uint8Array>();
  const titleShards: string[] = [];
  const refShards: string[] = [];
  const contentShards: string[] = [];
  for (let start = 0, n = 0; start < keyed.length || n === 0; start += PAPERS_PER_TITLE_SHARD, n++) {
    const shard = keyed.slice(start, start + PAPERS_PER_TITLE_SHARD);
    const numbers = shard.flatMap(({ paper }) => [venueNumber.get(paper.venue)!, paper.year, paper.authors.length]);
    const lines = [...shard.map((k) => k.key), ...shard.map((k) => k.paper.title)];
    const ids = shard.map((k) => k.paper.id);
    const broken = [...lines, ...ids].find((line) => /[\n\r]/.test(line));
    if (broken !== undefined) throw new Error(`index: a title, key or id holds a line break: ${JSON.stringify(broken)}`);
    titleShards.push(shardName('titles', n, 'txt'));
    files.set(shardName('titles', n, 'txt'), utf8(lines.join('\n')));
    // Ids and numbers are gzipped (a third of the text, needed only to answer): the title
    // shards stay plain text for the cold start, and the bundle stays within its size budget.
    refShards.push(shardName('refs', n, 'txt.gz'));
    files.set(shardName('refs', n, 'txt.gz'), gzipped([JSON.stringify(numbers), ...ids].join('\n')));
    contentShards.push(shardName('contents', n, 'txt.gz'));
    files.set(shardName('contents', n, 'txt.gz'), gzipped(shard.map((k) => titleContent(k.paper.title)).join('\n')));
  }
  const detailShards: string[] = [];
  for (let start = 0, n = 0; start < keyed.length; start += PAPERS_PER_DETAIL_SHARD, n++) {
    const details = keyed.slice(start, start + PAPERS_PER_DETAIL_SHARD).map(({ paper }): DetailTuple => [paper.venueKind, paper.type, paper.authors, sourceLabels(paper)]);
    detailShards.push(shardName('details', n, 'json.gz'));
    files.set(shardName('details', n, 'json.gz'), gzipped(JSON.stringify(details)));
  }
  const identityShards: string[] = [];
  for (let start = 0, n = 0; start < keyed.length; start += PAPERS_PER_DETAIL_SHARD, n++) {
    const lines = keyed.slice(start, start + PAPERS_PER_DETAIL_SHARD).map(({ paper }) => encodeIdentity(paper));
    const broken = lines.find((line) => /[\n\r]/.test(line));
    if (broken !== undefined) throw new Error(`index: an id or link holds a line break: ${JSON.stringify(broken)}`);
    identityShards.push(shardName('identity', n, 'txt.gz'));
    files.set(shardName('identity', n, 'txt.gz'), gzipped(lines.join('\n')));
  }
  files.set(PAGE_ID_CODES_FILE, gzipped(keyed.map(({ paper }) => [...new Set((paper.ids ?? []).map((id) => pageIdCode(pageIdKey(id))))].join('')).join('\n')));
  const abstractShards: string[] = [];
  for (let start = 0, n = 0; start < keyed.length; start += ABSTRACTS_PER_SHARD, n++) {
    abstractShards.push(shardName('abstracts', n, 'json.gz'));
    files.set(shardName('abstracts', n, 'json.gz'), gzipped(JSON.stringify(keyed.slice(start, start + ABSTRACTS_PER_SHARD).map(({ paper }) => paper.abstract))));
  }
  const names = nameTable(keyed.map(({ paper }) => paper.authors));
  const nameShards: string[] = [];
  for (let start = 0, n = 0; start < names.names.length; start += NAMES_PER_SHARD, n++) {
    const lines = names.names.slice(start, start + NAMES_PER_SHARD).map((name, i) => {
      const entry = start + i;
      return `${name}\t${names.searchKeys[entry]}\t${names.paperCounts[entry]}\t${names.papersOf(entry).join(' ')}`;
    });
    nameShards.push(shardName('names', n, 'txt.gz'));
    files.set(shardName('names', n, 'txt.gz'), gzipped(lines.join('\n')));
  }
  files.set(NAME_WORDS_FILE, gzipped(JSON.stringify(Array.from(names.wordStarts))));
  const idOrder = keyed.map((_, i) => i).sort((a, b) => (keyed[a]!.paper.id < keyed[b]!.paper.id ? -1 : keyed[a]!.paper.id > keyed[b]!.paper.id ? 1 : a - b));
  files.set(ID_ORDER_FILE, gzipped(JSON.stringify(idOrder)));
  files.set('author-rows.json', utf8(JSON.stringify(nameDeclarations({ authorRows: new Map(authorRows), declaredPapers: new Map(declaredPapers) }))));
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    paperCount: papers.length,
    venues,
    titleShards,
    refShards,
    papersPerTitleShard: PAPERS_PER_TITLE_SHARD,
    contentShards,
    detailShards,
    identityShards,
    papersPerDetailShard: PAPERS_PER_DETAIL_SHARD,
    abstractShards,
    abstractsPerShard: ABSTRACTS_PER_SHARD,
    nameShards,
  };
  files.set('manifest.json', utf8(JSON.stringify(manifest, null, 1)));
  return files;
}
