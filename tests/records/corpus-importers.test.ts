import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterKey } from '../../src/matching/author-index';
import { importArrowExport } from '../../src/records/arrow-export';
import { importSource } from '../../src/records/import-source';
import type { JsonImportResult } from '../../src/records/json-records';
import { mergeRecords } from '../../src/records/merge';
import { importMlAnthology, paperOffsets, venueDisplayName } from '../../src/records/mlanthology';
import { importPaperlists, venueYearFromName } from '../../src/records/paperlists';
import { formatProblem } from '../../src/records/schema';
import { HAS_SHARED, MLANTHOLOGY_DIR, PAPERLISTS_DIR } from '../helpers/shared-data';
import { SEED_FILE, SEED_TITLES, seedText } from '../helpers/seed';

const gz = (path: string) => new TextDecoder('utf-8', { fatal: true }).decode(gunzipSync(readFileSync(path)));
const formatOf = (result: JsonImportResult) => result.papers[0]?.provenance[0]?.format;

const mlaAuthor = (given: string, family: string) => ({ given, family, slug: `${family}-${given}`.toLowerCase().replace(/\s+/g, '-') });
const mlaPaper = (over: Record<string, unknown> = {}) => ({
  bibtex_key: 'basile2025neurips-head',
  title: 'Head Pursuit: Probing Attention Specialization in Multimodal Transformers',
  authors: [mlaAuthor('Lorenzo', 'Basile'), mlaAuthor(' Alberto ', 'Cazzaniga'), { given: '', family: 'Mononym', slug: 'mononym' }],
  year: '2025',
  venue: 'neurips',
  venue_type: 'conference',
  abstract: 'Language and vision-language models …',
  venue_url: 'https://openreview.net/forum?id=WQ9rnkaUWm',
  source: 'openreview',
  source_id: 'WQ9rnkaUWm',
  ...over,
});
const mlaFile = (papers: unknown[], venue = 'neurips') => JSON.stringify({ venue, year: '2025', papers }, null, 2);

const plRecord = (over: Record<string, unknown> = {}) => ({
  id: 'abc123XYZ',
  title: 'Guided Imitation of Task and Motion Planning',
  track: 'main',
  status: 'Oral',
  abstract: 'While modern policy optimization methods …',
  author: 'Michael McDonald;Dylan Hadfield-Menell;Nobody Profile',
  authorids: '~Michael_James_McDonald1;~Dylan_Hadfield-Menell2;',
  site: 'https://openreview.net/forum?id=abc123XYZ',
  ...over,
});

