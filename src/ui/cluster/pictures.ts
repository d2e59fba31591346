/**
 * Data for the cluster pictures, as pure functions: the co-author graph laid out with
 * d3-force (deterministic: fixed iteration count, initial positions from the node order), and
 * papers per year by venue.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { clusterKey } from '../../matching/author-index';
import type { HomonymHint } from '../../matching/homonyms';

export interface GraphNode extends SimulationNodeDatum {
  id: string;
  name: string;
  /** Papers with the searched name; the centre node has them all. */
  papers: number;
  /** Homonym group index (0-based), -1 for the centre. */
  group: number;
  centre: boolean;
}

export interface GraphLink extends SimulationLinkDatum<GraphNode> {
  source: GraphNode;
  target: GraphNode;
  weight: number;
}

/** The searched name at the centre, its most frequent co-authors around it. */
export function coAuthorGraph(
  name: string,
  papers: readonly { authors: readonly string[] }[],
  hint: HomonymHint,
  size: { width: number; height: number },
  maxCoAuthors = 24,
): { nodes: GraphNode[]; links: GraphLink[] } {
  const self = clusterKey(name);
  const groupOfPaper = new Map<number, number>();
  hint.groups.forEach((g, gi) => g.papers.forEach((p) => groupOfPaper.set(p, gi)));
  const counts = new Map<string, { name: string; papers: number; group: number }>();
  papers.forEach((paper, i) => {
    for (const author of new Set(paper.authors)) {
      const key = clusterKey(author);
      if (key === self || key === '') continue;
      const entry = counts.get(key) ?? { name: author, papers: 0, group: groupOfPaper.get(i) ?? 0 };
      entry.papers++;
      counts.set(key, entry);
    }
  });
  const top = [...counts].sort((a, b) => b[1].papers - a[1].papers || a[0].localeCompare(b[0])).slice(0, maxCoAuthors);
  const centre: GraphNode = { id: self, name, papers: papers.length, group: -1, centre: true, fx: size.width / 2, fy: size.height / 2 };
  const nodes: GraphNode[] = [centre];
  const byKey = new Map<string, GraphNode>();
  top.forEach(([key, c], i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, top.length);
    const node: GraphNode = { id: key, name: c.name, papers: c.papers, group: c.group, centre: false, x: size.width / 2 + Math.cos(angle) * 80, y: size.height / 2 + Math.sin(angle) * 80 };
    nodes.push(node);
    byKey.set(key, node);
  });
  const links: GraphLink[] = nodes.slice(1).map((n) => ({ source: centre, target: n, weight: n.papers }));
  // Co-authors who wrote together (without or with the searched name) pull towards each other.
  const pairs = new Map<string, GraphLink>();
  for (const paper of papers) {
    const present = [...new Set(paper.authors.map(clusterKey))].filter((k) => byKey.has(k)).sort();
    for (let a = 0; a < present.length; a++) {
      for (let b = a + 1; b < present.length; b++) {
        const id = `${present[a]}|${present[b]}`;
        const link = pairs.get(id) ?? { source: byKey.get(present[a]!)!, target: byKey.get(present[b]!)!, weight: 0 };
        link.weight++;
        pairs.set(id, link);
      }
    }
  }
  links.push(...pairs.values());
  const simulation = forceSimulation(nodes)
    .force('link', forceLink<GraphNode, GraphLink>(links).distance((l) => (l.source.centre ? 110 : 70)).strength(0.2))
    .force('charge', forceManyBody().strength(-160))
    .force('collide', forceCollide(26))
    .force('x', forceX(size.width / 2).strength(0.05))
    .force('y', forceY(size.height / 2).strength(0.08))
    .stop();
  for (let i = 0; i < 200; i++) simulation.tick();
  for (const node of nodes) {
    node.x = Math.min(size.width - 30, Math.max(30, node.x ?? 0));
    node.y = Math.min(size.height - 16, Math.max(16, node.y ?? 0));
  }
  return { nodes, links };
}

export interface YearBar {
  year: number;
  total: number;
  venues: { venue: string; count: number }[];
}

/** Papers per year, split by venue, oldest year first. */
export function papersPerYear(papers: readonly { year: number; venue: string }[]): YearBar[] {
  const byYear = new Map<number, Map<string, number>>();
  for (const p of papers) {
    const venues = byYear.get(p.year) ?? new Map<string, number>();
    venues.set(p.venue || 'other', (venues.get(p.venue || 'other') ?? 0) + 1);
    byYear.set(p.year, venues);
  }
  return [...byYear]
    .sort((a, b) => a[0] - b[0])
    .map(([year, venues]) => ({
      year,
      total: [...venues.values()].reduce((n, c) => n + c, 0),
      venues: [...venues].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([venue, count]) => ({ venue, count })),
    }));
}

