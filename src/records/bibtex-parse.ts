/**
 * Runs @retorquere/bibtex-parser over a BibTeX file in pieces of whole entries, with @string
 * definitions carried from piece to piece and plain abstracts taken out first (bibtex-scan.ts), so a
 * big file reports progress as it goes and spends the parser's time only where LaTeX needs it.
 * The result, positions in error messages included, is what the parser gives on the whole file
 * (but for the 20 characters an error message quotes, which stop at the end of a piece):
 * tests/records/bibtex-scan.test.ts checks that as a property.
 */
import { parse, type Entry, type ParseError } from '@retorquere/bibtex-parser';
import { lineLocator } from './json-records';
import { scanBibtex, type BibtexLayout } from './bibtex-scan';

const OPTIONS = {
  // Titles as written: no sentence-casing, no case-protection markup; unknown macros dropped, not thrown.
  sentenceCase: false,
  english: false,
  caseProtection: false,
  unsupported: 'ignore',
  applyCrossRef: true,
} as const;

/** Source characters per parser call: a big file reports progress every few hundred entries. */
const PIECE_CHARS = 100_000;

export interface BibtexParseOptions {
  /** Share of the file parsed so far (0–1), after each piece. */
  onProgress?: (share: number) => void;
  /** The parser alone on the whole text: no pieces, no plain-abstract shortcut (tests compare the two). */
  wholeFile?: boolean;
  /** Characters per piece (tests make it small). */
  pieceChars?: number;
}

export interface ParsedBibtex {
  /** The text the parser read: the source with plain abstracts emptied, every line break kept. */
  text: string;
  entries: Entry[];
  /** The parser's errors, their "line N, column C" counted in the source file. */
  errors: ParseError[];
  /** Plain abstracts by the offset in `text` of their entry's `@`. */
  plainAbstracts: Map<number, string>;
}

/** An emptied value: on `line` of the text, columns after `column` sat `removed` places further right. */
interface Cut {
  line: number;
  column: number;
  removed: number;
}

/** Entries, errors and plain abstracts of a BibTeX file (`<` and `>` kept as written). */
export function parseBibtex(body: string, options: BibtexParseOptions = {}): ParsedBibtex {
  const standIns = bracketStandIns(body);
  const parsed = parseWithStandIns(standIns ? body.replace(/</g, standIns[0]).replace(/>/g, standIns[1]) : body, options);
  if (!standIns) return parsed;
  const restore = (value: string) => value.split(standIns[0]).join('<').split(standIns[1]).join('>');
  return {
    ...parsed,
    entries: parsed.entries.map((entry) => ({ ...entry, fields: mapStrings(entry.fields, restore) })),
    errors: parsed.errors.map((error) => ({ ...error, error: restore(error.error) })),
    plainAbstracts: new Map([...parsed.plainAbstracts].map(([at, text]) => [at, restore(text)])),
  };
}

/**
 * The parser prints a bare `<` and `>` in text as `¡` and `¿` (TeX's OT1 font table) and `<<` as
 * `«`, so "p < 0.05" would read "p ¡ 0.05". They go in as two characters the file does not hold,
 * which it passes through in text and math alike, and come back out as brackets (one character
 * each, so every offset and column stays).
 */
function bracketStandIns(body: string): [string, string] | undefined {
  if (!/[<>]/.test(body)) return undefined;
  const candidates: [string, string][] = [['\uFFFC', '\u2E2E'], ['\u2E2F', '\u1D7C'], ['\u0AF0', '\u1D7D']];
  return candidates.find(([lt, gt]) => !body.includes(lt) && !body.includes(gt));
}

function mapStrings<T>(value: T, map: (s: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, map)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)])) as T;
  return value;
}

/**
 * In pieces, plain abstracts taken out. A file with `crossref` is parsed whole: a child and its
 * parent must be in one piece, and a child may inherit its parent's abstract.
 */
