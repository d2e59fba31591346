/**
 * Homonym hints. An Arrow cluster groups papers by exact author name, so one cluster may hold
 * several people. Papers are linked when they share a co-author (besides the name itself);
 * papers linked directly or through a chain form one group. Disjoint groups hint at different
 * people with the same name. Papers without any co-author cannot be placed and are kept apart
 * rather than counted as extra people.
 */
import { clusterKey } from './author-index';

export interface HomonymGroup {
  /** Indexes into the papers given. */
  papers: number[];
  /** Co-authors shared within the group, most frequent first (for a label). */
  coAuthors: string[];
}

export interface HomonymHint {
  groups: HomonymGroup[];
  /** Papers whose only author is the name itself. */
  unplaced: number[];
}

export function homonymGroups(name: string, papers: readonly { authors: readonly string[] }[]): HomonymHint {
  const self = clusterKey(name);
  const parent = papers.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const firstPaperOf = new Map<string, number>();
  const coAuthorsOf = papers.map((p) => [...new Set(p.authors.map(clusterKey))].filter((k) => k !== '' && k !== self));
  coAuthorsOf.forEach((coAuthors, i) => {
    for (const key of coAuthors) {
      const first = firstPaperOf.get(key);
      if (first === undefined) firstPaperOf.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  const byRoot = new Map<number, number[]>();
  const unplaced: number[] = [];
  papers.forEach((_, i) => {
    if (coAuthorsOf[i]!.length === 0) return void unplaced.push(i);
    const root = find(i);
    byRoot.set(root, [...(byRoot.get(root) ?? []), i]);
  });
  const display = new Map<string, string>();
  papers.forEach((p) => p.authors.forEach((a) => display.set(clusterKey(a), display.get(clusterKey(a)) ?? a)));
  const groups = [...byRoot.values()]
    .map((members) => {
      const counts = new Map<string, number>();
      for (const i of members) for (const key of coAuthorsOf[i]!) counts.set(key, (counts.get(key) ?? 0) + 1);
      const coAuthors = [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([key]) => display.get(key)!);
      return { papers: members, coAuthors };
    })
    .sort((a, b) => b.papers.length - a.papers.length || a.papers[0]! - b.papers[0]!);
  return { groups, unplaced };
}
