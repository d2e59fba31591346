/**
 * Property tests of the record importers (fast-check): whatever they are given, they return
 * problems in the `file:line: field: message` shape — never throw — and a valid record set
 * survives our JSONL/JSON schema unchanged. Broken files on disk: broken-files.test.ts.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importArrowExport } from '../../src/records/arrow-export';
import { buildIndex, readIndexPapers } from '../../src/records/build-index';
import { importSource } from '../../src/records/import-source';
import { importJson, importJsonl } from '../../src/records/json-records';
import { importMlAnthology } from '../../src/records/mlanthology';
import { repairMojibake } from '../../src/records/mojibake';
import { paperMergeKey } from '../../src/records/paper-id';
import { importPaperlists } from '../../src/records/paperlists';
import { formatProblem, type ImportResult } from '../../src/records/schema';
import { SEED_PATH, seedText } from '../helpers/seed';

/** FUZZ_SCALE=20 npx vitest run tests/records/fuzz.test.ts: a longer hunt; the default keeps the file at a few seconds. */
const SCALE = Number(process.env.FUZZ_SCALE) || 1;
const runs = (n: number) => Math.ceil(n * SCALE);
// Property tests of a few hundred runs each: up to 3.5 s on a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 * SCALE });

type Importer = (text: string, file: string) => ImportResult;
const IMPORTERS: [string, Importer, string][] = [
  ['importArrowExport', importArrowExport, 'cluster.txt'],
  ['importJson', importJson, 'records.json'],
  ['importJsonl', importJsonl, 'records.jsonl'],
  ['importMlAnthology', importMlAnthology, 'tmlr-2025.json'],
  ['importPaperlists', importPaperlists, 'corl2024.jsonl'],
  ['importSource (.txt)', importSource, 'cluster.txt'],
  ['importSource (.json.gz)', importSource, 'records.json.gz'],
  ['importSource (.jsonl)', importSource, 'neurips2025.jsonl'],
];

/**
 * Checks one import: every problem names the file, a line of the input (a file "a\n" has lines 1
 * and 2, as an editor shows), a field and a message, and formats as one line; every paper
 * imported is complete.
 */
function checkResult(result: ImportResult, text: string, file: string): void {
  const lines = text.split('\n').length;
  for (const p of result.problems) {
    expect(p.file).toBe(file);
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines, `line ${p.line} of ${lines}: ${p.field}: ${p.message}`).toBe(true);
    expect(p.field.trim()).not.toBe('');
    expect(p.message.trim()).not.toBe('');
    // Messages may quote the input; the formatted line escapes what could break or drive a terminal.
    expect(formatProblem(p)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  }
  for (const paper of result.papers) {
    expect(paper.title.trim()).not.toBe('');
    expect(paper.year >= 1900 && paper.year <= 2100).toBe(true);
    expect(paper.authors.every((a) => typeof a === 'string' && a.trim() !== '')).toBe(true);
    expect(paper.provenance[0]!.line >= 1 && paper.provenance[0]!.line <= lines).toBe(true);
  }
}

const importsSafely = (importer: Importer, file: string) => (text: string) => {
  let result: ImportResult;
  try {
    result = importer(text, file);
  } catch (error) {
    throw new Error(`threw on ${JSON.stringify(text.slice(0, 200))}: ${(error as Error).stack}`);
  }
  checkResult(result, text, file);
};

// ---- Inputs --------------------------------------------------------------------------------

const seed = seedText();
const seedLines = seed.split('\n');

/** Lines that steer the parsers into their deeper paths. */
const TOKENS = [
  ...seedLines.slice(0, 30),
  'Arrow Research search', 'Author name cluster', '0 papers', '1 paper', '3 author rows', 'Possible papers', '7', '',
  'TMLR Journal 2025 Journal Article', 'NeurIPS Conference 1899 Conference Paper', '• ', '  • Lorenzo Basile', '* x', '- \t',
  '{', '}', '[', ']', ',', '{"papers": [', '"title": "T",', '"year": 2025', '"authors": ["A", "B"]', '"bibtex_key": "k",',
  '"authors": [{"given": "A", "family": "B"}]', '{"title":"T","year":2020,"authors":["X"]}', '{"name":"X","authorRows":2}',
  '{"id":"a","title":"T","author":"A;B","authorids":"~A1;","track":"main","status":"Poster"}',
  '\uFEFF', '"\\u0000"', '\u0000', '\r', 'RodolĂ ', 'JoÃ£o', '"', '\\', '\u2028', '😀', '\uD800',
];
const tokenText = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 12 })), { maxLength: 40 })
  .chain((parts) => fc.constantFrom('\n', '\r\n', ' ', '').map((sep) => parts.join(sep)));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), tokenText, fc.json({ maxDepth: 4 }));

