import { useMemo, useState } from 'preact/hooks';
import { homonymGroups } from '../../matching/homonyms';
import type { ClusterView, PaperView } from '../../messaging/protocol';
import { venueLine } from '../dom';
import { ClusterPictures } from './ClusterPictures';
import { fileStem, toBibtex, toCsv } from './export';

export interface ClusterPanelProps {
  cluster: ClusterView;
  /** href for an author's cluster, e.g. "#name=…" (real links: back/forward work). */
  authorHref(name: string): string;
  /** Show the co-author graph and papers per year (the full page has room; the popup not). */
  pictures?: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One author-name cluster, laid out as the Arrow page shows it, with homonym hints. */
export function ClusterPanel({ cluster, authorHref, pictures = false }: ClusterPanelProps) {
  const hint = useMemo(() => homonymGroups(cluster.name, cluster.papers), [cluster]);
  const split = hint.groups.length > 1;
  const list = (indexes: number[], label: string) => (
    <ol class="papers" aria-label={label}>
      {indexes.map((i) => (
        <PaperItem key={cluster.papers[i]!.id} paper={cluster.papers[i]!} authorHref={authorHref} current={cluster.name} />
      ))}
    </ol>
  );
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
      <HomonymNote cluster={cluster} groups={hint.groups.length} unplaced={hint.unplaced.length} />
      <ExportBar papers={cluster.papers} name={cluster.name} />
      {pictures && cluster.papers.length > 0 && <ClusterPictures cluster={cluster} hint={hint} />}
      {split ? (
        <>
          {hint.groups.map((group, g) => (
            <section class="homonym-group" key={g} aria-labelledby={`group-${g}`}>
              <h3 id={`group-${g}`} class="group-heading">
                Group {g + 1}: {plural(group.papers.length, 'paper', 'papers')}
                {group.coAuthors.length > 0 && <span class="group-with"> · with {group.coAuthors.slice(0, 3).join(', ')}</span>}
              </h3>
              {list(group.papers, `Group ${g + 1}, newest first`)}
            </section>
          ))}
          {hint.unplaced.length > 0 && (
            <section class="homonym-group" aria-labelledby="group-unplaced">
              <h3 id="group-unplaced" class="group-heading">Without co-authors</h3>
              {list(hint.unplaced, 'Papers without co-authors')}
            </section>
          )}
        </>
      ) : (
        list(
          cluster.papers.map((_, i) => i),
          `Papers by ${cluster.name}, newest first`,
        )
      )}
    </section>
  );
}

/** What the co-author rule says, next to what the records declare; both, honestly. */
function HomonymNote({ cluster, groups, unplaced }: { cluster: ClusterView; groups: number; unplaced: number }) {
  const rows = cluster.authorRows;
  const declared = rows !== null && rows > 1 ? ` The records list ${rows} author rows for this name.` : '';
  if (groups > 1) {
    return (
      <p class="homonym-note" role="note">
        <strong>
          These {plural(cluster.papers.length, 'paper', 'papers')} may belong to {groups} different people
        </strong>
        : they fall into {groups} groups that share no co-author.{declared}
      </p>
    );
  }
  if (cluster.papers.length < 2 || groups === 0) return declared ? <p class="homonym-note" role="note">{declared.trim()}</p> : null;
  return (
    <p class="homonym-note" role="note">
      All {plural(cluster.papers.length - unplaced, 'paper', 'papers')} with co-authors are linked through shared co-authors, so they
      likely belong to one person.{declared}
    </p>
  );
}

function ExportBar({ papers, name }: { papers: PaperView[]; name: string }) {
  const [copied, setCopied] = useState('');
  const copy = (text: string, what: string) =>
    navigator.clipboard.writeText(text).then(
      () => setCopied(`${what} copied`),
      () => setCopied('Copying is not allowed here; use Download'),
    );
  const download = (text: string, type: string, extension: string) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${fileStem(name)}.${extension}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return (
    <div class="export" role="group" aria-label="Export this cluster">
      <button type="button" class="link-button" onClick={() => void copy(toBibtex(papers), 'BibTeX')}>
        Copy BibTeX
      </button>
      <button type="button" class="link-button" onClick={() => download(toBibtex(papers), 'application/x-bibtex', 'bib')}>
        Download .bib
      </button>
      <button type="button" class="link-button" onClick={() => download(toCsv(papers), 'text/csv', 'csv')}>
        Download .csv
      </button>
      <span class="export-status" aria-live="polite">
        {copied}
      </span>
    </div>
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
