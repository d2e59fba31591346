/**
 * Node-only: reads record sources, imports and merges them, and writes the index folder
 * atomically (write aside, then rename), so a failed build leaves the previous index as it was.
 * Used by the records CLI and tests; never bundled into the extension.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { importSource } from './import-source';
import { serialiseIndex } from './index-format';
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

export function buildIndex(sourcePaths: readonly string[], outDir: string): BuildReport {
  const problems: RecordProblem[] = [];
  const repairs: Repair[] = [];
  const log: string[] = [];
  const imported = [];
  const files = listSourceFiles(sourcePaths);
  if (files.length === 0) problems.push({ file: sourcePaths.join(' ') || '(none)', line: 0, field: 'sources', message: 'no record files found' });
  for (const path of files) {
    const name = relative(process.cwd(), path) || path;
    let text: string;
    try {
      text = readSource(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
      problems.push({ file: name, line: error instanceof SourceError ? error.line : 1, field: 'file', message: reason });
      continue;
    }
    if (text.trim() === '') {
      problems.push({ file: name, line: 1, field: 'file', message: 'empty file: no records' });
      continue;
    }
    const result = importSource(text, name);
    problems.push(...result.problems);
    repairs.push(...result.repairs);
    imported.push(result);
    log.push(`${name}: ${result.papers.length} papers, ${result.authorRows.length} author-row counts, ${result.repairs.length} repairs`);
  }
  for (const r of repairs) log.push(formatRepair(r));
  const merged = mergeRecords(imported);
  problems.push(...merged.problems);
  if (problems.length > 0) {
    return { ok: false, problems: problems.map(formatProblem), log, files: [], paperCount: 0 };
  }
  const contents = serialiseIndex(merged.papers, merged.authorRows);
  writeAtomically(outDir, contents);
  const written = [...contents].map(([name, text]) => ({ name, bytes: Buffer.byteLength(text) }));
  log.push(`${merged.papers.length} papers (${imported.reduce((n, r) => n + r.papers.length, 0)} before merging) → ${outDir} (${written.length} files, ${written.reduce((n, f) => n + f.bytes, 0)} bytes)`);
  return { ok: true, problems: [], log, files: written, paperCount: merged.papers.length };
}

/** Writes every file into a sibling folder, then swaps it in with renames. */
function writeAtomically(outDir: string, contents: ReadonlyMap<string, string>): void {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(outDir)}.new-${process.pid}`);
  const retired = join(parent, `.${basename(outDir)}.old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  for (const [name, text] of contents) writeFileSync(join(staging, name), text);
  if (existsSync(outDir)) renameSync(outDir, retired);
  renameSync(staging, outDir);
  rmSync(retired, { recursive: true, force: true });
}