/** A label's box in picture units (its text baseline at `y`, drawn with `anchor`). */
export interface PlacedLabel {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: { left: number; top: number; right: number; bottom: number };
}

/** Font sizes of the labels, as lens.css draws them (`.label`, `.label-centre`), in picture units. */
export const LABEL_FONT = { node: 10, centre: 12 } as const;
/** How wide a label is drawn, in picture units: `font` is its size, `bold` the centre's weight. */
export type TextWidth = (text: string, font: number, bold: boolean) => number;
/**
 * A generous estimate (0.66 em a character, 0.72 em bold: wider than DejaVu Sans and the usual
 * system-ui faces), for where nothing can measure (tests, or no canvas).
 */
export const estimatedWidth: TextWidth = (text, font, bold) => text.length * font * (bold ? 0.72 : 0.66);

const overlaps = (a: PlacedLabel['box'], b: PlacedLabel['box']) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Places each node's label beside its node (above, below, right, left, then the corners),
 * where it crosses no other label and no other node and stays inside the picture; the centre
 * first, then by papers. A label that fits nowhere is left out (null): its name is in the
 * node's tooltip and in the list of papers. The centre's label is always shown: where every
 * place touches a node it goes above its node anyway (its halo keeps it readable), still
 * crossing no label, as it is placed first. Pure and deterministic.
 */
export function placeLabels(
  nodes: readonly GraphNode[],
  textOf: (node: GraphNode) => string,
  radiusOf: (node: GraphNode) => number,
  size: { width: number; height: number },
  widthOf: TextWidth = estimatedWidth,
): (PlacedLabel | null)[] {
  const placed: PlacedLabel['box'][] = [];
  const circles = nodes.map((n) => {
    const r = radiusOf(n);
    return { left: n.x! - r, top: n.y! - r, right: n.x! + r, bottom: n.y! + r };
  });
  const order = nodes.map((_, i) => i).sort((a, b) => Number(nodes[b]!.centre) - Number(nodes[a]!.centre) || nodes[b]!.papers - nodes[a]!.papers || a - b);
  const result: (PlacedLabel | null)[] = nodes.map(() => null);
  for (const i of order) {
    const node = nodes[i]!;
    const text = textOf(node);
    const font = node.centre ? LABEL_FONT.centre : LABEL_FONT.node;
    const width = widthOf(text, font, node.centre);
    const r = radiusOf(node);
    const gap = 3;
    const x = node.x!;
    const y = node.y!;
    // Baseline positions; the box spans the font's ascent above the baseline and its descent below (generously: 1 em and 0.3 em).
    const candidates: Omit<PlacedLabel, 'box' | 'text'>[] = [
      { x, y: y - r - gap - font * 0.3, anchor: 'middle' },
      { x, y: y + r + gap + font, anchor: 'middle' },
      { x: x + r + gap, y: y + font * 0.35, anchor: 'start' },
      { x: x - r - gap, y: y + font * 0.35, anchor: 'end' },
      { x: x + r * 0.7, y: y - r * 0.7 - gap, anchor: 'start' },
      { x: x - r * 0.7, y: y - r * 0.7 - gap, anchor: 'end' },
      { x: x + r * 0.7, y: y + r * 0.7 + gap + font, anchor: 'start' },
      { x: x - r * 0.7, y: y + r * 0.7 + gap + font, anchor: 'end' },
    ];
    const boxOf = (c: (typeof candidates)[number]) => {
      const left = c.anchor === 'start' ? c.x : c.anchor === 'end' ? c.x - width : c.x - width / 2;
      return { left, right: left + width, top: c.y - font, bottom: c.y + font * 0.3 };
    };
    const inside = (box: PlacedLabel['box']) => box.left >= 0 && box.top >= 0 && box.right <= size.width && box.bottom <= size.height;
    const free = (box: PlacedLabel['box']) => !placed.some((p) => overlaps(p, box)) && !circles.some((circle, j) => j !== i && overlaps(circle, box));
    const chosen = candidates.find((c) => inside(boxOf(c)) && free(boxOf(c))) ?? (node.centre ? candidates[0] : undefined);
    if (!chosen) continue;
    const box = boxOf(chosen);
    placed.push(box);
    result[i] = { text, ...chosen, box };
  }
  return result;
}
