import { describe, expect, it } from 'vitest';
import { AuthorIndex, clusterKey, searchKey } from '../../src/matching/author-index';

const index = new AuthorIndex([
  ['Lorenzo Basile', 'Valentino Maiorca', 'Emanuele Rodolà'],
  ['Lorenzo Basile', 'Alberto Cazzaniga'],
  ['Alberto Cazzaniga', 'Lorenzo Rosasco', 'Basile Confavreux'],
  ['LORENZO BASILE'],
]);

describe('author lookup', () => {
  it('clusters by case-insensitive exact name, whitespace collapsed', () => {
    for (const name of ['Lorenzo Basile', 'LORENZO BASILE', 'lorenzo basile', 'Lorenzo  Basile', ' lorenzo basile ']) {
      expect(index.papersOf(name)).toEqual({ name: 'Lorenzo Basile', papers: [0, 1, 3] });
    }
    expect(index.papersOf('Lorenzo Basil')).toBeNull();
    expect(index.papersOf('Emanuele Rodola')).toBeNull(); // exact rule: diacritics count
  });

  it('type-ahead ignores case and diacritics', () => {
    expect(index.suggest('rodola').map((s) => s.name)).toEqual(['Emanuele Rodolà']);
    expect(index.suggest('RODOLÀ').map((s) => s.name)).toEqual(['Emanuele Rodolà']);
  });

  it('ranks exact, then prefix, then word-prefix, then substring; then by paper count', () => {
    expect(index.suggest('basile')).toEqual([
      { name: 'Basile Confavreux', paperCount: 1, rank: 'prefix' },
      { name: 'Lorenzo Basile', paperCount: 3, rank: 'word-prefix' },
    ]);
    expect(index.suggest('lorenzo').map((s) => [s.name, s.rank])).toEqual([
      ['Lorenzo Basile', 'prefix'],
      ['Lorenzo Rosasco', 'prefix'],
    ]);
    expect(index.suggest('lorenzo basile')[0]).toMatchObject({ name: 'Lorenzo Basile', rank: 'exact' });
    expect(index.suggest('zzanig')).toEqual([{ name: 'Alberto Cazzaniga', paperCount: 2, rank: 'substring' }]);
    expect(index.suggest('')).toEqual([]);
  });

  it('keys', () => {
    expect(clusterKey('  Emanuele   Rodolà ')).toBe('emanuele rodolà');
    expect(searchKey('Émile-Zoë  Łoś')).toBe('emile zoe los');
  });
});
