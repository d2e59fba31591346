/**
 * Importer for Arrow Lens's own record schema (documented in README "Record formats"):
 *   JSON  — `[paper, …]` or `{"papers": [paper, …], "authorRows": [{"name", "authorRows"}, …]}`
 *   JSONL — one paper per line, or `{"name", "authorRows"}` lines.
 * A paper: {"id"?, "title", "year", "authors": [names], "venue"?, "venueKind"?, "type"?,
 *           "abstract"?, "authorIds"?: [ids parallel to authors]}.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { repairField } from './repair';
import { upperBound } from '../matching/sorted-search';
import { derivedPaperId } from './paper-id';
import { RECORD_LIMITS, type AuthorRowsDeclaration, type ImportResult, type Paper, type RecordProblem, type Repair } from './schema';

/** Deepest nesting of arrays/objects accepted in a JSON document; records need 4 levels. */
export const MAX_JSON_DEPTH = 256;

type Json = unknown;

interface Context {
  file: string;
  format: string;
  problems: RecordProblem[];
  repairs: Repair[];
}

/** Paper with its authors' ids (when the source has them), before ids become author-row counts. */
export interface ImportedPaper extends Paper {
  authorIds?: (string | null)[];
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates one record object; reports each problem as `file:line: field: …`. */
export function readPaper(value: Json, line: number, ctx: Context): ImportedPaper | null {
  const problem = (field: string, message: string) => {
    ctx.problems.push({ file: ctx.file, line, field, message });
    return null;
  };
  if (!isObject(value)) return problem('record', 'expected an object');
  const text = (field: string, limit: number, required: boolean): string | null | undefined => {
    const v = value[field];
    if (v === undefined || v === null) return required ? problem(field, 'missing') : undefined;
    if (typeof v !== 'string') return problem(field, `expected a string, got ${typeName(v)}`);
    if (required && v.trim() === '') return problem(field, 'empty');
    if (v.length > limit) return problem(field, `longer than ${limit} characters (${v.length})`);
    // Control characters are repaired there (a real corpus has line breaks in titles and names).
    const repaired = repairField(v, { source: ctx.file, line, field }, ctx.repairs);
    return required && repaired === '' ? problem(field, 'empty') : repaired;
  };
  const title = text('title', RECORD_LIMITS.title, true);
  const venue = text('venue', 100, false);
  const venueKind = text('venueKind', 50, false);
  const type = text('type', 100, false);
  const abstract = text('abstract', RECORD_LIMITS.abstract, false);
  const id = text('id', RECORD_LIMITS.id, false);
  const year = value.year;
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1900 && year <= 2100;
  if (!yearOk) problem('year', year === undefined ? 'missing' : `expected a whole year between 1900 and 2100, got ${shown(year)}`);
  const authors = readAuthors(value.authors, line, ctx);
  const authorIds = readAuthorIds(value.authorIds, authors?.length ?? 0, line, ctx);
  if (title == null || title === undefined || !yearOk || !authors || venue === null || venueKind === null || type === null || abstract === null || id === null || authorIds === null) {
    return null;
  }
  return {
    id: id ?? derivedPaperId(title, year as number),
    title,
    venue: venue ?? '',
    venueKind: venueKind ?? '',
    year: year as number,
    type: type ?? '',
    authors,
    abstract: abstract ?? '',
    provenance: [{ source: ctx.file, line, format: ctx.format }],
    ...(authorIds ? { authorIds } : {}),
  };
}

function readAuthors(value: Json, line: number, ctx: Context): string[] | null {
  const problem = (message: string) => {
    ctx.problems.push({ file: ctx.file, line, field: 'authors', message });
    return null;
  };
  if (value === undefined) return problem('missing');
  if (!Array.isArray(value)) return problem(`expected an array of names, got ${typeName(value)}`);
  if (value.length > RECORD_LIMITS.authors) return problem(`more than ${RECORD_LIMITS.authors} authors`);
  const names: string[] = [];
  for (const [i, name] of value.entries()) {
    if (typeof name !== 'string' || name.trim() === '') return problem(`author ${i + 1}: expected a non-empty name`);
    if (name.length > RECORD_LIMITS.author) return problem(`author ${i + 1}: longer than ${RECORD_LIMITS.author} characters`);
    const repaired = repairField(name, { source: ctx.file, line, field: `authors[${i}]` }, ctx.repairs).replace(/\s+/g, ' ');
    // A name of control characters only is empty once repaired.
    if (repaired === '') return problem(`author ${i + 1}: expected a non-empty name`);
    names.push(repaired);
  }
  return names;
}

function readAuthorIds(value: Json, count: number, line: number, ctx: Context): (string | null)[] | null | undefined {
  if (value === undefined) return undefined;
  const ok = Array.isArray(value) && value.length === count && value.every((v) => v === null || (typeof v === 'string' && v.length <= RECORD_LIMITS.id));
  if (ok) return value as (string | null)[];
  ctx.problems.push({ file: ctx.file, line, field: 'authorIds', message: `expected ${count} ids (strings or null), one per author` });
  return null;
}

function readAuthorRows(value: Json, line: number, ctx: Context): AuthorRowsDeclaration | null {
  const problem = (field: string, message: string) => {
    ctx.problems.push({ file: ctx.file, line, field, message });
    return null;
  };
  if (!isObject(value)) return problem('authorRows', 'expected an object {"name", "authorRows"}');
  if (typeof value.name !== 'string' || value.name.trim() === '') return problem('name', 'expected a non-empty name');
  if (value.name.length > RECORD_LIMITS.author) return problem('name', `longer than ${RECORD_LIMITS.author} characters`);
  const rows = value.authorRows;
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 1) return problem('authorRows', `expected a whole number ≥ 1, got ${shown(rows)}`);
  const name = repairField(value.name, { source: ctx.file, line, field: 'name' }, ctx.repairs);
  return { name, authorRows: rows, provenance: { source: ctx.file, line, format: ctx.format } };
}