/** A field that is usually right and sometimes any JSON value, or absent. */
const field = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }, { weight: 1, arbitrary: fc.constant(undefined) });
const name = fc.constantFrom('Lorenzo Basile', 'Emanuele RodolĂ ', 'JoÃ£o Gama', ' ', '', 'A'.repeat(301), 'x\u0000y', 'Zoë Kravitz');
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', 'Head Pursuit', 'Tokens â€“ cost', 'x'.repeat(1_001)));
const year = fc.oneof(fc.integer({ min: 1890, max: 2110 }), fc.constantFrom('2025', ' 2024 ', 2025.5, -1));

const ourPaper = fc.record({
  id: field(fc.string({ maxLength: 8 })),
  title: field(text),
  year: field(year),
  authors: field(fc.array(name, { maxLength: 4 })),
  venue: field(text),
  venueKind: field(text),
  type: field(text),
  abstract: field(text),
  authorIds: field(fc.array(fc.option(fc.string({ maxLength: 5 })), { maxLength: 4 })),
});
const authorRowsLine = fc.record({ name: field(name), authorRows: field(fc.integer({ min: -1, max: 5 })) });
const mlaPaper = fc.record({
  bibtex_key: field(fc.string({ maxLength: 8 })),
  title: field(text),
  year: field(year),
  authors: field(fc.array(fc.record({ given: field(name), family: field(name), slug: field(fc.string({ maxLength: 5 })) }), { maxLength: 3 })),
  venue: field(fc.constantFrom('tmlr', 'neurips', '')),
  venue_type: field(fc.constantFrom('journal', 'conference', 'workshop', '')),
  abstract: field(text),
});
const plRecord = fc.record({
  id: field(fc.string({ maxLength: 8 })),
  title: field(text),
  track: field(fc.constantFrom('main')),
  status: field(fc.constantFrom('Poster', 'Oral')),
  author: field(fc.constantFrom('A B;C D', 'Lorenzo Basile', '', ';')),
  authorids: field(fc.constantFrom('~A1;~C1', '~L1', '', ';')),
  abstract: field(text),
  year: fc.option(year, { nil: undefined }),
});
const indent = fc.constantFrom(undefined, 1, 2);
const jsonlOf = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 6 }).map((rows) => rows.map((r) => JSON.stringify(r)).join('\n'));

// ---- Properties ----------------------------------------------------------------------------

describe('importers never throw and report file:line: field: message', () => {
  it.each(IMPORTERS)('%s: any text', (_, importer, file) => {
    fc.assert(fc.property(anyText, importsSafely(importer, file)), { numRuns: runs(300) });
  });

  it.each(IMPORTERS)('%s: records with wrong, missing and odd fields', (_, importer, file) => {
    const doc = fc.oneof(
      jsonlOf(fc.oneof(ourPaper, authorRowsLine)),
      jsonlOf(plRecord),
      fc.tuple(fc.array(ourPaper, { maxLength: 4 }), fc.array(authorRowsLine, { maxLength: 2 }), indent).map(([papers, authorRows, n]) => JSON.stringify({ papers, authorRows }, null, n)),
      fc.tuple(fc.array(mlaPaper, { maxLength: 4 }), indent).map(([papers, n]) => JSON.stringify({ venue: 'tmlr', year: '2025', papers }, null, n)),
    );
    fc.assert(fc.property(doc, importsSafely(importer, file)), { numRuns: runs(150) });
  });
});

describe('deep and unbalanced nesting never overflows the stack', () => {
  // Opening brackets outnumber closing ones, and come in runs: depth passes the parsers' guard
  // and, without it, the depth at which the recursive jsonc parser overflows the stack.
  const bracketText = fc
    .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('[', '{', '{"a":', '{"papers":[', '[{"bibtex_key":"k","authors":[{"given":"a"}]},', '['.repeat(5_000), '{"a":['.repeat(2_000)) }, { weight: 2, arbitrary: fc.constantFrom(']', '}', ',', ':', '"', '1', '\n') }), { maxLength: 2_000 })
    .map((parts) => parts.join(''));
  it.each(IMPORTERS)('%s', (_, importer, file) => {
    fc.assert(fc.property(bracketText, importsSafely(importer, file)), { numRuns: runs(40) });
  });
});

