/** Picks the importer for a record source from its content, then its name. */
import { importArrowExport, looksLikeArrowExport } from './arrow-export';
import { importBibtex, looksLikeBibtex } from './bibtex';
import { importJson, importJsonl, type JsonImportResult } from './json-records';
import { importMlAnthology, importMlAnthologyLines, looksLikeMlAnthology, looksLikeMlAnthologyLines } from './mlanthology';
import { importPaperlists, looksLikePaperlists } from './paperlists';

export const SOURCE_FORMATS = ['arrow-export', 'bibtex', 'json', 'jsonl', 'mlanthology', 'paperlists'] as const;

/**
 * `name` is the file's name (possibly ending in .gz, already decompressed into `text`).
 * `onProgress` hears the share parsed (0–1) from the slow importers (BibTeX) as they go.
 */
export function importSource(text: string, name: string, onProgress?: (share: number) => void): JsonImportResult {
  // Corpus formats are recognised by their fields, whatever the file is called.
  if (looksLikeMlAnthology(text)) return importMlAnthology(text, name);
  if (looksLikeMlAnthologyLines(text)) return importMlAnthologyLines(text, name);
  if (looksLikePaperlists(text)) return importPaperlists(text, name);
  const base = name.replace(/\.gz$/i, '').toLowerCase();
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return importJsonl(text, name);
  if (base.endsWith('.json')) return importJson(text, name);
  if (base.endsWith('.bib') || looksLikeBibtex(text)) return importBibtex(text, name, { onProgress });
  if (looksLikeArrowExport(text)) return importArrowExport(text, name);
  return {
    papers: [],
    authorRows: [],
    repairs: [],
    problems: [{ file: name, line: 1, field: 'format', message: 'unknown record format: expected .json, .jsonl, BibTeX (.bib) or an Arrow author-cluster export (.txt)' }],
  };
}
