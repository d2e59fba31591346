/**
 * One record file the user picked on the options page → what the store keeps. Reading the
 * bytes is browser work (File, DecompressionStream); the rest is the records pipeline the
 * CLI build uses (import, merge, tuples), so a file imports here exactly as it builds there.
 */
import { importSource } from '../records/import-source';
import { paperTuple, type PaperTuple } from '../records/index-format';
import { mergeRecords, nameDeclarations } from '../records/merge';
import { formatProblem, formatRepair } from '../records/schema';
import { decodeSourceBytes, isGzip, MAX_SOURCE_BYTES, SourceError, TOO_LARGE } from '../records/source-text';
import { ImportError } from './import-error';
import type { UserSource } from './store';

export { ImportError };

/** Problems and repairs kept per file for the options page; the counts say how many there were. */
const LISTED_PER_FILE = 50;

export interface PreparedSource {
  source: UserSource;
  tuples: PaperTuple[];
  abstracts: string[];
}

/**
 * The records of one file, ready to store. Entries with problems are left out and listed;
 * a file with no usable record at all is refused with its problems. `onProgress` hears the
 * share parsed, from importers that report it.
 */
export function prepareSource(
  text: string,
  file: { name: string; bytes: number },
  id: string,
  importedAt: number,
  onProgress?: (share: number) => void,
): PreparedSource {
  if (text.trim() === '') throw new ImportError([formatProblem({ file: file.name, line: 1, field: 'file', message: 'empty file: no records' })]);
  const imported = importSource(text, file.name, onProgress);
  const merged = mergeRecords([imported]);
  const problems = [...imported.problems, ...merged.problems].map(formatProblem);
  if (merged.papers.length === 0) {
    throw new ImportError(problems.length > 0 ? problems : [formatProblem({ file: file.name, line: 1, field: 'file', message: 'no records found' })]);
  }
  return {
    source: {
      id,
      name: file.name,
      format: imported.papers[0]?.provenance[0]?.format ?? '',
      importedAt,
      bytes: file.bytes,
      paperCount: merged.papers.length,
      authorRows: nameDeclarations(merged),
      repairs: imported.repairs.slice(0, LISTED_PER_FILE).map(formatRepair),
      repairCount: imported.repairs.length,
      problems: problems.slice(0, LISTED_PER_FILE),
      problemCount: problems.length,
    },
    tuples: merged.papers.map(paperTuple),
    abstracts: merged.papers.map((p) => p.abstract),
  };
}

/**
 * The text of a picked file, gunzipped when it is gzip data (whatever its name). `onProgress`
 * gets the share of the file read (0–1). Throws ImportError naming the file.
 */
export async function readRecordFile(file: Blob & { name: string }, onProgress?: (share: number) => void): Promise<string> {
  try {
    if (file.size > MAX_SOURCE_BYTES) throw new SourceError(TOO_LARGE);
    let bytes = await readAll(file.stream(), MAX_SOURCE_BYTES, (read) => onProgress?.(file.size ? read / file.size : 1));
    if (isGzip(bytes)) {
      try {
        bytes = await readAll(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')), MAX_SOURCE_BYTES);
      } catch (error) {
        throw error instanceof SourceError ? new SourceError(`${TOO_LARGE} uncompressed`) : new SourceError(`corrupt gzip data (${(error as Error).message})`);
      }
    } else if (/\.gz$/i.test(file.name)) {
      throw new SourceError('not gzip data, though the name ends in .gz');
    }
    return decodeSourceBytes(bytes);
  } catch (error) {
    if (error instanceof SourceError) throw new ImportError([formatProblem({ file: file.name, line: error.line, field: 'file', message: error.message })]);
    throw new ImportError([formatProblem({ file: file.name, line: 1, field: 'file', message: `cannot be read (${(error as Error).message})` })]);
  }
}

/** Every byte of a stream, refusing more than `max` (a small gzip bomb must not fill the memory). */
async function readAll(stream: ReadableStream<Uint8Array>, max: number, onRead?: (bytes: number) => void): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new SourceError(TOO_LARGE);
    }
    parts.push(value);
    onRead?.(total);
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}
