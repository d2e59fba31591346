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
