/**
 * What a real corpus needs from the importers: control characters repaired rather than refused,
 * ML Anthology's JSONL files read, and a build that leaves out (and lists) a bad entry instead
 * of failing over it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, readIndexPapers } from '../../src/records/build-index';
import { importSource } from '../../src/records/import-source';
import { withoutControlCharacters } from '../../src/records/repair';
import { formatRepair } from '../../src/records/schema';
import { PROJECT_DIR, SEED_PATH } from '../helpers/seed';

const shown = (path: string) => relative(process.cwd(), path) || path;
const LEGACY = resolve(PROJECT_DIR, 'data/mlanthology/legacy/colt-legacy.jsonl.gz');

describe('control characters in one-line text', () => {
  it.each([
    ['Neural Network\r Anchoring', 'Neural Network Anchoring'],
    ['Deep\n\nLearning', 'Deep Learning'],
    ['A\tB', 'A B'],
    ['Y\u007faniv Tenzer', 'Yaniv Tenzer'],
    ['Head\u0000Pursuit', 'HeadPursuit'],
    ['\u202aYotam Alexander\u202c\u200f', 'Yotam Alexander'],
    ['Mallory \u202eevil\u202c Reyes', 'Mallory evil Reyes'],
    ['Rodolà – plain', 'Rodolà – plain'],
  ])('%j → %j', (from, to) => {
    expect(withoutControlCharacters(from)).toBe(to);
  });

  it('abstracts keep their paragraphs and debris but lose bidi controls', () => {
    expect(withoutControlCharacters('One.\n\nTwo\u0002three \u202eevil', true)).toBe('One.\n\nTwo\u0002three evil');
  });

  it('a repaired title is logged as a repair, not a problem', () => {
    const result = importSource('{"title":"Fast Dynamic Networks for Visual\\r Tracking","year":2019,"authors":["Y\\u007faniv Tenzer"]}', 'x.jsonl');
    expect(result.problems).toEqual([]);
    expect(result.papers[0]).toMatchObject({ title: 'Fast Dynamic Networks for Visual Tracking', authors: ['Yaniv Tenzer'] });
    expect(result.repairs.map(formatRepair)).toEqual([
      'repaired control characters: x.jsonl:1: title: "Fast Dynamic Networks for Visual\\r Tracking" → "Fast Dynamic Networks for Visual Tracking"',
      'repaired control characters: x.jsonl:1: authors[0]: "Y\\u007faniv Tenzer" → "Yaniv Tenzer"',
    ]);
  });

  it('a name of control characters alone is still a problem: nothing is left of it', () => {
    const result = importSource('{"title":"T","year":2019,"authors":["\\u0001\\u0002"]}', 'x.jsonl');
    expect(result.problems).toEqual([{ file: 'x.jsonl', line: 1, field: 'authors', message: 'author 1: expected a non-empty name' }]);
  });
});

describe('ML Anthology JSONL (legacy/*.jsonl.gz)', () => {
  const text = gunzipSync(readFileSync(LEGACY)).toString('utf8');

  it('is recognised by its content and read whole: year strings and author objects are its schema', () => {
    const result = importSource(text, 'colt-legacy.jsonl');
    expect(result.problems).toEqual([]);
    expect(result.papers).toHaveLength(text.trim().split('\n').length);
    const first = JSON.parse(text.split('\n')[0]!) as { bibtex_key: string; title: string; year: string; authors: { given: string; family: string }[] };
    expect(result.papers[0]).toMatchObject({
      id: `mla:${first.bibtex_key}`,
      title: first.title,
      year: Number(first.year),
      venue: 'COLT',
      authors: first.authors.map((a) => `${a.given} ${a.family}`.trim()),
      provenance: [{ source: 'colt-legacy.jsonl', line: 1, format: 'mlanthology' }],
    });
  });

  it('is recognised under any name, and a bad line is listed with its line and field', () => {
    const lines = text.split('\n').slice(0, 3);
    lines[1] = lines[1]!.replace(/"year": "\d+"/, '"year": "soon"');
    const result = importSource(lines.join('\n'), 'records.jsonl');
    expect(result.papers).toHaveLength(2);
    expect(result.problems).toEqual([{ file: 'records.jsonl', line: 2, field: 'year', message: 'expected a year such as "2025", got "soon"' }]);
  });
});

describe('building over a corpus with a bad entry', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-lenient-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('leaves the entry out, lists it as file:line: field: problem, and builds the rest', () => {
    const source = join(work, 'mixed.jsonl');
    writeFileSync(source, ['{"title":"Kept One","year":2020,"authors":["A"]}', '{"title":"No Year","authors":["B"]}', '{oops', '{"title":"Kept Two","year":2021,"authors":["C"]}'].join('\n'));
    const out = join(work, 'index');
    const report = buildIndex([SEED_PATH, source], out);
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([`${shown(source)}:2: year: missing`, expect.stringMatching(new RegExp(`^${shown(source)}:3: json: invalid JSON`))]);
    expect(readIndexPapers(out).map((p) => p.title)).toEqual(expect.arrayContaining(['Kept One', 'Kept Two']));
    expect(report.paperCount).toBe(7);
  });

  it('fails, previous index untouched, on a file with no usable record, or on any problem with strict', () => {
    const out = join(work, 'kept');
    expect(buildIndex([SEED_PATH], out).ok).toBe(true);
    const before = readFileSync(join(out, 'manifest.json'));
    const nothing = join(work, 'nothing.jsonl');
    writeFileSync(nothing, '{"title":"No Year","authors":["B"]}\n');
    const empty = buildIndex([SEED_PATH, nothing], out);
    expect(empty.ok).toBe(false);
    expect(empty.problems).toEqual([`${shown(nothing)}:1: year: missing`]);
    const strict = buildIndex([SEED_PATH, join(work, 'mixed.jsonl')], out, { strict: true });
    expect(strict.ok).toBe(false);
    expect(readFileSync(join(out, 'manifest.json'))).toEqual(before);
  });
});
