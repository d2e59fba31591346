/** The record model shared by the importers, the index builder and the extension. */

/** Where a record came from: file and 1-based line of its first line there. */
export interface Provenance {
  source: string;
  line: number;
  /** Source format, e.g. "arrow-export", "json", "jsonl". */
  format: string;
}

/** The longest field a record may hold; a longer one is refused at import, naming the field. */
export const RECORD_LIMITS = { title: 1_000, abstract: 20_000, author: 300, authors: 2_000, id: 200 } as const;

export interface Paper {
  /** Stable id: given by the source, or derived from the normalised title + year. */
  id: string;
  title: string;
  /** Short venue name as the source writes it, e.g. "TMLR", "NeurIPS". */
  venue: string;
  /** Kind of venue, e.g. "Journal", "Conference"; "" when unknown. */
  venueKind: string;
  year: number;
  /** Publication type, e.g. "Journal Article", "Conference Paper"; "" when unknown. */
  type: string;
  /** Author names in the order the paper lists them. */
  authors: string[];
  abstract: string;
  provenance: Provenance[];
}

/**
 * What a source declares about one author name: how many distinct author records
 * ("author rows") carry it. Kept as data; never derived from the name alone.
 */
export interface AuthorRowsDeclaration {
  name: string;
  authorRows: number;
  /** How many papers the source says the name has (the Arrow export states it), when it says. */
  papers?: number;
  provenance: Provenance;
}

/** One repair the importer made, for the build log. */
export interface Repair {
  source: string;
  line: number;
  field: string;
  what: 'mojibake' | 'control characters';
  from: string;
  to: string;
}

/** A problem in a source file: `file:line: field: message`. */
export interface RecordProblem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export function formatProblem(p: RecordProblem): string {
  return printable(`${p.file}:${p.line}: ${p.field}: ${p.message}`);
}

export function formatRepair(r: Repair): string {
  return printable(`repaired ${r.what}: ${r.source}:${r.line}: ${r.field}: ${JSON.stringify(r.from)} → ${JSON.stringify(r.to)}`);
}

/**
 * Control characters and line breaks escaped (`\r`, `\u0000`): messages quote input (JSON.parse
 * echoes the bad line), and a problem must stay one line that cannot drive the terminal.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** What an importer returns for one source file. */
export interface ImportResult {
  papers: Paper[];
  authorRows: AuthorRowsDeclaration[];
  repairs: Repair[];
  problems: RecordProblem[];
}

/** A name cluster as the Arrow page shows it: every paper listing that exact name. */
export interface NameCluster {
  name: string;
  papers: Paper[];
  /** Distinct author records carrying the name, when a source declared it; null when unknown. */
  authorRows: number | null;
}
