/**
 * Node-only: reads record sources, imports and merges them, and writes the index folder
 * atomically (write aside, then rename), so a failed build leaves the previous index as it was.
 * Used by the records CLI and tests; never bundled into the extension.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseRefShard, parseTitleShard, type DetailTuple, type IndexManifest, type PaperSummary, type TitleColumns } from './index-format';
import { decodeIdentity } from './identity';
import { importSource } from './import-source';
import type { IndexFileReader } from './record-index';
import { serialiseIndex } from './write-index';
import { mergeRecords } from './merge';
import { formatProblem, formatRepair, type RecordProblem, type Repair } from './schema';
import { decodeSourceBytes, isGzip, MAX_SOURCE_BYTES, SourceError, TOO_LARGE } from './source-text';

export interface BuildReport {
  ok: boolean;
  problems: string[];
  log: string[];
  files: { name: string; bytes: number }[];
  paperCount: number;
}

/** Expands folders (and their subfolders) into the record files inside them, sorted; hidden files skipped. */
export function listSourceFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path) || !statSync(path).isDirectory()) return [path];
    return readdirSync(path, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || /\.(txt|json|jsonl|ndjson|bib)(\.gz)?$/i.test(entry.name)))
      .map((entry) => entry.name)
      .sort()
      .flatMap((name) => listSourceFiles([join(path, name)]));
  });
}

function readSource(path: string): string {
  let raw: Uint8Array = readFileSync(path);
  if (path.toLowerCase().endsWith('.gz')) {
    if (!isGzip(raw)) throw new SourceError('not gzip data, though the name ends in .gz');
    try {
      // The cap also stops a small "zip bomb" from filling the memory.
      raw = gunzipSync(raw, { maxOutputLength: MAX_SOURCE_BYTES });
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      throw new SourceError(tooLarge ? `${TOO_LARGE} uncompressed` : `corrupt gzip data (${(error as Error).message})`);
    }
  }
  return decodeSourceBytes(raw);
}

export interface BuildOptions {
  /** Fail on any problem, as a release check would; by default an entry with one is left out. */
  strict?: boolean;
}

/**
 * Imports, merges and writes the index. An entry with a problem is left out and listed, and the
 * build goes on (one bad entry among 158k must not stop it); the build fails, leaving the
 * previous index untouched, when a file cannot be read or yields no record, or on any problem
 * when `strict`.
 */
