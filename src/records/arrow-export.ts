/**
 * Importer for the Arrow Research author-cluster export: the plain-text page saved from
 * "Arrow Research search → Author name cluster" (see data/arrow-author-cluster-*.txt).
 *
 *   Author name cluster / <name> / <disclaimer> / "N papers" / "M author rows" /
 *   "Possible papers" / N / then per paper:
 *   <venue line: "TMLR Journal 2025 Journal Article"> / <title> / "• author" lines / <abstract>
 */
import { repairField } from './repair';
import { RECORD_LIMITS, type AuthorRowsDeclaration, type ImportResult, type Paper, type RecordProblem, type Repair } from './schema';
import { derivedPaperId } from './paper-id';

const FORMAT = 'arrow-export';
const VENUE_KINDS = new Set(['Journal', 'Conference', 'Workshop', 'Symposium', 'Preprint', 'Book']);
/** "TMLR Journal 2025 Journal Article": venue words, a year, a publication type. */
const VENUE_LINE = /^(\S(?:.{0,80}\S)?)\s+((?:19|20)\d{2})\s+([A-Z][A-Za-z-]*(?: [A-Z][A-Za-z-]*){0,3})$/;
const BULLET = /^\s*[•·*\-\u2022\u25cf][ \t]+(.*)$/;

interface Line {
  text: string;
  number: number;
}

export function looksLikeArrowExport(text: string): boolean {
  return /^\uFEFF?\s*(Arrow Research search\s*)?Author name cluster\s*$/m.test(text.slice(0, 400));
}

export function parseVenueLine(line: string): { venue: string; venueKind: string; year: number; type: string } | null {
  const match = VENUE_LINE.exec(line.trim());
  if (!match) return null;
  const words = match[1]!.split(/\s+/);
  const last = words[words.length - 1]!;
  const venueKind = words.length > 1 && VENUE_KINDS.has(last) ? last : '';
  const venue = venueKind ? words.slice(0, -1).join(' ') : words.join(' ');
  return { venue, venueKind, year: Number(match[2]), type: match[3]! };
}