describe('corpus importers on inline records', () => {
  it('dispatches by content: ML Anthology, paperlists, then our own JSON / JSONL', () => {
    expect(formatOf(importSource(mlaFile([mlaPaper()]), 'renamed.txt'))).toBe('mlanthology');
    expect(formatOf(importSource(mlaFile([mlaPaper()]), 'neurips-2025.json.gz'))).toBe('mlanthology');
    expect(formatOf(importSource(JSON.stringify(plRecord()), 'corl/corl2021.jsonl.gz'))).toBe('paperlists');
    const own = { title: 'T', year: 2025, authors: ['A B'] };
    expect(formatOf(importSource(JSON.stringify({ papers: [own] }, null, 2), 'mine.json'))).toBe('json');
    expect(formatOf(importSource(JSON.stringify(own), 'mine.jsonl'))).toBe('jsonl');
  });

  it('maps an ML Anthology paper onto the record schema (no author ids from slugs)', () => {
    const result = importMlAnthology(mlaFile([mlaPaper()]), 'neurips-2025.json');
    expect(result.problems).toEqual([]);
    expect(result.papers).toEqual([
      {
        id: 'mla:basile2025neurips-head',
        title: 'Head Pursuit: Probing Attention Specialization in Multimodal Transformers',
        venue: 'NeurIPS',
        venueKind: 'Conference',
        year: 2025,
        type: 'Conference Paper',
        authors: ['Lorenzo Basile', 'Alberto Cazzaniga', 'Mononym'],
        abstract: 'Language and vision-language models …',
        ids: ['openreview:WQ9rnkaUWm'],
        links: { page: 'https://openreview.net/forum?id=WQ9rnkaUWm' },
        provenance: [
          { source: 'neurips-2025.json', line: 5, format: 'mlanthology', gave: { ids: ['openreview:WQ9rnkaUWm'], links: { page: 'https://openreview.net/forum?id=WQ9rnkaUWm' } } },
        ],
      },
    ]);
    const tmlr = importMlAnthology(mlaFile([mlaPaper({ venue: 'tmlr', venue_type: 'journal' })]), 'tmlr.json').papers[0]!;
    expect([tmlr.venue, tmlr.venueKind, tmlr.type]).toEqual(['TMLR', 'Journal', 'Journal Article']);
    expect(['iclr', 'icml', 'neurips', 'tmlr', 'corl', 'aistats'].map(venueDisplayName)).toEqual(['ICLR', 'ICML', 'NeurIPS', 'TMLR', 'CoRL', 'AISTATS']);
  });

  it('a broken ML Anthology paper is reported at the line of its object', () => {
    const text = mlaFile([mlaPaper(), mlaPaper({ bibtex_key: 'x2025', year: 'soon' }), mlaPaper({ bibtex_key: 'y2025', title: '' })]);
    const lineOf = (key: string) => text.split('\n').findIndex((l) => l.includes(`"${key}"`)); // 0-based line of the key = 1-based line of "{"
    expect(importMlAnthology(text, 'bad.json').problems.map(formatProblem)).toEqual([
      `bad.json:${lineOf('x2025')}: year: expected a year such as "2025", got "soon"`,
      `bad.json:${lineOf('y2025')}: title: empty`,
    ]);
    expect(importMlAnthology('{\n "papers": [\n  {"a": 1}\n  {"b": 2}\n ]\n}', 'bad.json').problems.map(formatProblem)).toEqual(['bad.json:4: json: invalid JSON: CommaExpected']);
  });

  it('finds paper offsets past strings holding brackets and escaped quotes', () => {
    const text = JSON.stringify({ venue: '[{', papers: [{ title: 'a "}" ]' }, { title: '\\' }, { title: 'b' }] });
    expect(paperOffsets(text).map((o) => text[o])).toEqual(['{', '{', '{']);
    expect(paperOffsets(text)).toHaveLength(3);
  });

  it('maps a paperlists record: ;-joined authors, profile ids parallel (null without one), venue and year from the name', () => {
    const result = importPaperlists(['', JSON.stringify(plRecord())].join('\n'), 'corl/corl2021.jsonl.gz');
    expect(result.problems).toEqual([]);
    expect(result.papers).toEqual([
      {
        id: 'pcp:abc123XYZ',
        title: 'Guided Imitation of Task and Motion Planning',
        venue: 'CoRL',
        venueKind: 'Conference',
        year: 2021,
        type: 'Conference Paper',
        authors: ['Michael McDonald', 'Dylan Hadfield-Menell', 'Nobody Profile'],
        abstract: 'While modern policy optimization methods …',
        ids: ['openreview:abc123XYZ'],
        links: { page: 'https://openreview.net/forum?id=abc123XYZ' },
        provenance: [
          { source: 'corl/corl2021.jsonl.gz', line: 2, format: 'paperlists', gave: { ids: ['openreview:abc123XYZ'], links: { page: 'https://openreview.net/forum?id=abc123XYZ' } } },
        ],
        authorIds: ['~Michael_James_McDonald1', '~Dylan_Hadfield-Menell2', null],
      },
    ]);
    expect(venueYearFromName('x/3dv/3dv2025.jsonl.gz')).toEqual({ venue: '3DV', year: 2025 });
    expect(venueYearFromName('acmmm2024.jsonl')).toEqual({ venue: 'ACM MM', year: 2024 });
  });

  it('broken paperlists lines give file:line: field:', () => {
    const text = [
      JSON.stringify(plRecord()),
      JSON.stringify(plRecord({ authorids: '~A1;~B1' })),
      '{"id": "x", ',
      JSON.stringify(plRecord({ title: undefined })),
    ].join('\n');
    expect(importPaperlists(text, 'www2025.jsonl').problems.map(formatProblem)).toEqual([
      'www2025.jsonl:2: authorids: 2 ids for 3 authors: expected one per author (empty for none)',
      expect.stringMatching(/^www2025\.jsonl:3: json: invalid JSON: /),
      'www2025.jsonl:4: title: missing',
    ]);
    expect(importPaperlists(JSON.stringify(plRecord()), 'papers.jsonl').problems.map(formatProblem)).toEqual([
      'papers.jsonl:1: year: no year: expected a file named <venue><year>.jsonl, e.g. corl2024.jsonl',
    ]);
  });

  it('author rows count distinct profile ids per name', () => {
    const a = plRecord({ id: 'p1', title: 'One', author: 'Yu Zhang;X Y', authorids: '~Yu_Zhang1;' });
    const b = plRecord({ id: 'p2', title: 'Two', author: 'Yu  Zhang;X Y', authorids: '~Yu_Zhang62;' });
    const c = plRecord({ id: 'p3', title: 'Three', author: 'yu zhang', authorids: '~Yu_Zhang1' });
    const merged = mergeRecords([importPaperlists([a, b, c].map((r) => JSON.stringify(r)).join('\n'), 'colm2025.jsonl')]);
    expect(merged.authorRows.get(clusterKey('Yu Zhang'))).toBe(2);
    expect(merged.authorRows.has(clusterKey('X Y'))).toBe(false);
  });
});