export function buildIndex(sourcePaths: readonly string[], outDir: string, options: BuildOptions = {}): BuildReport {
  const problems: RecordProblem[] = [];
  const repairs: Repair[] = [];
  const log: string[] = [];
  const imported = [];
  let fatal = false;
  const files = listSourceFiles(sourcePaths);
  if (files.length === 0) {
    problems.push({ file: sourcePaths.join(' ') || '(none)', line: 0, field: 'sources', message: 'no record files found' });
    fatal = true;
  }
  for (const path of files) {
    const name = relative(process.cwd(), path) || path;
    let text: string;
    try {
      text = readSource(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
      problems.push({ file: name, line: error instanceof SourceError ? error.line : 1, field: 'file', message: reason });
      fatal = true;
      continue;
    }
    if (text.trim() === '') {
      problems.push({ file: name, line: 1, field: 'file', message: 'empty file: no records' });
      fatal = true;
      continue;
    }
    const result = importSource(text, name);
    problems.push(...result.problems);
    repairs.push(...result.repairs);
    if (result.papers.length === 0 && result.authorRows.length === 0) {
      if (result.problems.length === 0) problems.push({ file: name, line: 1, field: 'file', message: 'no records in this file' });
      fatal = true;
      continue;
    }
    imported.push(result);
    log.push(`${name}: ${result.papers.length} papers, ${result.authorRows.length} author-row counts, ${result.repairs.length} repairs${result.problems.length ? `, ${result.problems.length} left out` : ''}`);
  }
  for (const r of repairs) log.push(formatRepair(r));
  const merged = mergeRecords(imported);
  problems.push(...merged.problems);
  if (fatal || (options.strict && problems.length > 0)) {
    return { ok: false, problems: problems.map(formatProblem), log, files: [], paperCount: 0 };
  }
  const contents = serialiseIndex(merged.papers, merged.authorRows, merged.declaredPapers);
  // A source folder's licence and provenance notes travel with the index into the extension.
  for (const [name, path] of licenceFiles(sourcePaths)) contents.set(name, readFileSync(path));
  writeAtomically(outDir, contents);
  const written = [...contents].map(([name, bytes]) => ({ name, bytes: bytes.byteLength }));
  if (problems.length > 0) log.push(`${problems.length} entries with a problem left out (listed above)`);
  log.push(`${merged.papers.length} papers (${imported.reduce((n, r) => n + r.papers.length, 0)} before merging) → ${outDir} (${written.length} files, ${written.reduce((n, f) => n + f.bytes, 0)} bytes)`);
  return { ok: true, problems: problems.map(formatProblem), log, files: written, paperCount: merged.papers.length };
}

/**
 * `LICENSE` and `SOURCE.md` files in the source folders, each as `LICENSE-<folder>.txt` or
 * `SOURCE-<folder>.md` (the ML Anthology snapshot's Apache-2.0 licence must ship with its data).
 */
export function licenceFiles(paths: readonly string[]): [name: string, path: string][] {
  const found: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(path);
      else if (entry.name === 'LICENSE') found.push([`LICENSE-${basename(dir)}.txt`, path]);
      else if (entry.name === 'SOURCE.md') found.push([`SOURCE-${basename(dir)}.md`, path]);
    }
  };
  for (const path of paths) if (existsSync(path) && statSync(path).isDirectory()) walk(path);
  return found;
}

/** Writes every file into a sibling folder, then swaps it in with renames. */
function writeAtomically(outDir: string, contents: ReadonlyMap<string, Uint8Array>): void {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(outDir)}.new-${process.pid}`);
  const retired = join(parent, `.${basename(outDir)}.old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  for (const [name, bytes] of contents) writeFileSync(join(staging, name), bytes);
  if (existsSync(outDir)) renameSync(outDir, retired);
  renameSync(staging, outDir);
  rmSync(retired, { recursive: true, force: true });
}

/** Reads the files of an index folder on disk, gzipped ones inflated with zlib. */
export function indexDirReader(dir: string): IndexFileReader {
  return async (name) => (name.endsWith('.gz') ? gunzipSync(readFileSync(join(dir, name))).toString('utf8') : readFileSync(join(dir, name), 'utf8'));
}

/** Every paper of an index folder, abstract included, in index order (for tests and tools). */
export function readIndexPapers(dir: string): (PaperSummary & { abstract: string })[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
  const inflated = <T>(name: string) => JSON.parse(gunzipSync(readFileSync(join(dir, name))).toString('utf8')) as T[];
  const titles = readTitleColumns(dir).flatMap((c) => c.ids.map((id, i) => ({ id, title: c.titles[i]!, venue: c.venues[i]!, year: c.years[i]! })));
  const details = manifest.detailShards.flatMap((name) => inflated<DetailTuple>(name));
  const identities = manifest.identityShards.flatMap((name) => gunzipSync(readFileSync(join(dir, name))).toString('utf8').split('\n'));
  const abstracts = manifest.abstractShards.flatMap((name) => inflated<string>(name));
  return titles.map((t, i) => {
    const [venueKind, type, authors, sources] = details[i]!;
    return { ...t, venueKind, type, authors, sources, ...decodeIdentity(identities[i]!), abstract: abstracts[i]! };
  });
}

/** The title columns of each title shard of an index folder (title and refs shards read together). */
export function readTitleColumns(dir: string): TitleColumns[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
  return manifest.titleShards.map((name, n) => ({
    ...parseTitleShard(readFileSync(join(dir, name), 'utf8')),
    ...parseRefShard(gunzipSync(readFileSync(join(dir, manifest.refShards[n]!))).toString('utf8'), manifest.venues),
  }));
}