export function importArrowExport(text: string, file: string): ImportResult {
  const problems: RecordProblem[] = [];
  const repairs: Repair[] = [];
  const papers: Paper[] = [];
  const authorRows: AuthorRowsDeclaration[] = [];
  const problem = (line: number, field: string, message: string) => problems.push({ file, line, field, message });
  const clean = (value: string, line: number, field: string) => repairField(value, { source: file, line, field }, repairs);

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((raw, i) => ({ text: trimSpacesEnd(raw), number: i + 1 }));
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  const lastLine = lines.length;
  let k = 0;
  const next = (): Line | undefined => nonBlank[k++];
  const peek = (): Line | undefined => nonBlank[k];

  // Header.
  if (peek()?.text.trim() === 'Arrow Research search') next();
  const heading = next();
  if (heading?.text.trim() !== 'Author name cluster') {
    problem(heading?.number ?? 1, 'header', 'expected "Author name cluster" heading; not an Arrow author-cluster export');
    return { papers, authorRows, repairs, problems };
  }
  const nameLine = next();
  if (!nameLine) {
    problem(lastLine, 'name', 'file ends before the cluster name (truncated export)');
    return { papers, authorRows, repairs, problems };
  }
  const clusterName = clean(nameLine.text, nameLine.number, 'name');
  // The disclaimer paragraph(s) run until the "N papers" line.
  let papersLine: Line | undefined;
  while ((papersLine = next()) && !/^\d+ papers?$/.test(papersLine.text.trim()));
  if (!papersLine) {
    problem(lastLine, 'papers', 'file ends before the "N papers" count (truncated export)');
    return { papers, authorRows, repairs, problems };
  }
  const declaredPapers = parseInt(papersLine.text, 10);
  const rowsLine = next();
  const rowsMatch = rowsLine && /^(\d+) author rows?$/.exec(rowsLine.text.trim());
  if (!rowsLine || !rowsMatch) {
    problem(rowsLine?.number ?? lastLine, 'authorRows', 'expected "M author rows" after the paper count');
    return { papers, authorRows, repairs, problems };
  }
  authorRows.push({
    name: clusterName,
    authorRows: Number(rowsMatch[1]),
    papers: declaredPapers,
    provenance: { source: file, line: rowsLine.number, format: FORMAT },
  });
  const listHeading = next();
  if (listHeading?.text.trim() !== 'Possible papers') {
    problem(listHeading?.number ?? lastLine, 'papers', 'expected the "Possible papers" list heading');
    return { papers, authorRows, repairs, problems };
  }
  const listCount = peek();
  if (listCount && /^\d+$/.test(listCount.text.trim())) {
    next();
    if (Number(listCount.text) !== declaredPapers) {
      problem(listCount.number, 'papers', `list count ${listCount.text.trim()} disagrees with "${declaredPapers} papers"`);
    }
  }

  // Papers.
  while (peek()) {
    const venueLine = next()!;
    const venue = parseVenueLine(venueLine.text);
    if (!venue) {
      problem(venueLine.number, 'venue', `expected a venue line like "TMLR Journal 2025 Journal Article", found "${excerpt(venueLine.text)}"`);
      return { papers, authorRows, repairs, problems };
    }
    const titleLine = peek();
    if (!titleLine || BULLET.test(titleLine.text) || parseVenueLine(titleLine.text)) {
      problem(titleLine?.number ?? lastLine, 'title', titleLine ? 'missing: the venue line is not followed by a title' : 'missing: file ends after the venue line (truncated export)');
      return { papers, authorRows, repairs, problems };
    }
    next();
    const authors: string[] = [];
    while (peek() && BULLET.test(peek()!.text)) {
      const line = next()!;
      const name = BULLET.exec(line.text)![1]!;
      const bad = tooLong(name, RECORD_LIMITS.author);
      if (bad) {
        problem(line.number, 'authors', bad);
        return { papers, authorRows, repairs, problems };
      }
      const author = clean(name, line.number, 'authors');
      if (author) authors.push(author);
    }
    if (authors.length === 0) {
      problem(peek()?.number ?? lastLine, 'authors', peek() ? 'missing: no "•" author lines after the title' : 'missing: file ends after the title (truncated export)');
      return { papers, authorRows, repairs, problems };
    }
    const abstractLines: Line[] = [];
    while (peek() && !parseVenueLine(peek()!.text)) abstractLines.push(next()!);
    if (abstractLines.length === 0) {
      problem(peek()?.number ?? lastLine, 'abstract', peek() ? 'missing: no abstract after the author list' : 'missing: file ends after the author list (truncated export)');
      return { papers, authorRows, repairs, problems };
    }
    // The JSON records' limits, checked before the repairs read the text.
    const abstractText = abstractLines.map((l) => l.text.trim()).join('\n\n');
    const bad: [Line, string, string | undefined][] = [
      [titleLine, 'title', tooLong(titleLine.text, RECORD_LIMITS.title)],
      [abstractLines[0]!, 'abstract', tooLong(abstractText, RECORD_LIMITS.abstract)],
    ];
    for (const [line, field, message] of bad) {
      if (message) {
        problem(line.number, field, message);
        return { papers, authorRows, repairs, problems };
      }
    }
    const title = clean(titleLine.text, titleLine.number, 'title');
    const abstract = clean(abstractText, abstractLines[0]!.number, 'abstract');
    papers.push({
      id: derivedPaperId(title, venue.year),
      title,
      ...venue,
      authors,
      abstract,
      provenance: [{ source: file, line: venueLine.number, format: FORMAT }],
    });
  }

  if (papers.length !== declaredPapers) {
    problem(papersLine.number, 'papers', `declares ${declaredPapers} papers, found ${papers.length} (truncated or edited export?)`);
  }
  const key = clusterName.toLocaleLowerCase('en');
  papers.forEach((paper) => {
    if (!paper.authors.some((a) => a.toLocaleLowerCase('en') === key)) {
      problem(paper.provenance[0]!.line, 'authors', `paper "${excerpt(paper.title)}" does not list the cluster name "${clusterName}"`);
    }
  });
  return { papers, authorRows, repairs, problems };
}

function tooLong(value: string, limit: number): string | undefined {
  const length = value.trim().length;
  return length > limit ? `longer than ${limit} characters (${length})` : undefined;
}

/** Drops trailing spaces and tabs (not NBSP: it can be the last byte of mojibake). A loop, as
 * /[ \t]+$/ is quadratic on a long run of spaces that is not at the end. */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return end === text.length ? text : text.slice(0, end);
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