export interface JsonImportResult extends ImportResult {
  papers: ImportedPaper[];
}

/**
 * Calls `visit` with each non-blank line of a JSONL text, parsed, and its 1-based line number;
 * a line that is not JSON becomes a `file:line: json:` problem instead.
 */
export function forEachJsonLine(text: string, file: string, problems: RecordProblem[], visit: (value: Json, line: number) => void): void {
  text.replace(/^\uFEFF/, '').split('\n').forEach((rawLine, i) => {
    const line = i + 1;
    // A CRLF file: without its "\r", a JSON.parse message quoting the line stays one line.
    const raw = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (raw.trim() === '') return;
    let value: Json;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ file, line, field: 'json', message: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    visit(value, line);
  });
}

export function importJsonl(text: string, file: string): JsonImportResult {
  const ctx: Context = { file, format: 'jsonl', problems: [], repairs: [] };
  const papers: ImportedPaper[] = [];
  const authorRows: AuthorRowsDeclaration[] = [];
  forEachJsonLine(text, file, ctx.problems, (value, line) => {
    if (isObject(value) && value.title === undefined && value.authorRows !== undefined) {
      const rows = readAuthorRows(value, line, ctx);
      if (rows) authorRows.push(rows);
      return;
    }
    const paper = readPaper(value, line, ctx);
    if (paper) papers.push(paper);
  });
  return { papers, authorRows, repairs: ctx.repairs, problems: ctx.problems };
}

export function importJson(text: string, file: string): JsonImportResult {
  const ctx: Context = { file, format: 'json', problems: [], repairs: [] };
  const body = text.replace(/^\uFEFF/, '');
  const lineOf = lineLocator(body);
  // jsonc-parser recurses once per level: 100k "[" would overflow the stack.
  const tooDeep = deeperThan(body, MAX_JSON_DEPTH);
  if (tooDeep >= 0) {
    ctx.problems.push({ file, line: lineOf(tooDeep), field: 'json', message: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    return { papers: [], authorRows: [], repairs: [], problems: ctx.problems };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !tree) {
    // One error a line: a file cut short otherwise reports every bracket it leaves open.
    const lines = new Set<number>();
    for (const error of errors) {
      const line = lineOf(error.offset);
      if (lines.has(line)) continue;
      lines.add(line);
      ctx.problems.push({ file, line, field: 'json', message: `invalid JSON: ${printParseErrorCode(error.error)}` });
      if (lines.size === 5) break;
    }
    if (!tree && errors.length === 0) ctx.problems.push({ file, line: 1, field: 'json', message: 'empty file' });
    return { papers: [], authorRows: [], repairs: [], problems: ctx.problems };
  }
  const papers: ImportedPaper[] = [];
  const authorRows: AuthorRowsDeclaration[] = [];
  const paperNodes = tree.type === 'array' ? tree : propertyValue(tree, 'papers');
  if (!paperNodes || paperNodes.type !== 'array') {
    ctx.problems.push({ file, line: lineOf(tree.offset), field: 'papers', message: 'expected an array of papers, or an object with a "papers" array' });
  } else {
    for (const node of paperNodes.children ?? []) {
      const paper = readPaper(nodeValue(node), lineOf(node.offset), ctx);
      if (paper) papers.push(paper);
    }
  }
  const rowsNode = tree.type === 'object' ? propertyValue(tree, 'authorRows') : undefined;
  for (const node of rowsNode?.children ?? []) {
    const rows = readAuthorRows(nodeValue(node), lineOf(node.offset), ctx);
    if (rows) authorRows.push(rows);
  }
  return { papers, authorRows, repairs: ctx.repairs, problems: ctx.problems };
}

function propertyValue(node: Node, key: string): Node | undefined {
  const property = node.children?.find((p) => p.children?.[0]?.value === key);
  return property?.children?.[1];
}

function nodeValue(node: Node): Json {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children![0]!.value as string, nodeValue(p.children![1]!)]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value as Json;
  }
}

/** offset → 1-based line number. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  // The line is the number of line starts at or before the offset.
  return (offset) => upperBound(starts, offset);
}

/**
 * Offset of the first bracket nested deeper than `max` (strings skipped), or -1.
 * One pass, no recursion: guards the recursive jsonc parse tree.
 */
export function deeperThan(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return i;
    } else if ((c === 0x5d /* ] */ || c === 0x7d /* } */) && depth > 0) {
      depth--;
    }
  }
  return -1;
}

/** A value for a message: short JSON for scalars (never the whole of a huge or deeply nested value). */
export function shown(value: Json): string {
  if (typeof value === 'object' && value !== null) return typeName(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function typeName(value: Json): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
}
