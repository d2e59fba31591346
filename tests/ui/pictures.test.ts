import { describe, expect, it } from 'vitest';
import { homonymGroups } from '../../src/matching/homonyms';
import { importArrowExport } from '../../src/records/arrow-export';
import { coAuthorGraph, papersPerYear } from '../../src/ui/cluster/pictures';
import { SEED_FILE, seedText } from '../helpers/seed';

const seed = importArrowExport(seedText(), SEED_FILE).papers;
const size = { width: 560, height: 340 };

describe('cluster pictures', () => {
  it('co-author graph: the name at the centre, every co-author once, inside the frame, deterministic', () => {
    const graph = coAuthorGraph('Lorenzo Basile', seed, homonymGroups('Lorenzo Basile', seed), size);
    const [centre, ...others] = graph.nodes;
    expect(centre).toMatchObject({ name: 'Lorenzo Basile', centre: true, papers: 5, x: 280, y: 170 });
    expect(new Set(others.map((n) => n.name)).size).toBe(others.length);
    expect(others[0]).toMatchObject({ name: 'Alberto Cazzaniga', papers: 3, group: 0 });
    expect(others.length).toBe(17); // distinct co-authors across the 5 papers
    for (const n of graph.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(30);
      expect(n.x).toBeLessThanOrEqual(530);
      expect(n.y).toBeGreaterThanOrEqual(16);
      expect(n.y).toBeLessThanOrEqual(324);
    }
    const again = coAuthorGraph('Lorenzo Basile', seed, homonymGroups('Lorenzo Basile', seed), size);
    expect(again.nodes.map((n) => [n.x, n.y])).toEqual(graph.nodes.map((n) => [n.x, n.y]));
  });

  it('homonym groups colour the co-authors', () => {
    const papers = [{ authors: ['Ann Lee', 'Bo Chen'] }, { authors: ['Ann Lee', 'Zed Park'] }];
    const graph = coAuthorGraph('Ann Lee', papers, homonymGroups('Ann Lee', papers), size);
    expect(graph.nodes.slice(1).map((n) => [n.name, n.group]).sort()).toEqual([['Bo Chen', 0], ['Zed Park', 1]]);
  });

  it('papers per year by venue', () => {
    expect(papersPerYear(seed)).toEqual([{ year: 2025, total: 5, venues: [{ venue: 'NeurIPS', count: 2 }, { venue: 'TMLR', count: 2 }, { venue: 'ICLR', count: 1 }] }]);
  });
});
