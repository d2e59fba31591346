import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/records/build-index';
import { RecordIndex } from '../../src/records/record-index';
import { PROJECT_DIR, SEED_PATH, SEED_TITLES, seedText } from '../helpers/seed';

const run = promisify(execFile);
const TSX = resolve(PROJECT_DIR, 'node_modules/.bin/tsx');
const CLI = resolve(PROJECT_DIR, 'scripts/records.ts');

async function cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = run(TSX, [CLI, ...args], { cwd: PROJECT_DIR });
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('records build', () => {
  let work: string;
  let out: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-build-'));
    out = join(work, 'index');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('builds the seed into a loadable index', async () => {
    const report = buildIndex([SEED_PATH], out);
    expect(report.problems).toEqual([]);
    expect(report.paperCount).toBe(5);
    expect(report.log.some((l) => l.includes('repaired mojibake') && l.includes('"Emanuele Rodolà"'))).toBe(true);
    const index = await RecordIndex.load(async (name) => readFileSync(join(out, name)));
    const cluster = (await index.cluster('lorenzo basile'))!;
    expect(cluster.papers).toHaveLength(5);
    expect(cluster.authorRows).toBe(2);
    const match = index.matchTitle(SEED_TITLES[3])!;
    expect(match.paper.authorCount).toBe(5);
    expect((await index.paper(match.paper.id))?.authors).toContain('Emanuele Rodolà');
    expect(Object.values(snapshot(out)).join('')).not.toMatch(/Ă/);
  });

  it('is deterministic: the same sources give byte-identical files', () => {
    const first = snapshot(out);
    buildIndex([SEED_PATH], out);
    expect(snapshot(out)).toEqual(first);
  });

  it.each([
    ['a truncated export', 'cut.txt', () => seedText().split('\n').slice(0, 67).join('\n'), /^.*cut\.txt:67: authors: missing/],
    ['a count mismatch', 'count.txt', () => seedText().replace('5 papers', '4 papers'), /count\.txt:9: papers: declares 4 papers, found 5/],
    ['invalid JSON on line 2', 'bad.jsonl', () => '{"title":"A","year":2020,"authors":["X"]}\n{oops', /bad\.jsonl:2: json: invalid JSON/],
    ['a missing title', 'notitle.jsonl', () => '{"year":2020,"authors":["X"]}', /notitle\.jsonl:1: title: missing/],
    ['a duplicate id', 'dup.jsonl', () => '{"id":"a","title":"One","year":2020,"authors":["X"]}\n{"id":"a","title":"Two","year":2020,"authors":["X"]}', /dup\.jsonl:2: id: duplicate id "a"/],
    ['bytes that are not UTF-8', 'binary.jsonl', () => Buffer.from([0xff, 0xfe, 0x00, 0x81]) as unknown as string, /binary\.jsonl:1: file: not valid UTF-8 text/],
  ])('%s fails a strict build with file:line: field: and leaves the old index untouched', (_, name, content, expected) => {
    const before = snapshot(out);
    const source = join(work, name);
    writeFileSync(source, content());
    const report = buildIndex([SEED_PATH, source], out, { strict: true });
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => expected.test(p))).toBe(true);
    expect(snapshot(out)).toEqual(before);
  });
});

// Each test starts the CLI through tsx: up to 4 s on a busy 2-core machine.
describe('records CLI', { timeout: 30_000 }, () => {
  // Its own index, so the test does not depend on a prior `npm run build`.
  let work: string;
  let indexArgs: string[];
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-cli-'));
    buildIndex([SEED_PATH], join(work, 'index'));
    indexArgs = ['--index', join(work, 'index')];
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('author prints the cluster as JSON, any case', async () => {
    const { code, stdout } = await cli(['author', ...indexArgs, 'LORENZO basile']);
    expect(code).toBe(0);
    const cluster = JSON.parse(stdout) as { name: string; authorRows: number; papers: { title: string; year: number; authors: string[]; abstract: string }[] };
    expect(cluster.name).toBe('Lorenzo Basile');
    expect(cluster.authorRows).toBe(2);
    expect(cluster.papers).toHaveLength(5);
    expect(new Set(cluster.papers.map((p) => p.title))).toEqual(new Set(SEED_TITLES));
    expect(cluster.papers.find((p) => p.title.startsWith('ResiDual'))!.authors).toEqual([
      'Lorenzo Basile', 'Valentino Maiorca', 'Luca Bortolussi', 'Emanuele Rodolà', 'Francesco Locatello',
    ]);
    expect(cluster.papers.every((p) => p.abstract.length > 100)).toBe(true);
  });

  it('author exits 1 with a clear message for an unknown name', async () => {
    const { code, stderr } = await cli(['author', ...indexArgs, 'Nobody Here']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no author named "Nobody Here" in the records/);
  });

  it('match reads titles from stdin and prints one JSON object a line', async () => {
    const { code, stdout } = await cli(['match', ...indexArgs], `${SEED_TITLES[1].toUpperCase()}\nHead Pursuit: Probing Attention Specialization in Unimodal Transformers\n`);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ title: SEED_TITLES[1], score: 1, rule: 'exact' });
    expect(lines[0]!.id).toMatch(/^p-/);
    expect(lines[1]).toEqual({ query: 'Head Pursuit: Probing Attention Specialization in Unimodal Transformers', id: null, title: null, score: 0, rule: null });
  });

  it('--index DIR uses another index; a missing one is a clear error', async () => {
    const { code, stderr } = await cli(['author', '--index', '/nonexistent', 'Lorenzo Basile']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot load the index in \/nonexistent/);
  });

  it('build with a bad source exits 1', async () => {
    const { code, stderr } = await cli(['build', '--out', join(tmpdir(), 'arrow-lens-never'), 'no-such-file.jsonl']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no-such-file\.jsonl:1: file: file not found/);
  });
});
