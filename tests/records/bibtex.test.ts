/**
 * BibTeX importer: fixtures in the styles DBLP, Google Scholar, ACL Anthology and Zotero/Better
 * BibTeX export (tests/fixtures/records-bibtex/), broken entries, the property that any input
 * gives problems on real lines without throwing, and the wiring into importSource and the build.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBibtex, looksLikeBibtex } from '../../src/records/bibtex';
import { buildIndex, listSourceFiles } from '../../src/records/build-index';
import { importSource, SOURCE_FORMATS } from '../../src/records/import-source';
import { derivedPaperId } from '../../src/records/paper-id';
import { formatProblem, type Paper } from '../../src/records/schema';
import { PROJECT_DIR } from '../helpers/seed';

const DIR = resolve(PROJECT_DIR, 'tests/fixtures/records-bibtex');
const fixture = (name: string) => readFileSync(join(DIR, name), 'utf8');

/** A paper as asserted here: line instead of provenance; the id is checked to be the derived one; ids and links are asserted apart. */
function shape(paper: Paper) {
  expect(paper.id).toBe(derivedPaperId(paper.title, paper.year));
  expect(paper.provenance).toHaveLength(1);
  expect(paper.provenance[0]!.format).toBe('bibtex');
  const { id: _id, provenance, ids: _ids, links: _links, ...rest } = paper;
  return { line: provenance[0]!.line, ...rest };
}

const imported = (name: string) => {
  const result = importBibtex(fixture(name), name);
  return { papers: result.papers.map(shape), problems: result.problems.map(formatProblem), repairs: result.repairs };
};

