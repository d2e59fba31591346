/** Picks the importer for a record source from its name and content. */
import { importArrowExport, looksLikeArrowExport } from './arrow-export';
import { importJson, importJsonl, type JsonImportResult } from './json-records';

export const SOURCE_FORMATS = ['arrow-export', 'json', 'jsonl'] as const;

/** `name` is the file's name (possibly ending in .gz, already decompressed into `text`). */
export function importSource(text: string, name: string): JsonImportResult {
  const base = name.replace(/\.gz$/i, '').toLowerCase();
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return importJsonl(text, name);
  if (base.endsWith('.json')) return importJson(text, name);
  if (looksLikeArrowExport(text)) return importArrowExport(text, name);
  return {
    papers: [],
    authorRows: [],
    repairs: [],
    problems: [{ file: name, line: 1, field: 'format', message: 'unknown record format: expected .json, .jsonl or an Arrow author-cluster export (.txt)' }],
  };
}
