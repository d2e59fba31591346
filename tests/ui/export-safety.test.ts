/**
 * Exports are correct for every record text: record text is untrusted (imported files), and a
 * downloaded .bib or .csv goes into reference managers and spreadsheets. Each generated cluster is
 * exported, then read back by the project's BibTeX parser (values) and by real BibTeX 0.99d
 * (entries and fields, from Debian's texlive-binaries: .ci/run installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaperView } from '../../src/messaging/protocol';
import { parseBibtex } from '../../src/records/bibtex-parse';
import { toBibtex, toCsv } from '../../src/ui/cluster/export';

/** Characters BibTeX, LaTeX or a spreadsheet treat specially, beside ordinary ones. */
const TRICKY = [...'{}\\@"()&%$#_~^-`\'!?,=+<>;| \t\n\u00a0\u202e\u200f', 'and', ' and ', 'others', '\\}', '@misc(pwned,', 'é', 'Ω', '中', '😀'];
const trickyText = (minLength = 0) =>
  fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme-ascii', maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 2 })), { minLength, maxLength: 12 }).map((parts) => parts.join(''));

/** Text with something to show once control characters go and whitespace collapses. */
const visible = (text: string) => exported(text) !== '';
const paper: fc.Arbitrary<PaperView> = fc.record({
  id: fc.string({ maxLength: 10 }),
  title: trickyText(1).filter(visible),
  venue: trickyText().filter(visible),
  venueKind: fc.constantFrom('Journal', 'Conference', ''),
  year: fc.integer({ min: 1950, max: 2030 }),
  type: fc.constantFrom('Journal Article', 'Conference Paper', ''),
  authors: fc.array(trickyText(1).filter(visible), { maxLength: 4 }),
  sources: fc.constant(['user']),
  abstract: trickyText(),
});

/** What the export keeps of a text: control and bidi characters are dropped, whitespace collapsed. */
function exported(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A creator as the parser gives it, back to one name. */
function creatorName(creator: { name?: string; firstName?: string; prefix?: string; lastName?: string; suffix?: string }): string {
  if (creator.name !== undefined) return creator.name;
  return [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' ');
}

describe('BibTeX export of any record text', () => {
  it('reads back through the project parser as one entry per paper with the same values', () => {
    fc.assert(
      fc.property(fc.array(paper, { minLength: 1, maxLength: 5 }), (papers) => {
        const { entries, errors } = parseBibtex(toBibtex(papers), { wholeFile: true });
        expect(errors).toEqual([]);
        expect(entries).toHaveLength(papers.length);
        entries.forEach((entry, i) => {
          const p = papers[i]!;
          const venueField = entry.type === 'article' ? 'journal' : 'booktitle';
          const expected: Record<string, unknown> = { title: exported(p.title), [venueField]: exported(p.venue), year: String(p.year) };
          if (p.authors.length > 0) expected.author = p.authors.map(exported);
          if (exported(p.abstract ?? '') !== '') expected.abstract = exported(p.abstract ?? '');
          const fields = entry.fields as Record<string, unknown>;
          const got: Record<string, unknown> = Object.fromEntries(Object.keys(expected).map((k) => [k, fields[k]]));
          if (Array.isArray(got.author)) got.author = got.author.map(creatorName);
          expect(Object.keys(fields).sort()).toEqual(Object.keys(expected).sort());
          expect(got).toEqual(expected);
        });
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('cannot close a field early: a lone brace or "\\}" stays inside its field', () => {
    const bib = toBibtex([{ ...SAMPLE, title: 'x}, note = {y', abstract: '\\}\n@misc(pwned, title = {owned})' }]);
    const { entries, errors } = parseBibtex(bib, { wholeFile: true });
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.fields.title).toBe('x}, note = {y');
    expect(entries[0]!.fields.abstract).toBe('\\} @misc(pwned, title = {owned})');
  });
});

const SAMPLE: PaperView = { id: 'x', title: 'Paper', venue: 'V', venueKind: 'Journal', year: 2020, type: 'Journal Article', authors: [], sources: ['user'], abstract: '' };

/** Real BibTeX prints each entry's key and the length of each field it read (lines stay short). */
const DUMP_BST = `ENTRY { title author journal booktitle year abstract } {} {}
FUNCTION {field} { duplicate$ empty$ { pop$ pop$ } { text.length$ int.to.str$ " " swap$ * * write$ newline$ } if$ }
FUNCTION {dump} { "@" cite$ * write$ newline$ "title" title field "author" author field "journal" journal field "booktitle" booktitle field "year" year field "abstract" abstract field }
FUNCTION {article} { dump }
FUNCTION {inproceedings} { dump }
FUNCTION {default.type} { dump }
READ
ITERATE {call.type$}
`;

const hasBibtex = spawnSync('bibtex', ['--version']).status === 0;
if (!hasBibtex) console.warn('[export-safety] skipped the real-BibTeX check: no `bibtex` here (apt-get install -y texlive-binaries; .ci/run does)');

describe.skipIf(!hasBibtex)('BibTeX export read by real BibTeX 0.99d', () => {
  it('every generated cluster gives one entry per paper, its fields and no error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrow-lens-bibtex-'));
    try {
      writeFileSync(join(dir, 'dump.bst'), DUMP_BST);
      writeFileSync(join(dir, 't.aux'), '\\citation{*}\n\\bibdata{refs}\n\\bibstyle{dump}\n');
      fc.assert(
        fc.property(fc.array(paper, { minLength: 1, maxLength: 8 }), (papers) => {
          const bib = toBibtex(papers);
          writeFileSync(join(dir, 'refs.bib'), bib);
          const run = spawnSync('bibtex', ['-terse', 't'], { cwd: dir, env: { ...process.env, BIBINPUTS: '.', BSTINPUTS: '.' }, encoding: 'utf8' });
          expect(run.stdout + run.stderr).not.toMatch(/error|warning/i);
          const bbl = execFileSync('cat', [join(dir, 't.bbl')], { encoding: 'utf8' });
          const seen = bbl.split('\n').filter(Boolean);
          const expected = papers.flatMap((p, i) => {
            const key = /^@\w+\{([^,]+),/m.exec(bib.split('\n\n')[i]!)![1]!;
            const journal = p.venueKind === 'Journal' || p.type === 'Journal Article';
            const fields = ['title', ...(p.authors.length > 0 ? ['author'] : []), journal ? 'journal' : 'booktitle', 'year', ...(exported(p.abstract ?? '') ? ['abstract'] : [])];
            return [`@${key}`, ...fields];
          });
          expect(seen.map((line) => line.replace(/ \d+$/, ''))).toEqual(expected);
        }),
        { numRuns: 40 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('CSV export', () => {
  it('defuses a formula behind any leading whitespace (OWASP CSV injection)', () => {
    for (const lead of ['', ' ', '\u00a0', '\t', '\r', '\n', ' \t\u3000']) {
      for (const trigger of ['=', '+', '-', '@', '\t', '\r']) {
        const csv = toCsv([{ ...SAMPLE, title: `${lead}${trigger}HYPERLINK("http://x")` }]);
        const cell = /^x,("?)(.*?)\1,V,/ms.exec(csv.split('\r\n')[1]!)?.[2] ?? '';
        expect(cell.startsWith("'"), JSON.stringify(cell)).toBe(true);
      }
    }
  });
});
