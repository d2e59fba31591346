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
      'id,title,venue,venue kind,year,type,authors,abstract\r\n' +
        `p-1,"'=HYPERLINK(""x"")",TMLR,Journal,2025,Journal Article,Lorenzo Basile; Emanuele Rodolà,"a, ""b""\nc"\r\n`,
    );
  });

  it('file names', () => {
    expect(fileStem('Emanuele Rodolà')).toBe('emanuele-rodola');
    expect(fileStem('../..')).toBe('cluster');
  });
});
