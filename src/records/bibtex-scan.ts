/**
 * A quick pass over BibTeX source, before the thorough (and slow: ~2.5 µs a character) LaTeX-aware
 * parser sees it. It finds
 * - where top-level entries start, so a big file is parsed in pieces with progress in between;
 * - abstracts that are plain text, with nothing for LaTeX conversion to change but `\%`-style
 *   escapes, so the parser can skip them. An abstract is most of an entry's text: on real ML
 *   papers with abstracts, import gets 2.7× faster (`npm run bench`).
 *
 * It is conservative: on anything it does not expect (a stray top-level brace, an entry delimited
 * by parentheses, an @ that opens nothing) it stops reporting boundaries, and a value with any
 * LaTeX-special character is never called plain. Fewer boundaries or cuts only cost speed; a wrong
 * one would change records, which tests/records/bibtex-scan.test.ts checks against the parser.
 */

export interface PlainValue {
  /** Offset of the `@` of the entry the value belongs to. */
  entryStart: number;
  /** The value's delimiters included: `{…}` or `"…"` spans [from, to). */
  from: number;
  to: number;
  /** The text between the delimiters, as written. */
  text: string;
  /** The same text as LaTeX conversion gives it: `\%` is %, and so on. */
  value: string;
}

export interface BibtexLayout {
  /** Offsets of each `@` that opens a top-level entry at the start of a line, in order. */
  entryStarts: number[];
  /**
   * Abstracts (at most one per entry) that skip the parser: plain text, or written longer than
   * OVERSIZE (kept as written: the record check refuses them as too long either way).
   */
  plainAbstracts: PlainValue[];
}

/**
 * An abstract written longer than this skips LaTeX conversion (which would take seconds a
 * megabyte) and is refused as too long: records keep abstracts up to 20,000 characters.
 */
export const OVERSIZE = 1_000_000;

/** Characters LaTeX conversion acts on, and braces. (A `"` inside braces is text; a quoted value ends at its first `"`.) */
const SPECIAL = /[\\{}$%&~^_#`]/;
/** Ligatures the converter turns into typographic characters (–, —, ”, «, »). */
const LIGATURE = /--|''|<<|>>/;
/** Escapes that stand for their character alone (`50\% of R\&D`): common, and still plain. */
const ESCAPE = /\\([%&$_#])/g;
const ENTRY_OPENING = /@[ \t]*[A-Za-z]+[ \t\r\n]*([{(])/y;
const ABSTRACT_FIELD = /abstract[ \t\r\n]*=[ \t\r\n]*/iy;

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

export function scanBibtex(body: string): BibtexLayout {
  const entryStarts: number[] = [];
  const plainAbstracts: PlainValue[] = [];
  let depth = 0;
  let inQuote = false;
  let atLineStart = true;
  /** False once the top level held something unexpected: no boundary after that is trusted. */
  let trusted = true;
  let entryStart = -1;
  /** The entry's plain abstract, kept only if it turns out to be the entry's one abstract field. */
  let pending: PlainValue | undefined;
  let abstractFields = 0;
  /** The last character seen at entry level (depth 1, outside quotes) that is not white space. */
  let previous = '';

  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (depth === 0) {
      if (c === '\n') atLineStart = true;
      else if (c === '@') {
        ENTRY_OPENING.lastIndex = i;
        const opening = ENTRY_OPENING.exec(body);
        // An @ that opens no entry, or opens one in parentheses: the parser may read on from it
        // in ways this pass does not follow.
        if (!opening || opening[1] === '(') {
          trusted = false;
          atLineStart = false;
          continue;
        }
        if (atLineStart && trusted) entryStarts.push(i);
        entryStart = i;
        pending = undefined;
        abstractFields = 0;
        depth = 1;
        inQuote = false;
        previous = '{';
        i = ENTRY_OPENING.lastIndex - 1;
      } else if (c === '{' || c === '}') trusted = false;
      else if (!isSpace(c)) atLineStart = false;
      continue;
    }
    // Inside an entry a backslash escapes the next character, braces and quotes included (as the parser reads it).
    if (c === '\\') {
      i++;
      if (depth === 1 && !inQuote) previous = c;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        atLineStart = false;
        if (pending && abstractFields === 1) plainAbstracts.push(pending);
      }
    } else if (depth === 1) {
      if (c === '"') inQuote = !inQuote;
      else if (!inQuote && previous === ',' && (c === 'a' || c === 'A')) {
        ABSTRACT_FIELD.lastIndex = i;
        if (ABSTRACT_FIELD.exec(body)) {
          abstractFields++;
          const value = plainValueAt(body, ABSTRACT_FIELD.lastIndex) ?? oversizeValueAt(body, ABSTRACT_FIELD.lastIndex);
          if (value) {
            pending = { entryStart, ...value };
            i = value.to - 1;
            previous = '}';
            continue;
          }
        }
      }
    }
    if (depth === 1 && !inQuote && !isSpace(c)) previous = c;
  }
  return { entryStarts, plainAbstracts };
}

/** A `{…}` value starting at `from` and ending the field, written longer than OVERSIZE, else undefined. */
function oversizeValueAt(body: string, from: number): Omit<PlainValue, 'entryStart'> | undefined {
  if (body[from] !== '{' || body.length - from < OVERSIZE) return undefined;
  // Where the value closes, read as the parser reads it: nested braces, a backslash escapes.
  let depth = 0;
  for (let i = from; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      if (i - from - 1 <= OVERSIZE || !endsField(body, i + 1)) return undefined;
      const text = body.slice(from + 1, i);
      return { from, to: i + 1, text, value: text };
    }
  }
  return undefined;
}

/** The whole value, not the first part of a concatenation (`{…} # name`). */
const endsField = (body: string, at: number) => /^[ \t\r\n]*[,}]/.test(body.slice(at, at + 200));

/** A `{plain text}` or `"plain text"` value starting at `from` and ending the field, else undefined. */
function plainValueAt(body: string, from: number): Omit<PlainValue, 'entryStart'> | undefined {
  const open = body[from];
  if (open !== '{' && open !== '"') return undefined;
  const close = body.indexOf(open === '{' ? '}' : '"', from + 1);
  if (close < 0) return undefined;
  const text = body.slice(from + 1, close);
  const value = text.replace(ESCAPE, '$1');
  if (SPECIAL.test(text.replace(ESCAPE, '')) || LIGATURE.test(text) || LIGATURE.test(value)) return undefined;
  if (!endsField(body, close + 1)) return undefined;
  return { from, to: close + 1, text, value };
}