function parseWithStandIns(body: string, options: BibtexParseOptions): ParsedBibtex {
  if (options.wholeFile || /\bcrossref\s*=/i.test(body)) {
    const library = parse(body, OPTIONS);
    options.onProgress?.(1);
    return { text: body, entries: library.entries, errors: library.errors, plainAbstracts: new Map() };
  }
  const { text, pieceStarts, plainAbstracts, cuts } = emptyPlainAbstracts(body, scanBibtex(body));
  const lineOf = lineLocator(text);
  const parsed: ParsedBibtex = { text, entries: [], errors: [], plainAbstracts };
  let strings: Record<string, string> = {};
  let from = 0;
  for (const bound of [...pieceStarts.filter((s) => s > 0), text.length]) {
    if (bound - from < (options.pieceChars ?? PIECE_CHARS) && bound < text.length) continue;
    const library = parse(text.slice(from, bound), { ...OPTIONS, strings });
    strings = { ...strings, ...library.strings };
    parsed.entries.push(...library.entries);
    const linesBefore = lineOf(from) - 1;
    for (const error of library.errors) parsed.errors.push({ ...error, error: sourcePosition(error.error, linesBefore, cuts) });
    from = bound;
    options.onProgress?.(bound / text.length);
  }
  return parsed;
}

/** "line N, column C" of a piece → the same place in the source file. */
function sourcePosition(message: string, linesBefore: number, cuts: Cut[]): string {
  return message.replace(/\bline (\d+)(?:, column (\d+))?/g, (_, n: string, c: string | undefined) => {
    const line = Number(n) + linesBefore;
    if (c === undefined) return `line ${line}`;
    const column = cuts.reduce((at, cut) => (cut.line === line && cut.column < Number(c) ? at + cut.removed : at), Number(c));
    return `line ${line}, column ${column}`;
  });
}

/**
 * `body` with each plain abstract's value replaced by `{}` holding its line breaks (so every line
 * keeps its number); where pieces may start (the start of an entry's line), moved to match; and
 * the abstracts by their entry's start.
 */
function emptyPlainAbstracts(body: string, layout: BibtexLayout) {
  const parts: string[] = [];
  const plainAbstracts = new Map<number, string>();
  const cuts: Cut[] = [];
  /** Where each emptied value ended in `body`, and how much shorter the text is from there on. */
  const shifts: { after: number; removed: number }[] = [];
  let read = 0;
  let removed = 0;
  let line = 1;
  for (const value of layout.plainAbstracts) {
    const breaks = value.text.split('\n').length - 1;
    const placeholder = `{${'\n'.repeat(breaks)}}`;
    const before = body.slice(read, value.from);
    parts.push(before, placeholder);
    plainAbstracts.set(value.entryStart - removed, value.value);
    // The placeholder's `}` ends its last line; what followed the value there moved left.
    line += before.split('\n').length - 1 + breaks;
    const lastLineStart = breaks > 0 ? value.to - 1 - (value.text.length - value.text.lastIndexOf('\n') - 1) : body.lastIndexOf('\n', value.from - 1) + 1;
    // Columns in the text: an earlier cut on this line has moved everything after it already.
    const movedAlready = cuts.reduce((sum, cut) => (cut.line === line ? sum + cut.removed : sum), 0);
    const column = breaks > 0 ? 1 : value.from - lastLineStart + 2 - movedAlready;
    const lastLineRemoved = breaks > 0 ? value.to - lastLineStart - 1 : value.to - value.from - 2;
    cuts.push({ line, column, removed: lastLineRemoved });
    removed += value.to - value.from - placeholder.length;
    shifts.push({ after: value.to, removed });
    read = value.to;
  }
  parts.push(body.slice(read));
  let shift = 0;
  const pieceStarts = layout.entryStarts.map((start) => {
    while (shift < shifts.length && shifts[shift]!.after <= start) shift++;
    // From the start of the entry's line, so the parser counts the same columns on it.
    return body.lastIndexOf('\n', start - 1) + 1 - (shift > 0 ? shifts[shift - 1]!.removed : 0);
  });
  return { text: parts.join(''), pieceStarts, plainAbstracts, cuts };
}
