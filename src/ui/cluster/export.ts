/** A cluster or a paper as BibTeX and CSV, for copying and downloading. Pure functions. */
import type { PaperView } from '../../messaging/protocol';

/** BibTeX-safe text: braces balanced away, TeX specials escaped, control characters dropped. */
function bibtexText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([{}&%$#_])/g, '\\$1')
    .replace(/\s+/g, ' ')
    .trim();
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
        ['author', paper.authors.map(bibtexText).join(' and ')],
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

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with '. */
export function toCsv(papers: readonly PaperView[]): string {
  const cell = (value: string | number) => {
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
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
