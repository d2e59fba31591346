import { describe, expect, it } from 'vitest';
import { homonymGroups } from '../../src/matching/homonyms';
import { importArrowExport } from '../../src/records/arrow-export';
import { coAuthorGraph, papersPerYear, placeLabels, type GraphNode, type PlacedLabel } from '../../src/ui/cluster/pictures';
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

  describe('graph labels', () => {
    const radius = (n: GraphNode) => (n.centre ? 14 : 5 + Math.min(8, n.papers * 2));
    const overlap = (a: PlacedLabel['box'], b: PlacedLabel['box']) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    /** Every placed label: inside the picture, crossing no other label, and (but the centre's) no node but its own. */
    function expectClear(nodes: GraphNode[], labels: (PlacedLabel | null)[]) {
      const boxes = labels.flatMap((l, i) => (l ? [{ i, box: l.box }] : []));
      for (const { i, box } of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(size.width);
        expect(box.bottom).toBeLessThanOrEqual(size.height);
        for (const other of boxes) if (other.i !== i) expect(overlap(box, other.box), `${labels[i]!.text} × ${labels[other.i]!.text}`).toBe(false);
        nodes.forEach((n, j) => {
          if (j === i || nodes[i]!.centre) return;
          const r = radius(n);
          expect(overlap(box, { left: n.x! - r, right: n.x! + r, top: n.y! - r, bottom: n.y! + r }), `${labels[i]!.text} × node ${n.name}`).toBe(false);
        });
      }
      return boxes.length;
    }

    it('the seed cluster: labels cross neither each other nor a node, and the centre is labelled', () => {
      const graph = coAuthorGraph('Lorenzo Basile', seed, homonymGroups('Lorenzo Basile', seed), size);
      const labels = placeLabels(graph.nodes, (n) => n.name, radius, size);
      expect(labels[0]?.text).toBe('Lorenzo Basile');
      expect(expectClear(graph.nodes, labels)).toBe(18); // every one fits
    });

    it('a crowded cluster (24 long names in three groups): still no overlap; what does not fit is left out', () => {
      const coAuthor = (i: number) => `Maximiliane Oberstadtler ${String(i).padStart(2, '0')}`;
      const papers = Array.from({ length: 60 }, (_, p) => ({ authors: ['Luc Van Gool', coAuthor(p % 24), coAuthor((p * 7 + 3) % 24), ...(p % 3 === 0 ? [] : [coAuthor((p + 11) % 24)])] }));
      const graph = coAuthorGraph('Luc Van Gool', papers, homonymGroups('Luc Van Gool', papers), size);
      expect(graph.nodes).toHaveLength(25);
      const labels = placeLabels(graph.nodes, (n) => `${n.name} (G${n.group + 1})`, radius, size);
      const placed = expectClear(graph.nodes, labels);
      expect(placed).toBeGreaterThan(0);
      expect(placed).toBeLessThan(25); // 25 labels of ~180 units cannot all fit in 560 × 340
      expect(labels[0]).not.toBeNull();
    });
  });
});
