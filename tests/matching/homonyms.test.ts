import { describe, expect, it } from 'vitest';
import { homonymGroups } from '../../src/matching/homonyms';
import { importArrowExport } from '../../src/records/arrow-export';
import { SEED_FILE, seedText } from '../helpers/seed';

const paper = (...authors: string[]) => ({ authors });

describe('homonym hints', () => {
  it('one person: every paper shares a co-author → one group', () => {
    const hint = homonymGroups('Ann Lee', [paper('Ann Lee', 'Bo Chen'), paper('Bo Chen', 'ann lee', 'Cy Diaz'), paper('Cy Diaz', 'Ann Lee')]);
    expect(hint.groups.map((g) => g.papers)).toEqual([[0, 1, 2]]);
    expect(hint.unplaced).toEqual([]);
  });

  it('two people with the same name: disjoint co-author circles → two groups', () => {
    const hint = homonymGroups('Ann Lee', [
      paper('Ann Lee', 'Bo Chen'),
      paper('Ann Lee', 'Zed Park'),
      paper('Bo Chen', 'Ann Lee', 'Cy Diaz'),
      paper('Yan Wu', 'Zed Park', 'Ann Lee'),
      paper('Ann Lee', 'Cy Diaz'),
    ]);
    expect(hint.groups).toEqual([
      { papers: [0, 2, 4], coAuthors: ['Bo Chen', 'Cy Diaz'] },
      { papers: [1, 3], coAuthors: ['Zed Park', 'Yan Wu'] },
    ]);
  });

  it('one person with two co-author circles joined by one shared co-author → one group', () => {
    const hint = homonymGroups('Ann Lee', [
      paper('Ann Lee', 'Bo Chen'),
      paper('Ann Lee', 'Bo Chen', 'Cy Diaz'),
      paper('Ann Lee', 'Zed Park'),
      paper('Ann Lee', 'Zed Park', 'Yan Wu'),
      paper('Ann Lee', 'Cy Diaz', 'Yan Wu'), // the bridge
    ]);
    expect(hint.groups.map((g) => g.papers)).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('a solo paper is left unplaced, not counted as another person', () => {
    const hint = homonymGroups('Ann Lee', [paper('Ann Lee', 'Bo Chen'), paper('Ann Lee'), paper('Bo Chen', 'Ann Lee')]);
    expect(hint.groups.map((g) => g.papers)).toEqual([[0, 2]]);
    expect(hint.unplaced).toEqual([1]);
  });

  it('the seed cluster: its 5 papers share co-authors, so the rule does not split them (the record still declares 2 author rows)', () => {
    const seed = importArrowExport(seedText(), SEED_FILE);
    const hint = homonymGroups('Lorenzo Basile', seed.papers);
    expect(hint.groups).toHaveLength(1);
    expect(hint.groups[0]!.papers).toHaveLength(5);
    expect(hint.groups[0]!.coAuthors.slice(0, 2)).toEqual(['Alberto Cazzaniga', 'Alessio Ansuini']); // 3 papers, then ties by name
    expect(seed.authorRows[0]!.authorRows).toBe(2);
  });
});
