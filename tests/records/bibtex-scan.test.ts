/**
 * The quick pass before the BibTeX parser (src/records/bibtex-scan.ts) and the piecewise parse it
 * allows: where entries start, which abstracts are plain, and, as properties, that importing in
 * pieces with plain abstracts taken out gives exactly what the parser gives on the whole file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBibtex } from '../../src/records/bibtex';
import { OVERSIZE, scanBibtex } from '../../src/records/bibtex-scan';
import { HAS_SHARED, MLANTHOLOGY_DIR } from '../helpers/shared-data';

const plainTexts = (text: string) => scanBibtex(text).plainAbstracts.map((v) => v.text);

describe('scanBibtex', () => {
  it('finds each top-level entry at the start of a line, not an @ inside a value or mid-line', () => {
    const text = [
      '% exported',
      '@string{ic = "Intl. Conf."}',
      '@article{a,',
      '  title = {Mail me at',
      '@home},',
      '  note = "x @misc b, y"',
      '}  @misc{c, title = {C}}',
      '  @Book {d, title = {D}}',
    ].join('\n');
    const starts = scanBibtex(text).entryStarts.map((at) => text.slice(at, at + 8));
    // @misc{c starts an entry too, but a piece is only cut where a line starts.
    expect(starts).toEqual(['@string{', '@article', '@Book {d']);
  });

  it('reads an escaped brace or quote inside a value as the parser does: not as a delimiter', () => {
    const text = '@misc{a, title = {x \\{ y}, note = "say \\" hi"}\n@misc{b, title = {B}}\n@misc{c, title = {C \\}}}\n@misc{d, title = {D}}';
    expect(scanBibtex(text).entryStarts.map((at) => text.slice(at, at + 7))).toEqual(['@misc{a', '@misc{b', '@misc{c', '@misc{d']);
  });

  it('stops trusting boundaries after a stray top-level brace, a parenthesised entry or a stray @', () => {
    expect(scanBibtex('@misc{a, title={A}}\n}\n@misc{b, title={B}}').entryStarts).toEqual([0]);
    expect(scanBibtex('@misc(a, title={A})\n@misc{b, title={B}}').entryStarts).toEqual([]);
    expect(scanBibtex('@misc{a, title={A}} @misc(x,\n@misc{b, title={B}}').entryStarts).toEqual([0]);
    // An @ that opens nothing: the parser may run on from it.
    expect(scanBibtex('@misc{a, title={A}}\nmail me @home\n@misc{b, title={B}}').entryStarts).toEqual([0]);
  });

  it('calls an abstract plain only when LaTeX conversion would leave it as written', () => {
    const entry = (abstract: string) => `@misc{k, title = {T},\n  abstract = ${abstract},\n  year = 2020}`;
    expect(plainTexts(entry('{We show "that" it’s 3× faster: 1-2 (ok).}'))).toEqual(['We show "that" it’s 3× faster: 1-2 (ok).']);
    expect(plainTexts(entry('"Quoted and plain"'))).toEqual(['Quoted and plain']);
    expect(plainTexts(`@misc{k, ABSTRACT={Upper}}`)).toEqual(['Upper']);
    // Escaped characters stand for themselves: the value is read without the backslash.
    expect(scanBibtex(entry('{50\\% of R\\&D costs \\$5 in x\\_1, item \\#3}')).plainAbstracts.map((v) => v.value)).toEqual(['50% of R&D costs $5 in x_1, item #3']);
    for (const latex of ['{$x$}', '{a {B} c}', '{50% more}', '{a~b}', '{x_1}', '{R&D}', '{pages 1--2}', "{''q''}", '{``q}', '{<<q>>}', '{a#b}', '{a^b}', '{a\\\\%b}', '{\\%--\\%}', '{\\emph{x}}']) {
      expect(plainTexts(entry(latex)), latex).toEqual([]);
    }
  });

  it('takes out an abstract written longer than OVERSIZE, LaTeX and all; a shorter one stays with the parser', () => {
    const latex = (length: number) => `$x$ {B} ${'w'.repeat(length - 8)}`;
    const long = `@misc{k, title = {T}, abstract = {${latex(OVERSIZE + 1)}}, year = 2020}`;
    expect(scanBibtex(long).plainAbstracts.map((v) => v.value.length)).toEqual([OVERSIZE + 1]);
    expect(scanBibtex(`@misc{k, title = {T}, abstract = {${latex(OVERSIZE)}}, year = 2020}`).plainAbstracts).toEqual([]);
    expect(scanBibtex(`@misc{k, abstract = {${latex(OVERSIZE + 1)}} # more}`).plainAbstracts).toEqual([]);
  });

  it('leaves alone a concatenation, a second abstract field and text that only looks like a field', () => {
    expect(plainTexts('@misc{k, abstract = {Plain} # more}')).toEqual([]);
    expect(plainTexts('@misc{k, abstract = {One}, abstract = {Two}}')).toEqual([]);
    expect(plainTexts('@misc{k, note = {see, abstract = {x}}}')).toEqual([]);
    expect(plainTexts('@misc{k, note = "see, abstract = {x}, more"}')).toEqual([]);
    expect(plainTexts('@misc{k, subabstract = {x}, abstractnote = {y}}')).toEqual([]);
    // An entry that never closes: nothing from it is trusted.
    expect(plainTexts('@misc{k, abstract = {Plain},')).toEqual([]);
  });
});

/** Entries as tools write them, from parts that do and do not need LaTeX conversion. */
const plainWord = fc.constantFrom('50\\%', 'R\\&D', '\\$5', 'x\\_1', '\\#3', '\\%x', 'Deep', 'learning', 'of', 'Müller', 'naïve', '“quoted”', '"q"', "it's", 'x-y', '3×', 'ℓ1', 'Ã£', '\u00a0', 'é', '\n   ', '(a)', '1.5', '@home', 'a,b', 'c=d', '!', '?', '<', '>', '-', '¡Sí!', '¿q?');
const latexWord = fc.constantFrom('%', '$x_1$', '{BERT}', '\\"{o}', '{\\`a}', '--', "''", '``', '<<', '>>', '~', '\\&', '50\\%', '#', 'a^2', 'x_i', '\\emph{e}', 'Espa\\~na', 'h\\^otel', 'a\\\\b', '\\{', '\\}', 'say \\"hi');
/** Mostly plain words, as real abstracts are; now and then one that LaTeX conversion changes. */
const text = fc.array(fc.oneof({ arbitrary: plainWord, weight: 6 }, { arbitrary: latexWord, weight: 1 }), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const braced = text.map((t) => `{${t}}`);
const quoted = text.filter((t) => !t.includes('"') && !/[{}]/.test(t)).map((t) => `"${t}"`);
const value = fc.oneof(braced, braced, quoted, fc.constantFrom('2021', 'ic', 'ic # " workshop"', '{A} # {B}'));
const field = fc.tuple(fc.constantFrom('title', 'author', 'booktitle', 'journal', 'year', 'date', 'abstract', 'Abstract', 'note', 'pages', 'url', 'eprinttype'), value).map(([name, v]) => `${name} = ${v}`);
/** A usable entry (title and year, so its abstract reaches the paper) with other fields around them. */
const entry = fc
  .tuple(
    fc.constantFrom('article', 'inproceedings', 'misc', 'online'),
    fc.nat(999),
    fc.tuple(braced, fc.integer({ min: 1990, max: 2026 }), fc.array(field, { maxLength: 5 }), fc.nat(5)).map(([title, year, fields, at]) => {
      const all = [...fields];
      all.splice(Math.min(at, all.length), 0, `title = ${title}`, `year = ${year}`);
      return all;
    }),
    fc.constantFrom(',\n  ', ', '),
    fc.constantFrom('\n}', '}', ',\n}'),
  )
  .map(([type, key, fields, sep, end]) => `@${type}{k${key}${sep}${fields.join(sep)}${end}`);
const between = fc.constantFrom('\n', '\n\n', '\n% a comment\n', '\n@string{ic = "Intl. Conf."}\n', '\n@comment{jabref-meta: x;}\n', '  ');
const file = fc.array(fc.tuple(entry, between), { maxLength: 12 }).map((parts) => parts.map(([e, b]) => e + b).join(''));
/** Broken pieces too: what a truncated or hand-mangled file holds. */
const mangled = fc.array(fc.oneof(entry, between, fc.constantFrom('{', '}', '"', '@misc{', '@misc(x, ', '@comment{', ',', ' abstract = {P}', ', abstract = {Plain}', '\\', '\\{', '\\}', '$')), { maxLength: 16 }).map((p) => p.join(''));

/**
 * The parser quotes the next 20 characters where it stopped ('found "…"...'); at the end of a
 * piece there are fewer. That quote is the one thing allowed to differ.
 */
const withoutQuote = (result: ReturnType<typeof importBibtex>) => ({
  ...result,
  problems: result.problems.map((p) => ({ ...p, message: p.message.replace(/found "(?:[^"\\]|\\.)*"\.\.\./g, 'found …') })),
});
const piecewise = (bib: string) => withoutQuote(importBibtex(bib, 'f.bib', { pieceChars: 1 }));
const whole = (bib: string) => withoutQuote(importBibtex(bib, 'f.bib', { wholeFile: true }));

describe('importBibtex in pieces, plain abstracts taken out', () => {
  it('gives exactly what the parser gives on the whole file: papers, lines, problems, repairs', () => {
    fc.assert(
      fc.property(fc.oneof(file, mangled), (bib) => {
        expect(piecewise(bib)).toEqual(whole(bib));
      }),
      { numRuns: 400 },
    );
    // 400 files through the parser twice: about 3 s here, 10 s on a busy 2-core machine.
  }, 30_000);

  it('reports its progress after each piece, rising to 1', () => {
    const bib = Array.from({ length: 30 }, (_, i) => `@misc{k${i}, title = {Paper ${i}}, year = 2020, author = {A, B}, abstract = {Plain text ${i}.}}`).join('\n');
    const shares: number[] = [];
    const result = importBibtex(bib, 'f.bib', { pieceChars: 500, onProgress: (s) => shares.push(s) });
    expect(result.papers).toHaveLength(30);
    expect(result.papers[7]!.abstract).toBe('Plain text 7.');
    expect(shares.length).toBeGreaterThan(3);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
  });

  it('a parser error in a later piece names the line in the whole file', () => {
    const good = Array.from({ length: 10 }, (_, i) => `@misc{k${i},\n  title = {Paper ${i}},\n  year = 2020,\n  abstract = {Plain\n  text.}\n}`).join('\n');
    const bib = `${good}\n@misc{bad,\n  title = {Broken $x},\n  year = 2021\n}\n`;
    expect(piecewise(bib).problems).toEqual(whole(bib).problems);
    expect(piecewise(bib).problems[0]?.line).toBe(61);
  });

  it('columns in parser errors after an emptied abstract are those of the file', () => {
    const cases = [
      '@misc{a, title = {T}, year = 2020, abstract = {Plain one}, note = {x $y}}',
      '@misc{a,\n  title = {T}, year = 2020, abstract = {Plain\n  two and more}, note = {$z}}',
      // Two emptied abstracts on one line, the first long: the second has moved left already.
      `@misc{a, title = {A}, year = 2020, abstract = {${'Long text. '.repeat(30)}}} @misc{b, title = {B}, year = 2021, abstract = {Two}, note = {$w}}`,
      '@misc{a, title = {A}, year = 2020, abstract = {One\nmore}} @misc{b, title = {B}, year = 2021, abstract = {Two}, note = {$w}}',
      '@misc{a, title = {A}, year = 2020}\n   @misc{b, title = {B}, year = 2021, abstract = {Two}, note = {$w}}',
      '@misc{a, title = {A}, year = 2020, abstract = {Two} note = {x}}',
    ];
    for (const bib of cases) {
      const expected = whole(bib).problems;
      expect(expected.some((p) => /column \d+/.test(p.message)), bib).toBe(true);
      expect(piecewise(bib).problems, bib).toEqual(expected);
    }
  });

  it.skipIf(!HAS_SHARED)('on 400 real ICML 2024 papers with their abstracts, written as BibTeX', () => {
    const corpus = JSON.parse(gunzipSync(readFileSync(join(MLANTHOLOGY_DIR, 'icml-2024.json.gz'))).toString('utf8')) as {
      papers: { bibtex_key: string; title: string; year: string; abstract: string; authors: { given: string; family: string }[] }[];
    };
    const bib = corpus.papers
      .slice(0, 400)
      .map((p) => `@inproceedings{${p.bibtex_key},\n  author = {${p.authors.map((a) => `${a.family}, ${a.given}`).join(' and ')}},\n  title = {${p.title}},\n  booktitle = {ICML},\n  year = {${p.year}},\n  abstract = {${p.abstract}}\n}\n`)
      .join('\n');
    const fast = importBibtex(bib, 'f.bib');
    expect(withoutQuote(fast)).toEqual(whole(bib));
    expect(fast.papers.length).toBeGreaterThan(390);
    // Most real abstracts have no LaTeX in them: those skip the parser.
    expect(scanBibtex(bib).plainAbstracts.length).toBeGreaterThan(200);
    // The parser on 400 abstracts, twice: about 8 s here, 20 s on a busy 2-core machine.
  }, 60_000);
});
