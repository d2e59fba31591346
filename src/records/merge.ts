/**
 * Merging several imported sources into one record set: the same paper (normalised title +
 * year) becomes one record carrying every provenance; author rows come from what sources
 * declare, or from distinct author ids where a source has them.
 */
import { clusterKey } from '../matching/author-index';
import type { ImportedPaper } from './json-records';
import { unionIdentity } from './identity';
import { paperMergeKey } from './paper-id';
import type { AuthorRowsDeclaration, Paper, RecordProblem } from './schema';

export interface MergedRecords {
  /** Sorted by id, so the same sources always build the same index. */
  papers: Paper[];
  /** clusterKey(name) → author rows. */
  authorRows: Map<string, number>;
  /** clusterKey(name) → the paper count a source declares for it (the Arrow export does). */
  declaredPapers: Map<string, number>;
  problems: RecordProblem[];
}

export function mergeRecords(
  sources: readonly { papers: readonly ImportedPaper[]; authorRows: readonly AuthorRowsDeclaration[] }[],
): MergedRecords {
  const problems: RecordProblem[] = [];
  const byKey = new Map<string, Paper>();
  const byId = new Map<string, { key: string; paper: Paper }>();
  const idsOfName = new Map<string, Set<string>>();

  for (const source of sources) {
    for (const incoming of source.papers) {
      const key = paperMergeKey(incoming.title, incoming.year);
      const sameId = byId.get(incoming.id);
      if (sameId && sameId.key !== key) {
        const first = sameId.paper.provenance[0]!;
        const here = incoming.provenance[0]!;
        problems.push({ file: here.source, line: here.line, field: 'id', message: `duplicate id "${incoming.id}" (also ${first.source}:${first.line}, a different paper)` });
        continue;
      }
      incoming.authorIds?.forEach((id, i) => {
        if (id === null) return;
        const name = clusterKey(incoming.authors[i]!);
        let ids = idsOfName.get(name);
        if (!ids) idsOfName.set(name, (ids = new Set()));
        ids.add(id);
      });
      const existing = byKey.get(key);
      if (existing) {
        mergeInto(existing, incoming);
        continue;
      }
      const { authorIds: _ids, ...paper } = incoming;
      const copy: Paper = { ...paper, authors: [...paper.authors], provenance: [...paper.provenance] };
      if (paper.ids) copy.ids = [...paper.ids];
      if (paper.links) copy.links = { ...paper.links };
      byKey.set(key, copy);
      byId.set(copy.id, { key, paper: copy });
    }
  }

  const authorRows = new Map<string, number>();
  for (const [name, ids] of idsOfName) authorRows.set(name, ids.size);
  const declaredPapers = new Map<string, number>();
  // A count a source declares outright wins over one derived from ids.
  for (const source of sources) {
    for (const declared of source.authorRows) {
      authorRows.set(clusterKey(declared.name), declared.authorRows);
      if (declared.papers !== undefined) declaredPapers.set(clusterKey(declared.name), declared.papers);
    }
  }
  const papers = [...byKey.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { papers, authorRows, declaredPapers, problems };
}

/** What the index stores of each name's declarations: [clusterKey, author rows, declared papers?]. */
export type NameDeclaration = readonly [nameKey: string, authorRows: number, declaredPapers?: number];

export function nameDeclarations({ authorRows, declaredPapers }: Pick<MergedRecords, 'authorRows' | 'declaredPapers'>): NameDeclaration[] {
  return [...authorRows]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, rows]) => (declaredPapers.has(name) ? [name, rows, declaredPapers.get(name)!] : [name, rows]));
}

/**
 * Fills what the first source left empty and records the second provenance; ids and links are
 * unioned (each provenance keeps what its source gave, in `gave`).
 */
function mergeInto(target: Paper, other: Paper): void {
  if (!target.abstract && other.abstract) target.abstract = other.abstract;
  if (!target.venue && other.venue) target.venue = other.venue;
  if (!target.venueKind && other.venueKind) target.venueKind = other.venueKind;
  if (!target.type && other.type) target.type = other.type;
  if (target.authors.length === 0) target.authors = [...other.authors];
  unionIdentity(target, other);
  target.provenance.push(...other.provenance);
}