/** Line and byte-level damage to a real file. */
type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let current = text;
  for (const m of mutations) {
    const lines = current.split('\n');
    const i = lines.length ? m.at % lines.length : 0;
    if (m.kind === 'delete') lines.splice(i, 1);
    else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else if (m.kind === 'swap') {
      const j = lines.length ? m.with % lines.length : 0;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    if (m.kind === 'truncate') current = current.slice(0, m.at % (current.length + 1));
    else if (m.kind === 'insert') {
      const at = m.at % (current.length + 1);
      current = current.slice(0, at) + m.text + current.slice(at);
    } else current = lines.join('\n');
  }
  return current;
}

const goodRecords = [
  { id: 'basile-resi', title: 'ResiDual Transformer Alignment with Spectral Decomposition', year: 2025, venue: 'TMLR', venueKind: 'Journal', type: 'Journal Article', authors: ['Lorenzo Basile', 'Valentino Maiorca', 'Emanuele RodolĂ '], abstract: 'When examined through the lens of their residual streams…', authorIds: ['~Lorenzo_Basile1', null, null] },
  { title: 'Head Pursuit: Probing Attention Specialization in Multimodal Transformers', year: 2025, venue: 'NeurIPS', authors: ['Lorenzo Basile', 'Alberto Cazzaniga'] },
  { name: 'Lorenzo Basile', authorRows: 2 },
];
const goodJsonl = goodRecords.map((r) => JSON.stringify(r)).join('\n');

describe('mutated real inputs', () => {
  it('the seed export, damaged line by line and byte by byte', () => {
    expect(importArrowExport(seed, 'seed.txt').problems).toEqual([]);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = mutate(seed, mutations);
        importsSafely(importArrowExport, 'seed.txt')(text);
        importsSafely(importSource, 'seed.txt')(text);
      }),
      { numRuns: runs(300) },
    );
  });

  it('valid JSONL and JSON records, damaged', () => {
    expect(importJsonl(goodJsonl, 'good.jsonl').problems).toEqual([]);
    const goodJson = JSON.stringify({ papers: goodRecords.slice(0, 2), authorRows: goodRecords.slice(2) }, null, 2);
    expect(importJson(goodJson, 'good.json').problems).toEqual([]);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        importsSafely(importJsonl, 'good.jsonl')(mutate(goodJsonl, mutations));
        importsSafely(importPaperlists, 'corl2024.jsonl')(mutate(goodJsonl, mutations));
        importsSafely(importJson, 'good.json')(mutate(goodJson, mutations));
        importsSafely(importMlAnthology, 'good.json')(mutate(goodJson, mutations));
      }),
      { numRuns: runs(300) },
    );
  });

  describe('through buildIndex, as bytes on disk', () => {
    let work: string;
    let out: string;
    let before: Record<string, Buffer>;
    const snapshot = () => Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]));
    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'arrow-lens-fuzz-'));
      out = join(work, 'index');
      buildIndex([SEED_PATH], out);
      before = snapshot();
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('damaged bytes either build or fail with problems, leaving the old index as it was', () => {
      const byteDamage = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), cut: fc.boolean() }), { minLength: 1, maxLength: 3 });
      fc.assert(
        fc.property(fc.constantFrom('seed.txt', 'good.jsonl'), byteDamage, (name, damage) => {
          let bytes = Buffer.from(name === 'seed.txt' ? seed : goodJsonl);
          for (const d of damage) {
            const at = d.at % (bytes.length + 1);
            bytes = d.cut ? bytes.subarray(0, at) : Buffer.concat([bytes.subarray(0, at), Buffer.from([d.byte]), bytes.subarray(at)]);
          }
          const source = join(work, name);
          writeFileSync(source, bytes);
          const report = buildIndex([source], join(work, 'other'), { strict: true });
          expect(report.ok).toBe(report.problems.length === 0);
          for (const line of report.problems) expect(line).toMatch(/^[^:\n]+:\d+: [^:\n]+: [^\n]+$/);
          // A failing build never touches its target; this one is built only from the seed.
          const failed = buildIndex([source], out, { strict: true });
          if (!failed.ok) expect(snapshot()).toEqual(before);
          else buildIndex([SEED_PATH], out);
        }),
        { numRuns: runs(40) },
      );
    });
  });
});

// ---- Round trip ----------------------------------------------------------------------------

/** Text our importers keep as it is: trimmed, NFC, no control characters, nothing mojibake-like. */
const CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -:,.()?\'"&/\\àéöüñçøłśžĞİıαβγΔ中文字😀–—“”'];
const keptText = (maxLength: number, minLength = 0) =>
  fc
    .array(fc.constantFrom(...CHARS), { minLength, maxLength })
    .map((c) => c.join('').replace(/\s+/g, ' ').trim().normalize('NFC'))
    .filter((s) => s.length >= minLength && repairMojibake(s) === s);
