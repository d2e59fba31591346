/**
 * A corpus of broken record files (tests/fixtures/records-broken/, plus big ones generated here in a
 * temp dir): each must fail the build with exactly the expected `file:line: field: what is wrong`
 * lines — never a crash — and leave a previously built index byte-for-byte as it was.
 *
 * Repairs rather than errors: mojibake, including text encoded twice (`mojibake-double.jsonl`:
 * Windows-1252 twice "MÃƒÂ¼ller" → "Müller" and "Ã¢â‚¬â€œ" → "–", Windows-1250 twice
 * "RodolÄ‚Â " → "Rodolà", once "JoÃ£o" → "João"); each repair is named in the build log.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, readIndexPapers } from '../../src/records/build-index';
import { PROJECT_DIR, SEED_PATH, seedText } from '../helpers/seed';

const FIXTURES = resolve(PROJECT_DIR, 'tests/fixtures/records-broken');
const TSX = resolve(PROJECT_DIR, 'node_modules/.bin/tsx');
const CLI = resolve(PROJECT_DIR, 'scripts/records.ts');
const run = promisify(execFile);

/** The file name as the build reports it. */
const shown = (path: string) => relative(process.cwd(), path) || path;
const fixture = (name: string) => join(FIXTURES, name);

/** Every file of the index folder, as bytes; and nothing left beside it (staging folders). */
function snapshot(dir: string): Record<string, Buffer> {
  const siblings = readdirSync(dirname(dir)).filter((f) => f.startsWith(`.index.`));
  expect(siblings).toEqual([]);
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

/** Fixture name → the exact problem lines (`F` is the file as reported). */
const CASES: [string, (f: string) => string[]][] = [
  ['truncated-mid-abstract.txt', (f) => [`${f}:9: papers: declares 5 papers, found 3 (truncated or edited export?)`]],
  ['truncated-mid-authors.txt', (f) => [`${f}:60: abstract: missing: file ends after the author list (truncated export)`]],
  ['truncated.json', (f) => [`${f}:24: json: invalid JSON: UnexpectedEndOfString`]],
  ['truncated-line.jsonl', (f) => [`${f}:2: json: invalid JSON: Unterminated string in JSON at position 60`]],
  ['binary-garbage.txt', (f) => [`${f}:1: file: not valid UTF-8 text (byte 0x89 at line 1); save it as UTF-8`]],
  ['utf16-bom.txt', (f) => [`${f}:1: file: not valid UTF-8 text: UTF-16 (byte-order mark FF FE); save it as UTF-8`]],
  ['latin1.txt', (f) => [`${f}:5: file: not valid UTF-8 text (byte 0xE9 at line 5); save it as UTF-8`]],
  ['duplicate-ids.jsonl', (f) => [`${f}:2: id: duplicate id "basile-2025" (also ${f}:1, a different paper)`]],
  ['counts-disagree.txt', (f) => [`${f}:14: papers: list count 4 disagrees with "6 papers"`, `${f}:9: papers: declares 6 papers, found 5 (truncated or edited export?)`]],
  ['empty.jsonl', (f) => [`${f}:1: file: empty file: no records`]],
  ['blank.json', (f) => [`${f}:1: file: empty file: no records`]],
  ['top-level-string.json', (f) => [`${f}:1: papers: expected an array of papers, or an object with a "papers" array`]],
  ['top-level-number.json', (f) => [`${f}:1: papers: expected an array of papers, or an object with a "papers" array`]],
  // Line 2's NUL inside a name is a repair; line 1's raw control character breaks the JSON itself.
  ['nul-in-strings.jsonl', (f) => [`${f}:1: json: invalid JSON: Bad control character in string literal in JSON at position 40`]],
  ['truncated.jsonl.gz', (f) => [`${f}:1: file: corrupt gzip data (unexpected end of file)`]],
  ['bad-checksum.jsonl.gz', (f) => [`${f}:1: file: corrupt gzip data (incorrect data check)`]],
  ['not-gzip.jsonl.gz', (f) => [`${f}:1: file: not gzip data, though the name ends in .gz`]],
];

describe('broken record files', () => {
  let work: string;
  let out: string;
  let before: Record<string, Buffer>;
  /** Generated at run time: too big for the repository. */
  const generated: Record<string, string> = {};

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-broken-'));
    out = join(work, 'index');
    expect(buildIndex([SEED_PATH], out).ok).toBe(true);
    before = snapshot(out);

    const huge = 'word '.repeat(10 * 1024 * 1024); // 50 MiB
    const record = { title: 'ResiDual Transformer Alignment with Spectral Decomposition', year: 2025, authors: ['Lorenzo Basile'] };
    generated['huge-abstract.jsonl'] = `${JSON.stringify(record)}\n${JSON.stringify({ ...record, title: 'Another', abstract: huge })}\n`;
    const seed = seedText().split('\n');
    generated['huge-abstract.txt'] = [...seed.slice(0, 62), huge, ...seed.slice(63)].join('\n');
    // LaTeX in it: without a limit the parser would spend minutes converting 50 MiB.
    generated['huge-abstract.bib'] = `@article{a,\n  title = {${record.title}},\n  author = {Basile, Lorenzo},\n  year = 2025\n}\n@article{b,\n  title = {Another},\n  year = 2025,\n  abstract = {$\\ell_1$ ${huge}}\n}\n`;
    generated['huge-spaces.txt'] = [...seed.slice(0, 62), `a${' '.repeat(1_000_000)}b`, ...seed.slice(63)].join('\n');
    generated['deep.json'] = '['.repeat(100_000);
    generated['deep-closed.json'] = `\n${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    generated['deep.jsonl'] = `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    generated['deep-year.jsonl'] = `{"title":"A","authors":["B"],"year":${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`;
    for (const [name, text] of Object.entries(generated)) writeFileSync(join(work, name), text);
    // About 150 MiB generated and written.
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('keeps every fixture small (big ones are generated)', () => {
    for (const name of readdirSync(FIXTURES)) expect(readFileSync(fixture(name)).length).toBeLessThan(50_000);
  });

  it.each(CASES)('%s: exact problems, previous index untouched', (name, expected) => {
    const report = buildIndex([fixture(name)], out, { strict: true });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(expected(shown(fixture(name))));
    expect(snapshot(out)).toEqual(before);
  });

  it.each([
    ['huge-abstract.jsonl', (f: string) => [`${f}:2: abstract: longer than 20000 characters (52428800)`]],
    ['huge-abstract.txt', (f: string) => [`${f}:63: abstract: longer than 20000 characters (52428799)`]],
    ['huge-abstract.bib', (f: string) => [`${f}:6: abstract: longer than 20000 characters (52428808)`]],
    ['deep.json', (f: string) => [`${f}:1: json: nested deeper than 256 levels`]],
    ['deep-closed.json', (f: string) => [`${f}:2: json: nested deeper than 256 levels`]],
    ['deep.jsonl', (f: string) => [`${f}:1: record: expected an object`]],
    ['deep-year.jsonl', (f: string) => [`${f}:1: year: expected a whole year between 1900 and 2100, got an array`]],
  ])('generated %s: exact problems, previous index untouched', (name, expected) => {
    const path = join(work, name);
    const report = buildIndex([path], out, { strict: true });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(expected(shown(path)));
    expect(snapshot(out)).toEqual(before);
    // 50 MiB read, checked and refused: about 10 s here for the .bib, and up to 45 s on a busy
    // 2-core machine; a parser left to convert its LaTeX would take many minutes, which this
    // time-out catches. Speed: npm run bench.
  }, 120_000);

  it('a line of a million spaces inside an export is read without a hang', () => {
    const path = join(work, 'huge-spaces.txt');
    const report = buildIndex([path], join(work, 'spaces-index'));
    // Trailing-space trimming once was a backtracking regex: quadratic on this line, far longer
    // than the time-out, where it now takes a fraction of a second.
    expect(report.problems).toEqual([`${shown(path)}:63: abstract: longer than 20000 characters (1000002)`]);
  });

  it('several broken files together: every problem reported, index untouched', () => {
    const names = ['latin1.txt', 'truncated-line.jsonl', 'not-gzip.jsonl.gz'];
    const report = buildIndex([SEED_PATH, ...names.map(fixture)], out, { strict: true });
    expect(report.problems).toEqual(names.flatMap((name) => CASES.find(([n]) => n === name)![1](shown(fixture(name)))));
    expect(snapshot(out)).toEqual(before);
  });

  it('mojibake-double.jsonl: repaired (also when encoded twice), each repair in the build log', () => {
    const path = fixture('mojibake-double.jsonl');
    const f = shown(path);
    const dir = join(work, 'mojibake-index');
    const report = buildIndex([path], dir);
    expect(report.problems).toEqual([]);
    expect(report.log.filter((l) => l.startsWith('repaired mojibake:'))).toEqual([
      `repaired mojibake: ${f}:1: authors[0]: "Thomas MÃƒÂ¼ller" → "Thomas Müller"`,
      `repaired mojibake: ${f}:1: authors[1]: "Emanuele RodolÄ‚Â" → "Emanuele Rodolà"`,
      `repaired mojibake: ${f}:2: title: "Tokens Ã¢â‚¬â€œ and what they cost" → "Tokens – and what they cost"`,
      `repaired mojibake: ${f}:2: authors[0]: "JoÃ£o Gama" → "João Gama"`,
    ]);
    expect(readIndexPapers(dir).map(({ title, authors }) => [title, authors]).sort()).toEqual([
      ['Gradient Flows in Wasserstein Spaces', ['Thomas Müller', 'Emanuele Rodolà']],
      ['Tokens – and what they cost', ['João Gama']],
    ]);
  });

  it('the CLI exits 1 with the problems on stderr, no stack trace, index untouched', async () => {
    const paths = [fixture('latin1.txt'), fixture('utf16-bom.txt'), fixture('truncated.jsonl.gz'), join(work, 'deep.json')];
    const expected: string[][] = [
      [`${shown(paths[0]!)}:5: file: not valid UTF-8 text (byte 0xE9 at line 5); save it as UTF-8`],
      [`${shown(paths[1]!)}:1: file: not valid UTF-8 text: UTF-16 (byte-order mark FF FE); save it as UTF-8`],
      [`${shown(paths[2]!)}:1: file: corrupt gzip data (unexpected end of file)`],
      [`${shown(paths[3]!)}:1: json: nested deeper than 256 levels`],
    ];
    const results = await Promise.all(
      paths.map((path) =>
        run(TSX, [CLI, 'build', '--out', out, path], { cwd: PROJECT_DIR }).then(
          () => ({ code: 0, stdout: '', stderr: '' }),
          (error: { code: number; stdout: string; stderr: string }) => error,
        ),
      ),
    );
    results.forEach((result, i) => {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`${[...expected[i]!, 'records build failed: 1 problem(s); the previous index is unchanged'].join('\n')}\n`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    });
    expect(snapshot(out)).toEqual(before);
    // Four CLI processes at once (tsx start-up each): about 4 s here, 6 s or more on a busy machine.
  }, 30_000);
});
