/**
 * Importer for BibTeX / BibLaTeX files (`.bib`, `.bib.gz`) as DBLP, Google Scholar, ACL Anthology
 * and Zotero/Better BibTeX export them.
 *
 * Parser: @retorquere/bibtex-parser (Better BibTeX's own; ISC, maintained). Chosen because it alone
 * turns real LaTeX into Unicode ({\`a}, \"{o}, $\ell_1$ → ℓ₁), splits names (von/Jr, {Org}),
 * resolves @string and crossref, and recovers after a syntax error; biblatex-csl-converter is LGPL,
 * quadratic (30k entries: > 9 min) and drops math; citation-js and bibtex-parse stop at the first
 * error and give no entry positions; @orcid/bibtex-parse-js does no LaTeX at all.
 *
 * Each entry is mapped onto our record schema, then validated by `readPaper` like any JSON record
 * (limits, control characters, mojibake repair, derived id); its line is the line of its `@`.
 */
import type { Creator, Entry } from '@retorquere/bibtex-parser';
import { parseBibtex, type BibtexParseOptions, type ParsedBibtex } from './bibtex-parse';
import { lineLocator, readPaper, type ImportedPaper, type JsonImportResult } from './json-records';
import { repairMojibake } from './mojibake';
import { repairField } from './repair';
import { RECORD_LIMITS, type RecordProblem, type Repair } from './schema';

const FORMAT = 'bibtex';

const ENTRY_TYPES = 'article|inproceedings|conference|incollection|inbook|book|booklet|proceedings|misc|unpublished|online|preprint|techreport|report|phdthesis|mastersthesis|thesis|manual|string|preamble|comment';
const SNIFF = new RegExp(`^\\uFEFF?(?:\\s|%[^\\n]*\\n)*@(?:${ENTRY_TYPES})\\s*[{(]`, 'i');

/** Text that starts, after whitespace and `%` comment lines, with `@article{`, `@inproceedings{`, …. */
export function looksLikeBibtex(text: string): boolean {
  return SNIFF.test(text.slice(0, 20_000));
}

/** Tags the parser's LaTeX → HTML-ish rendering emits (\emph → <i>, \textsc → <span …>, \url → <a …>). */
const MARKUP = /<\/?(?:i|b|em|strong|sup|sub|span|a|pre|code|tt|sc|nc|ncx)(?:\s[^<>]*)?>/gi;

/** A converted field as plain text: markup and leftover protective braces dropped, whitespace collapsed. */
function plain(value: unknown): string {
  const text = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : '';
  return (
    text
      .replace(MARKUP, '')
      .replace(/[{}]/g, '')
      // {\"\i} renders as a dotless i plus a combining mark; NFC then makes it "ï".
      .replace(/\u0131(?=[\u0300-\u036f])/g, 'i')
      .replace(/\u0237(?=[\u0300-\u036f])/g, 'j')
      .normalize('NFC')
      // ASCII whitespace only: a no-break space may be the last byte of a mojibake "à" (repair.ts).
      .replace(/[ \t\r\n\f\v]+/g, ' ')
      .trim()
  );
}

/** "First von Last Jr."; a braced {Organisation Name} stays whole; "others" is dropped. */
function authorName(creator: Creator): string {
  if (creator.name !== undefined) return plain(creator.name);
  const parts = [creator.firstName, creator.prefix, creator.lastName, creator.suffix].map(plain).filter(Boolean);
  return parts.join(' ');
}

const isOthers = (c: Creator) => (c.name ?? (c.firstName ? '' : c.lastName ?? '')).trim().toLowerCase() === 'others';

function isArxiv(fields: Record<string, unknown>): boolean {
  return ['eprinttype', 'archiveprefix', 'publisher', 'journal', 'journaltitle', 'howpublished'].some((f) => /\barxiv\b/i.test(plain(fields[f])));
}

function venueOf(fields: Record<string, unknown>): string {
  const written = plain(fields.booktitle) || plain(fields.journal) || plain(fields.journaltitle);
  if (written) return written;
  for (const f of ['publisher', 'eprinttype', 'archiveprefix']) {
    const value = plain(fields[f]);
    if (/^arxiv\b/i.test(value)) return value;
  }
  return '';
}

