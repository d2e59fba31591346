/** A cluster or a paper as BibTeX and CSV, for copying and downloading. Pure functions. */
import type { PaperView } from '../../messaging/protocol';

/** LaTeX for each character that is special to BibTeX or LaTeX; the rest is written as is. */
const BIBTEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  // BibTeX counts a brace as a brace even after a backslash: "\}" would close the field early.
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/**
 * Record text as the value of a BibTeX field: every brace it writes is balanced, so no record
 * text can end its field or add an entry; TeX specials escaped; the ligatures TeX would make of
 * "--", "``", "''", "!`" and "?`" broken up; control and bidi characters dropped.
 */
function bibtexText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}&%$#_~^]/g, (c) => BIBTEX_ESCAPES[c]!)
    .replace(/([-`'])(?=\1)|([!?])(?=`)/g, '$1$2{}');
}

/**
 * An author as BibTeX reads it: a name with a comma or a standalone "and" in it is braced whole,
 * or BibTeX would read it as "Last, First" or as two people.
 */
function bibtexAuthor(name: string): string {
  const text = bibtexText(name);
  return /,|(^|\s)and(\s|$)/i.test(text) ? `{${text}}` : text;
}

/** "basile2025head": first author's family name, year, first title word. */
export function citationKey(paper: PaperView): string {
  const ascii = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const family = ascii(paper.authors[0]?.split(' ').pop() ?? 'anon') || 'anon';
  const word = ascii(paper.title.split(/\s+/).find((w) => w.length > 3) ?? paper.title.split(/\s+/)[0] ?? '') || 'paper';
  return `${family}${paper.year}${word}`;
}

export function toBibtex(papers: readonly PaperView[]): string {
  const used = new Map<string, number>();
  return papers
    .map((paper) => {
      let key = citationKey(paper);
      const n = used.get(key) ?? 0;
      used.set(key, n + 1);
      if (n > 0) key += String.fromCharCode(97 + ((n - 1) % 26));
      const journal = paper.venueKind === 'Journal' || paper.type === 'Journal Article';
      const fields: [string, string][] = [
        ['title', `{${bibtexText(paper.title)}}`],
        ['author', paper.authors.map(bibtexAuthor).filter(Boolean).join(' and ')],
        [journal ? 'journal' : 'booktitle', bibtexText(paper.venue)],
        ['year', String(paper.year)],
      ];
      if (paper.abstract) fields.push(['abstract', bibtexText(paper.abstract)]);
      const body = fields.filter(([, v]) => v !== '').map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
      return `@${journal ? 'article' : 'inproceedings'}{${key},\n${body}\n}`;
    })
    .join('\n\n')
    .concat('\n');
}

/**
 * RFC 4180 CSV. A cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first, after
 * any leading whitespace: spreadsheets skip it) is prefixed with ', as OWASP's CSV-injection
 * guidance says.
 */
export function toCsv(papers: readonly PaperView[]): string {
  const cell = (value: string | number) => {
    let text = String(value);
    if (/^\s*[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = ['id', 'title', 'venue', 'venue kind', 'year', 'type', 'authors', 'abstract'];
  const rows = papers.map((p) => [p.id, p.title, p.venue, p.venueKind, p.year, p.type, p.authors.join('; '), p.abstract ?? ''].map(cell).join(','));
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

/** A file name from a cluster name: "Lorenzo Basile" → "lorenzo-basile". */
export function fileStem(name: string): string {
  return name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'cluster';
}
