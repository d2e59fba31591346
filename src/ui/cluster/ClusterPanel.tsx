import { useState } from 'preact/hooks';
import type { ClusterView, PaperView } from '../../messaging/protocol';
import { venueLine } from '../dom';

export interface ClusterPanelProps {
  cluster: ClusterView;
  /** href for an author's cluster, e.g. "#name=…" (real links: back/forward work). */
  authorHref(name: string): string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One author-name cluster, laid out as the Arrow page shows it. */
export function ClusterPanel({ cluster, authorHref }: ClusterPanelProps) {
  return (
    <section class="cluster" aria-labelledby="cluster-name">
      <h2 id="cluster-name" class="cluster-name">
        {cluster.name}
      </h2>
      <p class="cluster-counts">
        <span>{plural(cluster.papers.length, 'paper', 'papers')}</span>
        <span>{cluster.authorRows === null ? 'author rows not stated by the records' : plural(cluster.authorRows, 'author row', 'author rows')}</span>
      </p>
      <p class="cluster-note">
        Papers listing this exact author name (case-insensitive). This groups names; it is not an identity
        disambiguation profile, so one name may stand for several people.
      </p>
      <ol class="papers" aria-label={`Papers by ${cluster.name}, newest first`}>
        {cluster.papers.map((paper) => (
          <PaperItem key={paper.id} paper={paper} authorHref={authorHref} current={cluster.name} />
        ))}
      </ol>
    </section>
  );
}

function PaperItem({ paper, authorHref, current }: { paper: PaperView; authorHref(name: string): string; current: string }) {
  const [expanded, setExpanded] = useState(false);
  const abstractId = `abstract-${paper.id}`;
  return (
    <li class="paper">
      <p class="paper-venue">{venueLine(paper)}</p>
      <h3 class="paper-title">{paper.title}</h3>
      <ul class="paper-authors" aria-label="Authors">
        {paper.authors.map((name, i) => (
          <li key={`${i}-${name}`}>
            {name.toLowerCase() === current.toLowerCase() ? (
              <strong aria-current="true">{name}</strong>
            ) : (
              <a href={authorHref(name)} title={`Papers by ${name}`}>
                {name}
              </a>
            )}
          </li>
        ))}
      </ul>
      {paper.abstract ? (
        <>
          <p id={abstractId} class={expanded ? 'paper-abstract' : 'paper-abstract collapsed'}>
            {paper.abstract}
          </p>
          <button type="button" class="link-button" aria-expanded={expanded} aria-controls={abstractId} onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Hide abstract' : 'Show abstract'}
          </button>
        </>
      ) : null}
    </li>
  );
}
