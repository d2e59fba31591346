import { describe, expect, it } from 'vitest';
import type { PaperView } from '../../src/messaging/protocol';
import { citationKey, fileStem, toBibtex, toCsv } from '../../src/ui/cluster/export';

const residual: PaperView = {
  id: 'p-1',
  title: 'ResiDual Transformer Alignment with Spectral Decomposition',
  venue: 'TMLR',
  venueKind: 'Journal',
  year: 2025,
  type: 'Journal Article',
  authors: ['Lorenzo Basile', 'Emanuele Rodolà'],
  sources: ['arrow-export'],
  abstract: 'Residuals & 50% of {heads}.',
};
const headPursuit: PaperView = { ...residual, id: 'p-2', title: 'Head Pursuit: Probing', venue: 'NeurIPS', venueKind: 'Conference', type: 'Conference Paper', abstract: '' };

describe('export', () => {
  it('BibTeX: article for journals, inproceedings for conferences, specials escaped', () => {
    expect(toBibtex([residual, headPursuit])).toBe(
      [
        '@article{basile2025residual,',
        '  title = {{ResiDual Transformer Alignment with Spectral Decomposition}},',
        '  author = {Lorenzo Basile and Emanuele Rodolà},',
        '  journal = {TMLR},',
        '  year = {2025},',
        '  abstract = {Residuals \\& 50\\% of \\textbraceleft{}heads\\textbraceright{}.}',
        '}',
        '',
        '@inproceedings{basile2025head,',
        '  title = {{Head Pursuit: Probing}},',
        '  author = {Lorenzo Basile and Emanuele Rodolà},',
        '  booktitle = {NeurIPS},',
        '  year = {2025}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('BibTeX keys stay unique', () => {
    const keys = toBibtex([residual, residual, residual]).match(/@article\{([^,]+),/g);
    expect(keys).toEqual(['@article{basile2025residual,', '@article{basile2025residuala,', '@article{basile2025residualb,']);
    expect(citationKey({ ...residual, authors: [] })).toBe('anon2025residual');
  });

  it('CSV: quoted where needed, formulas defused', () => {
    const csv = toCsv([{ ...residual, title: '=HYPERLINK("x")', abstract: 'a, "b"\nc' }]);
    expect(csv).toBe(
      'id,title,venue,venue kind,year,type,authors,doi,url,arxiv,abstract\r\n' +
        `p-1,"'=HYPERLINK(""x"")",TMLR,Journal,2025,Journal Article,Lorenzo Basile; Emanuele Rodolà,,,,"a, ""b""\nc"\r\n`,
    );
  });

  it('BibTeX and CSV carry doi, url and the arXiv eprint; an unsafe link never reaches them', () => {
    const linked: PaperView = {
      ...headPursuit,
      ids: ['openreview:WQ9rnkaUWm', 'doi:10.48550/arxiv.2510.21518', 'arxiv:2510.21518'],
      links: { page: 'https://openreview.net/forum?id=WQ9rnkaUWm', pdf: 'https://openreview.net/pdf?id=WQ9rnkaUWm' },
    };
    expect(toBibtex([linked])).toBe(
      [
        '@inproceedings{basile2025head,',
        '  title = {{Head Pursuit: Probing}},',
        '  author = {Lorenzo Basile and Emanuele Rodolà},',
        '  booktitle = {NeurIPS},',
        '  year = {2025},',
        '  doi = {10.48550/arxiv.2510.21518},',
        '  url = {https://openreview.net/forum?id=WQ9rnkaUWm},',
        '  eprint = {2510.21518},',
        '  archivePrefix = {arXiv}',
        '}',
        '',
      ].join('\n'),
    );
    expect(toCsv([linked]).split('\r\n')[1]).toBe(
      'p-2,Head Pursuit: Probing,NeurIPS,Conference,2025,Conference Paper,Lorenzo Basile; Emanuele Rodolà,10.48550/arxiv.2510.21518,https://openreview.net/forum?id=WQ9rnkaUWm,2510.21518,',
    );
    const unsafe: PaperView = { ...headPursuit, links: { page: 'javascript:alert(1)' } };
    expect(toBibtex([unsafe])).not.toMatch(/url|javascript/);
    expect(toCsv([unsafe])).not.toMatch(/javascript/);
  });

  it('file names', () => {
    expect(fileStem('Emanuele Rodolà')).toBe('emanuele-rodola');
    expect(fileStem('../..')).toBe('cluster');
  });
});