const roundTripPaper = fc.record({
  id: fc.string({ unit: fc.constantFrom(...'abcdef0123-_:~'), minLength: 1, maxLength: 12 }),
  title: keptText(60, 1),
  year: fc.integer({ min: 1900, max: 2100 }),
  authors: fc.array(keptText(20, 1), { minLength: 1, maxLength: 5 }),
  venue: keptText(10),
  venueKind: fc.constantFrom('', 'Journal', 'Conference'),
  type: fc.constantFrom('', 'Journal Article', 'Conference Paper'),
  abstract: fc.array(keptText(40, 1), { maxLength: 3 }).map((paragraphs) => paragraphs.join('\n\n')),
});
const paperSet = fc.uniqueArray(roundTripPaper, { maxLength: 8, selector: (p) => p.id }).filter((papers) => new Set(papers.map((p) => paperMergeKey(p.title, p.year))).size === papers.length);
const essentials = (p: { id: string; title: string; year: number; authors: string[]; venue: string; venueKind: string; type: string; abstract: string }) => ({
  id: p.id, title: p.title, year: p.year, authors: p.authors, venue: p.venue, venueKind: p.venueKind, type: p.type, abstract: p.abstract,
});

describe('round trip through our schema', () => {
  it('JSONL and JSON: the same papers come back', () => {
    fc.assert(
      fc.property(paperSet, indent, (papers, n) => {
        const jsonl = importJsonl(papers.map((p) => JSON.stringify(p)).join('\n'), 'rt.jsonl');
        expect(jsonl.problems).toEqual([]);
        expect(jsonl.repairs).toEqual([]);
        expect(jsonl.papers.map(essentials)).toEqual(papers);
        const json = importJson(JSON.stringify({ papers }, null, n), 'rt.json');
        expect(json.problems).toEqual([]);
        expect(json.papers.map(essentials)).toEqual(papers);
      }),
      { numRuns: runs(150) },
    );
  });

  it('through buildIndex: ids, titles, authors, years, venues and abstracts in the index files', () => {
    const work = mkdtempSync(join(tmpdir(), 'arrow-lens-roundtrip-'));
    try {
      fc.assert(
        fc.property(paperSet.filter((p) => p.length > 0), (papers) => {
          const source = join(work, 'rt.jsonl');
          writeFileSync(source, papers.map((p) => JSON.stringify(p)).join('\n'));
          const report = buildIndex([source], join(work, 'index'));
          expect(report.problems).toEqual([]);
          const rebuilt = readIndexPapers(join(work, 'index')).map(({ id, title, venue, venueKind, year, type, authors, abstract }) => ({ id, title, year, authors, venue, venueKind, type, abstract }));
          const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
          expect(rebuilt.sort(byId)).toEqual([...papers].sort(byId));
        }),
        { numRuns: runs(30) },
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

// ---- Mojibake repair -----------------------------------------------------------------------

describe('repairMojibake properties (beyond mojibake.test.ts)', () => {
  it('never changes text without a character in U+0080–U+017F or U+2000–U+206F (but for NFC)', () => {
    const outside = fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replace(/[\u0080-\u017f\u2000-\u206f]/g, ''));
    fc.assert(fc.property(outside, (s) => repairMojibake(s) === s.normalize('NFC')), { numRuns: runs(1000) });
  });

  it('is idempotent: on any text, and on names damaged once or twice', () => {
    const damage = (s: string, encoding: string) => new TextDecoder(encoding).decode(new TextEncoder().encode(s));
    const nameText = fc.array(fc.constantFrom(...'abcdefz ÀàáâãäåçèéêëìíîïñòóôõöøùúûüýÿčćďěłńňřšśťůźžżąęőűŠŽ–“”'), { minLength: 1, maxLength: 20 }).map((c) => c.join(''));
    const damaged = fc
      .tuple(nameText, fc.constantFrom('latin1', 'windows-1250'), fc.integer({ min: 0, max: 2 }))
      .map(([s, encoding, times]) => Array.from({ length: times }).reduce<string>((t) => damage(t, encoding), s));
    const input = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...'ÃÂĂÄÅâ€™“\u00a0 ©®¼½¾ŠŽšžabc'), maxLength: 20 }), damaged);
    fc.assert(
      fc.property(input, (s) => {
        const once = repairMojibake(s);
        return repairMojibake(once) === once;
      }),
      { numRuns: runs(2000) },
    );
  });
});