const MLA_COUNTS: Record<string, number> = {
  'iclr-2023': 1573, 'iclr-2024': 2260, 'iclr-2025': 3703, 'icml-2023': 1827, 'icml-2024': 2609, 'icml-2025': 3330,
  'neurips-2023': 3540, 'neurips-2024': 4494, 'neurips-2025': 5823,
  'tmlr-2022': 216, 'tmlr-2023': 611, 'tmlr-2024': 955, 'tmlr-2025': 1432, 'tmlr-2026': 254,
};
/** SOURCE.md's table of Lorenzo Basile's papers in ML Anthology. */
const SEED_IN_MLA: Record<(typeof SEED_TITLES)[number], { file: string; key: string }> = {
  'Intrinsic Dimension Correlation: uncovering nonlinear connections in multimodal representations': { file: 'iclr-2025', key: 'basile2025iclr-intrinsic' },
  'Head Pursuit: Probing Attention Specialization in Multimodal Transformers': { file: 'neurips-2025', key: 'basile2025neurips-head' },
  'The Narrow Gate: Localized Image-Text Communication in Native Multimodal Models': { file: 'neurips-2025', key: 'serra2025neurips-narrow' },
  'ResiDual Transformer Alignment with Spectral Decomposition': { file: 'tmlr-2025', key: 'basile2025tmlr-residual' },
  'Emergent representations in networks trained with the Forward-Forward algorithm': { file: 'tmlr-2025', key: 'tosato2025tmlr-emergent' },
};
const DISPLAY: Record<string, [venue: string, kind: string, type: string]> = {
  iclr: ['ICLR', 'Conference', 'Conference Paper'],
  neurips: ['NeurIPS', 'Conference', 'Conference Paper'],
  tmlr: ['TMLR', 'Journal', 'Journal Article'],
};

describe.skipIf(!HAS_SHARED)('ML Anthology corpus (../shared)', () => {
  const results = new Map<string, JsonImportResult>();
  beforeAll(() => {
    const files = readdirSync(MLANTHOLOGY_DIR).filter((f) => f.endsWith('.json.gz')).sort();
    const texts = files.map((f) => [f, gz(join(MLANTHOLOGY_DIR, f))] as const);
    const start = performance.now();
    for (const [f, text] of texts) results.set(f.replace('.json.gz', ''), importSource(text, `mlanthology/${f}`));
    const papers = [...results.values()].reduce((n, r) => n + r.papers.length, 0);
    console.log(`ML Anthology: imported ${papers} papers from ${files.length} files in ${Math.round(performance.now() - start)} ms (after gunzip)`);
  }, 120_000); // 32k papers with their links: slow on a busy shared machine

  it('imports all 14 files with no problems: 32,627 papers', () => {
    expect([...results.keys()]).toEqual(Object.keys(MLA_COUNTS).sort());
    for (const [name, result] of results) {
      expect(result.problems.map(formatProblem), name).toEqual([]);
      // Clean real text (titles, 172k names, abstracts with "Å\u00a0" and the like) is never "repaired";
      // one real name is wrapped in bidi marks, which are taken out.
      const expected = name === 'neurips-2023' ? [{ field: 'authors[0]', from: '\u202aYotam Alexander\u202c\u200f', to: 'Yotam Alexander', what: 'control characters' }] : [];
      expect(result.repairs.map(({ field, from, to, what }) => ({ field, from, to, what })), name).toEqual(expected);
      expect(result.papers.length, name).toBe(MLA_COUNTS[name]);
      expect(result.papers.every((p) => p.provenance[0]!.format === 'mlanthology' && p.authorIds === undefined && p.provenance[0]!.line > 1)).toBe(true);
    }
    expect([...results.values()].reduce((n, r) => n + r.papers.length, 0)).toBe(32_627);
  });

  it('finds the five seed papers with their authors and venues', () => {
    for (const title of SEED_TITLES) {
      const { file, key } = SEED_IN_MLA[title];
      const paper = results.get(file)!.papers.find((p) => p.title === title);
      expect(paper, title).toBeDefined();
      expect(paper!.id).toBe(`mla:${key}`);
      expect(paper!.year).toBe(2025);
      expect([paper!.venue, paper!.venueKind, paper!.type]).toEqual(DISPLAY[file.split('-')[0]!]);
      expect(paper!.authors).toContain('Lorenzo Basile');
      expect(paper!.abstract.length).toBeGreaterThan(100);
    }
    const all = [...results.values()].flatMap((r) => r.papers);
    expect(all.filter((p) => p.authors.includes('Lorenzo Basile')).map((p) => p.title).sort()).toEqual([...SEED_TITLES].sort());
  });

  it('merged with the seed export, each seed paper is one record with both provenances', () => {
    const seed = importArrowExport(seedText(), SEED_FILE);
    const merged = mergeRecords([seed, ...results.values()]);
    expect(merged.problems).toEqual([]);
    for (const title of SEED_TITLES) {
      const same = merged.papers.filter((p) => p.title === title);
      expect(same, title).toHaveLength(1);
      expect(same[0]!.provenance.map((p) => p.format).sort()).toEqual(['arrow-export', 'mlanthology']);
    }
  });
});