function kindAndType(entryType: string, fields: Record<string, unknown>): { venueKind: string; type: string } {
  const t = entryType.toLowerCase();
  if (t === 'article') return { venueKind: 'Journal', type: 'Journal Article' };
  if (t === 'inproceedings' || t === 'conference') return { venueKind: 'Conference', type: 'Conference Paper' };
  const preprintType = t === 'misc' || t === 'unpublished' || t === 'online' || t === 'preprint' || t === 'eprint';
  if (preprintType && (isArxiv(fields) || /arxiv\.org\//i.test(plain(fields.url)))) return { venueKind: '', type: 'Preprint' };
  return { venueKind: '', type: t ? t[0]!.toUpperCase() + t.slice(1) : '' };
}

/** The entry's own year, else its own date's year, else what crossref gave it. */
function yearOf(entry: Entry): unknown {
  const fields = entry.fields as Record<string, unknown>;
  const inherited = new Set(entry.crossref?.inherited ?? []);
  const fromDate = (v: unknown) => /^\s*(\d{4})\b/.exec(plain(v))?.[1] ?? plain(v);
  const candidates: [string, (v: unknown) => string][] = [['year', plain], ['date', fromDate]];
  for (const own of [true, false]) {
    for (const [field, read] of candidates) {
      if (fields[field] === undefined || inherited.has(field) === own) continue;
      const text = read(fields[field]);
      return /^\d{4}$/.test(text) ? Number(text) : text;
    }
  }
  return undefined;
}

function toRecord(entry: Entry): Record<string, unknown> {
  const fields = entry.fields as Record<string, unknown>;
  const creators = Array.isArray(fields.author) ? (fields.author as Creator[]) : [];
  return {
    title: fields.title === undefined ? undefined : plain(fields.title),
    year: yearOf(entry),
    authors: creators.filter((c) => !isOthers(c)).map(authorName).filter(Boolean),
    venue: venueOf(fields),
    ...kindAndType(entry.type, fields),
    abstract: plain(fields.abstract),
  };
}

/** Finds successive verbatim slices of `text` (entries come back in source order). */
function slicer(text: string): (slice: string | undefined) => number {
  let from = 0;
  return (slice) => {
    if (!slice) return -1;
    const at = text.indexOf(slice, from);
    if (at >= 0) from = at + slice.length;
    return at;
  };
}

/**
 * Mojibake is repaired in the source text, word by word, before parsing: the name splitter would
 * otherwise trim the no-break space that ends a damaged "à" ("RodolĂ\u00a0, E."), and one word
 * is repaired whole, as repair.ts does for a field. Each repaired line is logged with its field.
 */
function repairSource(body: string, file: string, repairs: Repair[]): string {
  if (!/[^\x00-\x7f]/.test(body)) return body;
  let field = 'text';
  return body
    .split('\n')
    .map((line, i) => {
      field = /^\s*([A-Za-z][\w-]*)\s*=/.exec(line)?.[1]?.toLowerCase() ?? (/^\s*@/.test(line) ? 'text' : field);
      if (!/[^\x00-\x7f]/.test(line)) return line;
      const repaired = line.replace(/[^ \t\r\n{}",=\\]*[^\x00-\x7f][^ \t\r\n{}",=\\]*/g, (word) => {
        const fixed = repairMojibake(word);
        return fixed === word.normalize('NFC') ? word : fixed;
      });
      if (repaired !== line) repairs.push({ source: file, line: i + 1, field, what: 'mojibake', from: line.trim(), to: repaired.trim() });
      return repaired;
    })
    .join('\n');
}

const CONTAINERS = new Set(['proceedings', 'mvproceedings', 'collection', 'mvcollection', 'book', 'mvbook', 'periodical']);

export function importBibtex(text: string, file: string, options: BibtexParseOptions = {}): JsonImportResult {
  const ctx = { file, format: FORMAT, problems: [] as RecordProblem[], repairs: [] as Repair[] };
  const body = repairSource(text.replace(/^\uFEFF/, ''), file, ctx.repairs);
  let parsed: ParsedBibtex;
  try {
    parsed = parseBibtex(body, options);
  } catch (error) {
    return { papers: [], authorRows: [], repairs: [], problems: [{ file, line: 1, field: 'bibtex', message: `unreadable: ${(error as Error).message}` }] };
  }
  const lineOf = lineLocator(parsed.text);
  const lastLine = lineOf(parsed.text.length);

  const findError = slicer(parsed.text);
  for (const error of parsed.errors) {
    // An undefined @string keeps its name as the value, as BibTeX does: not a problem of the record.
    if (/^Unresolved @string reference/.test(error.error)) continue;
    const at = findError(error.input);
    const stated = Number(/\bline (\d+)/.exec(error.error)?.[1]);
    const line = at >= 0 ? lineOf(at) : stated >= 1 && stated <= lastLine ? stated : 1;
    const message = error.error.replace(/\s+/g, ' ').slice(0, 300);
    ctx.problems.push({ file, line, field: 'bibtex', message: `syntax error: ${message}` });
  }

  const findEntry = slicer(parsed.text);
  const papers: ImportedPaper[] = [];
  for (const entry of parsed.entries) {
    // An entry the parser gave up on comes back empty; its syntax error is reported above.
    if (!entry.input) continue;
    // A volume that other entries crossref (@proceedings, …) is their container, not a paper.
    if (CONTAINERS.has(entry.type.toLowerCase()) && (entry.crossref?.donated.length ?? 0) > 0) continue;
    const at = findEntry(entry.input);
    const line = at >= 0 ? lineOf(at) : 1;
    const { venue, ...record } = toRecord(entry);
    const plainAbstract = parsed.plainAbstracts.get(at);
    if (plainAbstract !== undefined) record.abstract = plain(plainAbstract);
    const paper = readPaper(record, line, ctx);
    if (!paper) continue;
    // Booktitles run long ("Proceedings of the 61st Annual Meeting of the …"): kept whole, not
    // held to readPaper's 100-character cap for short venue names.
    if (typeof venue === 'string' && venue && venue.length <= RECORD_LIMITS.title) {
      paper.venue = repairField(venue, { source: file, line, field: 'venue' }, ctx.repairs);
    }
    papers.push(paper);
  }
  ctx.problems.sort((a, b) => a.line - b.line);
  return { papers, authorRows: [], repairs: ctx.repairs, problems: ctx.problems };
}