describe('importBibtex on exports as real tools write them', () => {
  it('reads ids and links: doi, url, DBLP biburl, arXiv eprint (Zotero\'s "1412.6980 [cs]" too)', () => {
    const identity = (name: string) => importBibtex(fixture(name), name).papers.map(({ ids, links }) => ({ ids, links }));
    expect(identity('dblp.bib')).toEqual([
      { ids: ['dblp:conf/iclr/DosovitskiyB0WZ21', 'openreview:YicbFdNTTy'], links: { page: 'https://openreview.net/forum?id=YicbFdNTTy' } },
      { ids: ['dblp:journals/corr/abs-1810-04805', 'arxiv:1810.04805'], links: { page: 'http://arxiv.org/abs/1810.04805' } },
    ]);
    expect(identity('acl.bib')[0]).toEqual({
      ids: ['doi:10.18653/v1/2020.acl-main.747'],
      links: { doi: 'https://doi.org/10.18653/v1/2020.acl-main.747', page: 'https://aclanthology.org/2020.acl-main.747/' },
    });
    expect(identity('zotero.bib')[1]).toEqual({ ids: ['doi:10.48550/arxiv.1412.6980', 'arxiv:1412.6980'], links: { doi: 'https://doi.org/10.48550/arxiv.1412.6980', page: 'http://arxiv.org/abs/1412.6980' } });
    expect(identity('scholar.bib')[2]).toEqual({ ids: ['arxiv:1404.7828'], links: undefined });
  });

  it('drops a url that is no http(s) link, and logs it', () => {
    const result = importBibtex('@article{x,\n  title = {T},\n  year = {2020},\n  author = {A B},\n  url = {javascript:alert(1)}\n}\n', 'x.bib');
    expect(result.problems).toEqual([]);
    expect(result.papers[0]!.links).toBeUndefined();
    expect(result.repairs).toEqual([{ source: 'x.bib', line: 1, field: 'links.page', what: 'unsafe link', from: 'javascript:alert(1)', to: '' }]);
  });

  it('DBLP: multi-line fields, {ICLR} braces, CoRR with eprinttype', () => {
    expect(imported('dblp.bib')).toEqual({
      problems: [],
      repairs: [],
      papers: [
        {
          line: 1,
          title: 'An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale',
          venue: '9th International Conference on Learning Representations, ICLR 2021, Virtual Event, Austria, May 3-7, 2021',
          venueKind: 'Conference',
          year: 2021,
          type: 'Conference Paper',
          authors: ['Alexey Dosovitskiy', 'Lucas Beyer', 'Alexander Kolesnikov', 'Dirk Weissenborn', 'Xiaohua Zhai', 'Thomas Unterthiner', 'Mostafa Dehghani', 'Matthias Minderer', 'Georg Heigold', 'Sylvain Gelly', 'Jakob Uszkoreit', 'Neil Houlsby'],
          abstract: '',
        },
        {
          line: 26,
          title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
          venue: 'CoRR',
          venueKind: 'Journal',
          year: 2018,
          type: 'Journal Article',
          authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
          abstract: '',
        },
      ],
    });
  });

  it('Google Scholar: "Last, First" names, {\\L}, "others" dropped, arXiv misc as a preprint', () => {
    const { papers, problems } = imported('scholar.bib');
    expect(problems).toEqual([]);
    expect(papers).toEqual([
      { line: 1, title: 'Regression shrinkage and selection via the lasso', venue: 'Journal of the Royal Statistical Society Series B: Statistical Methodology', venueKind: 'Journal', year: 1996, type: 'Journal Article', authors: ['Robert Tibshirani'], abstract: '' },
      {
        line: 12, title: 'Attention is all you need', venue: 'Advances in neural information processing systems', venueKind: 'Journal', year: 2017, type: 'Journal Article',
        authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N Gomez', 'Łukasz Kaiser', 'Illia Polosukhin'], abstract: '',
      },
      { line: 20, title: 'Deep learning in neural networks: An overview', venue: 'arXiv', venueKind: '', year: 2014, type: 'Preprint', authors: ['Jürgen Schmidhuber'], abstract: '' },
    ]);
  });

  it('ACL Anthology: quoted values, month macros, accents, math, {Organisation} authors, abstract', () => {
    const { papers, problems } = imported('acl.bib');
    expect(problems).toEqual([]);
    expect(papers[0]).toEqual({
      line: 1,
      title: 'Unsupervised Cross-lingual Representation Learning at Scale',
      venue: 'Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics',
      venueKind: 'Conference',
      year: 2020,
      type: 'Conference Paper',
      authors: ['Alexis Conneau', 'Kartikay Khandelwal', 'Naman Goyal', 'Vishrav Chaudhary', 'Guillaume Wenzek', 'Francisco Guzmán', 'Edouard Grave', 'Myle Ott', 'Luke Zettlemoyer', 'Veselin Stoyanov'],
      abstract: 'This paper shows that pretraining multilingual language models at scale leads to significant performance gains for a wide range of cross-lingual transfer tasks.',
    });
    expect(papers[1]).toEqual({
      line: 28,
      title: 'Sparse ℓ₁ Probing of BERT Heads: Café Naïveté à la Carte',
      venue: 'Findings of the Association for Computational Linguistics: ACL 2023',
      venueKind: 'Conference',
      year: 2023,
      type: 'Conference Paper',
      authors: ['Emanuele Rodolà', 'Jörg Müller', 'Hugging Face'],
      abstract: '',
    });
  });

  it('Zotero/Better BibLaTeX: word-braced titles, date instead of year, @online arXiv preprint', () => {
    const { papers, problems } = imported('zotero.bib');
    expect(problems).toEqual([]);
    expect(papers).toEqual([
      { line: 2, title: 'Deep Residual Learning for Image Recognition', venue: 'Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition', venueKind: 'Conference', year: 2016, type: 'Conference Paper', authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'], abstract: '' },
      {
        line: 11, title: 'Adam: A Method for Stochastic Optimization', venue: 'arXiv', venueKind: '', year: 2017, type: 'Preprint', authors: ['Diederik P. Kingma', 'Jimmy Ba'],
        abstract: 'We introduce Adam, an algorithm for first-order gradient-based optimization of stochastic objective functions.',
      },
    ]);
  });
});

describe('importBibtex on broken entries', () => {
  it('@string macros work; a missing year and an unclosed brace are problems on their entry line; the rest imports', () => {
    const { papers, problems } = imported('broken.bib');
    expect(papers.map((p) => [p.line, p.title, p.venue])).toEqual([[6, 'Denoising Diffusion Probabilistic Models', 'Advances in Neural Information Processing Systems']]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('broken.bib:13: year: missing');
    expect(problems[1]).toMatch(/^broken\.bib:19: bibtex: syntax error: Unterminated brace-value/);
  });

  it('a missing title and a missing comma are problems; entries after them still import; mojibake is repaired and logged', () => {
    const { papers, problems, repairs } = imported('tail.bib');
    expect(papers.map((p) => [p.line, p.title, p.authors])).toEqual([
      [1, 'Semi-Supervised Classification with Graph Convolutional Networks', ['Thomas N. Kipf', 'Max Welling']],
      [20, 'Learning with Noisy Labels', ['Emanuele Rodolà', 'João Silva']],
    ]);
    expect(problems[0]).toBe('tail.bib:8: title: missing');
    expect(problems[1]).toMatch(/^tail\.bib:14: bibtex: syntax error: Token mismatch/);
    expect(problems).toHaveLength(2);
    expect(repairs).toEqual([
      { source: 'tail.bib', line: 22, field: 'author', what: 'mojibake', from: 'author = {RodolĂ\u00a0, Emanuele and JoÃ£o Silva},', to: 'author = {Rodolà, Emanuele and João Silva},' },
    ]);
  });

  it('crossref: a child inherits its parent\'s year and booktitle', () => {
    const text = '@inproceedings{child, title = {Child Paper}, author = {Doe, Jane}, crossref = {parent}}\n\n@proceedings{parent, booktitle = {Parent Proceedings}, year = 2019}\n';
    const { papers, problems } = importBibtex(text, 'x.bib');
    expect(problems).toEqual([]);
    expect(papers.find((p) => p.title === 'Child Paper')).toMatchObject({ year: 2019, venue: 'Parent Proceedings', authors: ['Jane Doe'] });
  });

  it('"Last, Jr, First" and von particles read in display order', () => {
    const text = '@article{k, title = {T}, year = 2020, author = {King, Jr., Martin Luther and de la Fontaine, Jean and {OpenAI} and others}}';
    expect(importBibtex(text, 'x.bib').papers[0]!.authors).toEqual(['Martin Luther King Jr.', 'Jean de la Fontaine', 'OpenAI']);
  });
});

describe('importBibtex and TeX quirks', () => {
  it('keeps <, >, << and >> as written (the parser would print ¡, ¿, « and »), in text and math', () => {
    const text = [
      '@misc{a, title = {Gains at p < 0.05}, year = 2024, abstract = {Error < 1 and > 0, with k << n.}}',
      '@misc{b, title = {Bounds}, year = 2024, abstract = {For $x < y$, error < 1\\% and > 0.}}',
      '@misc{c, title = {¡Hola! ¿Qué?}, year = 2024, abstract = {a < b}}',
    ].join('\n');
    for (const wholeFile of [false, true]) {
      const papers = importBibtex(text, 'q.bib', { wholeFile }).papers;
      expect(papers.map((p) => [p.title, p.abstract])).toEqual([
        ['Gains at p < 0.05', 'Error < 1 and > 0, with k << n.'],
        ['Bounds', 'For x<y, error < 1% and > 0.'],
        ['¡Hola! ¿Qué?', 'a < b'],
      ]);
    }
  });
});

describe('importBibtex on arbitrary input', () => {
  const bibPiece = fc.constantFrom(
    '@article{', '@inproceedings{k,', '@string{x = "y"}', '@comment{', '@preamble{"', 'title = {', 'author = {A, B and C}', 'year = 2020',
    'year = {20', 'date = {2021-01-02}', '}', '{', '"', ',', '\n', '\r\n', ' # ', '\\"{o}', '{\\`a}', '$\\ell_1$', '%', 'others', 'Ã£', '\u00a0', '\\', '=',
  );
  const input = fc.oneof(fc.string({ maxLength: 300 }), fc.array(bibPiece, { maxLength: 60 }).map((parts) => parts.join('')));

  it('never throws; every problem names a line within the file', () => {
    fc.assert(
      fc.property(input, (text) => {
        const lines = text.replace(/^\uFEFF/, '').split('\n').length;
        const result = importBibtex(text, 'f.bib');
        for (const p of result.problems) {
          expect(p.file).toBe('f.bib');
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines);
        }
        for (const paper of result.papers) expect(paper.provenance[0]!.line).toBeLessThanOrEqual(lines);
      }),
      { numRuns: 300 },
    );
  });
});

describe('BibTeX wiring', () => {
  it('importSource picks BibTeX by name (.bib, .bib.gz) and by content', () => {
    const text = fixture('dblp.bib');
    expect(SOURCE_FORMATS).toContain('bibtex');
    for (const name of ['refs.bib', 'refs.BIB.gz', 'refs.txt', 'noname']) {
      const result = importSource(text, name);
      expect(result.problems, name).toEqual([]);
      expect(result.papers.map((p) => p.provenance[0]!.format), name).toEqual(['bibtex', 'bibtex']);
    }
    expect(looksLikeBibtex('% exported\n\n  @InProceedings{x,')).toBe(true);
    expect(looksLikeBibtex('Lorenzo Basile\n@article{')).toBe(false);
    expect(importSource('hello', 'notes.txt').problems[0]!.message).toMatch(/BibTeX \(\.bib\)/);
  });

  describe('records build', () => {
    let work: string;
    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'arrow-lens-bib-'));
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('lists .bib and .bib.gz in folders and builds an index from them', () => {
      const src = join(work, 'src');
      mkdirSync(src);
      copyFileSync(join(DIR, 'dblp.bib'), join(src, 'dblp.bib'));
      writeFileSync(join(src, 'acl.bib.gz'), gzipSync(fixture('acl.bib')));
      expect(listSourceFiles([src]).map((f) => f.slice(src.length + 1))).toEqual(['acl.bib.gz', 'dblp.bib']);
      const report = buildIndex([src], join(work, 'index'));
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.paperCount).toBe(4);
    });

    it('the records CLI builds from a .bib file, and fails with file:line problems on a broken one', async () => {
      const run = promisify(execFile);
      const tsx = resolve(PROJECT_DIR, 'node_modules/.bin/tsx');
      const cli = resolve(PROJECT_DIR, 'scripts/records.ts');
      await run(tsx, [cli, 'build', '--quiet', '--out', join(work, 'cli-index'), join(DIR, 'scholar.bib')], { cwd: PROJECT_DIR });
      const failed = await run(tsx, [cli, 'build', '--strict', '--out', join(work, 'cli-never'), join(DIR, 'broken.bib')], { cwd: PROJECT_DIR }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/broken\.bib:13: year: missing/);
    }, 30_000);
  });
});