const PAPERLISTS_COUNTS: Record<string, number> = {
  '3dv/3dv2025': 142, 'acmmm/acmmm2024': 1148, 'ai4x/ai4x2025': 236, 'aistats/aistats2025': 583, 'alt/alt2025': 51,
  'colm/colm2024': 299, 'colm/colm2025': 418, 'corl/corl2021': 153, 'corl/corl2022': 197, 'corl/corl2023': 199,
  'corl/corl2024': 264, 'corl/corl2025': 263, 'www/www2024': 405, 'www/www2025': 409,
};

describe.skipIf(!HAS_SHARED)('Paper Copilot paperlists (../shared)', () => {
  const texts = new Map<string, string>();
  const results = new Map<string, JsonImportResult>();
  beforeAll(() => {
    for (const venue of readdirSync(PAPERLISTS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(join(PAPERLISTS_DIR, venue.name)).filter((f) => f.endsWith('.jsonl.gz'))) {
        const name = `${venue.name}/${f.replace('.jsonl.gz', '')}`;
        texts.set(name, gz(join(PAPERLISTS_DIR, venue.name, f)));
        results.set(name, importSource(texts.get(name)!, `papercopilot-paperlists/${venue.name}/${f}`));
      }
    }
  }, 120_000); // every paperlists file: past the default 10 s on a busy shared machine

  it('imports every file with no problems, one paper a line', () => {
    expect([...results.keys()].sort()).toEqual(Object.keys(PAPERLISTS_COUNTS).sort());
    for (const [name, result] of results) {
      expect(result.problems.map(formatProblem), name).toEqual([]);
      expect(result.papers.length, name).toBe(PAPERLISTS_COUNTS[name]);
      const year = Number(name.slice(-4));
      expect(result.papers.every((p) => p.provenance[0]!.format === 'paperlists' && p.year === year && p.authorIds?.length === p.authors.length), name).toBe(true);
    }
    expect(results.get('corl/corl2024')!.papers[0]!.venue).toBe('CoRL');
    expect([...results.values()].reduce((n, r) => n + r.papers.length, 0)).toBe(4_767);
  });

  it('author rows: a name shared by several profiles counts each distinct id', () => {
    // Expected, straight from the raw lines: distinct non-empty ids per lower-cased name.
    const idsOfName = new Map<string, Set<string>>();
    for (const text of texts.values()) {
      for (const line of text.split('\n').filter((l) => l.trim())) {
        const record = JSON.parse(line) as { author: string; authorids: string };
        const ids = record.authorids.split(';');
        record.author.split(';').forEach((name, i) => {
          if (!ids[i]) return;
          const key = name.trim().toLowerCase();
          idsOfName.set(key, (idsOfName.get(key) ?? new Set()).add(ids[i]!));
        });
      }
    }
    const [name, ids] = [...idsOfName].sort((a, b) => b[1].size - a[1].size)[0]!;
    expect(ids.size).toBeGreaterThan(5);
    const merged = mergeRecords([...results.values()]);
    expect(merged.authorRows.get(clusterKey(name))).toBe(ids.size);
    const shared = [...idsOfName].filter(([, s]) => s.size > 1);
    expect(shared.length).toBeGreaterThan(100);
    for (const [n, s] of shared) expect(merged.authorRows.get(clusterKey(n)), n).toBe(s.size);
  });
});
