/**
 * Importer for Paper Copilot paper lists (https://github.com/papercopilot/paperlists) as JSONL,
 * one paper a line, in files named `<venue><year>.jsonl` (e.g. `corl/corl2024.jsonl.gz`):
 *   {"id": "<OpenReview forum id>", "title", "track", "status": "Poster"|"Oral", "tldr"?, "abstract"?,
 *    "author": "A B;C D", "authorids": "~A_B1;", "site"?: "https://openreview.net/forum?id=…", …}
 * `author` and `authorids` are `;`-joined and aligned position by position; an empty id is an author
 * without an OpenReview profile. The ids become `authorIds`, so author rows count distinct profiles.
 */
import { forEachJsonLine, readPaper, type ImportedPaper, type JsonImportResult } from './json-records';
import { venueDisplayName } from './mlanthology';
import { pageId } from './identity';
import type { RecordProblem, Repair } from './schema';

const FORMAT = 'paperlists';

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSONL whose first record carries Paper Copilot's fields (`authorids`, or `track` and `status`). */
export function looksLikePaperlists(text: string): boolean {
  const start = text.search(/[^\s\uFEFF]/);
  const end = text.indexOf('\n', start);
  const first = start < 0 ? '' : text.slice(start, end < 0 ? undefined : end);
  // A record is a line of a few kB; a longer "first line" is a one-line JSON document, not JSONL.
  if (!first.startsWith('{') || first.length > 1_000_000) return false;
  try {
    const value: Json = JSON.parse(first);
    return isObject(value) && typeof value.title === 'string' && (typeof value.authorids === 'string' || (typeof value.track === 'string' && typeof value.status === 'string'));
  } catch {
    return false;
  }
}

/** Venue and year from the file name, which is where Paper Copilot keeps them: `colm2025.jsonl.gz`. */
export function venueYearFromName(name: string): { venue: string; year: number } | null {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/\.gz$/i, '').replace(/\.(jsonl|ndjson|json)$/i, '');
  const match = /^([a-z0-9]+?)[-_]?((?:19|20)\d{2})$/i.exec(base);
  return match ? { venue: venueDisplayName(match[1]!), year: Number(match[2]) } : null;
}

/** `"a;b;"` → ["a", "b", ""]; the empty string is no entries at all (a paper listed without authors). */
const splitList = (value: string): string[] => (value.trim() === '' ? [] : value.split(';').map((s) => s.trim()));

export function importPaperlists(text: string, file: string): JsonImportResult {
  const ctx = { file, format: FORMAT, problems: [] as RecordProblem[], repairs: [] as Repair[] };
  const fromName = venueYearFromName(file);
  const papers: ImportedPaper[] = [];
  forEachJsonLine(text, file, ctx.problems, (value, line) => {
    const record = toRecord(value, fromName, line, ctx.problems, file);
    const paper = record && readPaper(record, line, ctx);
    if (paper) papers.push(paper);
  });
  return { papers, authorRows: [], repairs: ctx.repairs, problems: ctx.problems };
}

/** One Paper Copilot record → our record shape; null (with problems) when it cannot be mapped. */
function toRecord(raw: Json, fromName: { venue: string; year: number } | null, line: number, problems: RecordProblem[], file: string): Record<string, Json> | null {
  const problem = (field: string, message: string) => {
    problems.push({ file, line, field, message });
    return null;
  };
  if (!isObject(raw)) return problem('record', 'expected an object');
  const id = raw.id;
  if (typeof id !== 'string' || id.trim() === '') return problem('id', id === undefined ? 'missing' : 'expected a non-empty string');
  // The records carry no year or venue; a record that does (other exports of the lists) wins over the name.
  const year = typeof raw.year === 'number' ? raw.year : typeof raw.year === 'string' && /^\d{4}$/.test(raw.year.trim()) ? Number(raw.year) : fromName?.year;
  if (year === undefined) return problem('year', 'no year: expected a file named <venue><year>.jsonl, e.g. corl2024.jsonl');
  if (typeof raw.author !== 'string') return problem('author', raw.author === undefined ? 'missing' : 'expected a ";"-separated string of names');
  if (raw.authorids !== undefined && typeof raw.authorids !== 'string') return problem('authorids', 'expected a ";"-separated string of ids');
  const authors = splitList(raw.author);
  const ids = splitList(raw.authorids ?? '');
  if (raw.authorids !== undefined && ids.length !== authors.length) {
    return problem('authorids', `${ids.length} ids for ${authors.length} authors: expected one per author (empty for none)`);
  }
  const venue = typeof raw.venue === 'string' && raw.venue.trim() ? raw.venue : fromName?.venue;
  return {
    id: `pcp:${id.trim()}`,
    title: raw.title,
    year,
    authors,
    // Paper Copilot lists conference papers (accepted, main track; `status` is the presentation).
    venue,
    venueKind: 'Conference',
    type: 'Conference Paper',
    abstract: raw.abstract,
    // Paper Copilot's ids are OpenReview forum ids; `site` is the forum, `pdf`/`github` when listed.
    ids: [pageId('openreview', id)].filter((forum) => forum !== null),
    links: Object.fromEntries(
      Object.entries({ page: raw.site, pdf: raw.pdf, code: raw.github }).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
    ),
    ...(raw.authorids !== undefined ? { authorIds: ids.map((s) => s || null) } : {}),
  };
}
