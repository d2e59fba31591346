import { describe, expect, it } from 'vitest';
import { importArrowExport, parseVenueLine } from '../../src/records/arrow-export';
import { formatProblem } from '../../src/records/schema';
import { SEED_FILE, SEED_TITLES, seedText } from '../helpers/seed';

describe('Arrow author-cluster export', () => {
  const result = importArrowExport(seedText(), SEED_FILE);

  it('imports the seed: 5 papers in page order, declared author rows kept', () => {
    expect(result.problems).toEqual([]);
    expect(result.papers.map((p) => p.title)).toEqual([SEED_TITLES[0], SEED_TITLES[1], SEED_TITLES[2], SEED_TITLES[3], SEED_TITLES[4]]);
    expect(result.authorRows).toEqual([
      { name: 'Lorenzo Basile', authorRows: 2, papers: 5, provenance: { source: SEED_FILE, line: 10, format: 'arrow-export' } },
    ]);
  });

  it('reads the venue line, authors in order and the abstract', () => {
    const [forwardForward, headPursuit] = result.papers;
    expect(forwardForward).toMatchObject({ venue: 'TMLR', venueKind: 'Journal', year: 2025, type: 'Journal Article' });
    expect(headPursuit).toMatchObject({ venue: 'NeurIPS', venueKind: 'Conference', year: 2025, type: 'Conference Paper' });
    expect(headPursuit!.authors).toEqual(['Lorenzo Basile', 'Valentino Maiorca', 'Diego Doimo', 'Francesco Locatello', 'Alberto Cazzaniga']);
    expect(headPursuit!.abstract).toMatch(/^Language and vision-language models .* generative models\.$/);
    expect(forwardForward!.provenance).toEqual([{ source: SEED_FILE, line: 16, format: 'arrow-export' }]);
  });

  it('repairs the mojibake "RodolĂ " and logs where', () => {
    const residual = result.papers[3]!;
    expect(residual.authors).toContain('Emanuele Rodolà');
    expect(JSON.stringify(result.papers)).not.toMatch(/[ĂÃ]/);
    expect(result.repairs).toEqual([{ source: SEED_FILE, line: 60, field: 'authors', what: 'mojibake', from: 'Emanuele RodolĂ', to: 'Emanuele Rodolà' }]);
  });

  it('gives every paper a stable id derived from title and year', () => {
    const again = importArrowExport(seedText(), 'elsewhere.txt');
    expect(again.papers.map((p) => p.id)).toEqual(result.papers.map((p) => p.id));
    expect(new Set(result.papers.map((p) => p.id)).size).toBe(5);
  });

  it.each([
    ['TMLR Journal 2025 Journal Article', { venue: 'TMLR', venueKind: 'Journal', year: 2025, type: 'Journal Article' }],
    ['NeurIPS Datasets and Benchmarks Conference 2024 Conference Paper', { venue: 'NeurIPS Datasets and Benchmarks', venueKind: 'Conference', year: 2024, type: 'Conference Paper' }],
    ['arXiv 2023 Preprint', { venue: 'arXiv', venueKind: '', year: 2023, type: 'Preprint' }],
  ])('parses the venue line %j', (line, expected) => {
    expect(parseVenueLine(line)).toEqual(expected);
  });

  it('does not take an abstract sentence for a venue line', () => {
    expect(parseVenueLine('We evaluate on 70 pre-trained network-dataset combinations from 2021 onwards.')).toBeNull();
  });
});

describe('Arrow export errors name file, line and field', () => {
  const lines = seedText().split('\n');
  const problemsOf = (text: string) => importArrowExport(text, 'broken.txt').problems.map(formatProblem);

  it('a truncated export (cut inside the last paper)', () => {
    const cut = lines.slice(0, 67).join('\n'); // ends with the last paper's title
    expect(problemsOf(cut)).toEqual(['broken.txt:67: authors: missing: file ends after the title (truncated export)']);
  });

  it('a declared paper count that disagrees with the papers found', () => {
    const edited = seedText().replace('5 papers', '6 papers');
    expect(problemsOf(edited)).toEqual([
      'broken.txt:14: papers: list count 5 disagrees with "6 papers"',
      'broken.txt:9: papers: declares 6 papers, found 5 (truncated or edited export?)',
    ]);
  });

  it('a paper without its title', () => {
    const withoutTitle = lines.filter((_, i) => i !== 17).join('\n'); // line 18 is the first title
    expect(problemsOf(withoutTitle)).toEqual(['broken.txt:19: title: missing: the venue line is not followed by a title']);
  });

  it('something that is not an export at all', () => {
    expect(problemsOf('hello\nworld')).toEqual(['broken.txt:1: header: expected "Author name cluster" heading; not an Arrow author-cluster export']);
  });
});
