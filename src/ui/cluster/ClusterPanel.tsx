import { useId, useMemo, useState } from 'preact/hooks';
import { homonymGroups } from '../../matching/homonyms';
import type { ClusterView, PaperView } from '../../messaging/protocol';
import { EXTERNAL_LINK, paperLinkItems, paperPageLink, sourcesLine, venueLine } from '../dom';
import { plural, t, tParts } from '../../i18n/t';
import { ClusterPictures } from './ClusterPictures';
import { fileStem, toBibtex, toCsv } from './export';
import { PaperExport, useCopyStatus } from './PaperExport';
import { filterPapers } from './paper-filter';
import { BIBTEX_TYPE, CSV_TYPE, downloadText } from './transfer';

export interface ClusterPanelProps {
  cluster: ClusterView;
  /** href for an author's cluster, e.g. "#name=…" (real links: back/forward work). */
  authorHref(name: string): string;
  /** Show the co-author graph and papers per year (the full page has room; the popup not). */
  pictures?: boolean;
  /** Reads one paper's abstract, for papers listed without it (big clusters). */
  loadAbstract?(id: string): Promise<string>;
}

/** Papers shown at first, and added by each "Show more": a 550-paper cluster stays usable. */
export const PAPERS_PER_PAGE = 50;
/** From this many papers on, a cluster offers a filter over them. */
export const FILTER_FROM = 10;

/** One author-name cluster, laid out as the Arrow page shows it, with homonym hints. */
export function ClusterPanel({ cluster, authorHref, pictures = false, loadAbstract }: ClusterPanelProps) {
  const hint = useMemo(() => homonymGroups(cluster.name, cluster.papers), [cluster]);
  const split = hint.groups.length > 1;
  const [filter, setFilter] = useState('');
  const kept = useMemo(() => {
    const found = filterPapers(cluster.papers, filter);
    return found && new Set(found);
  }, [cluster, filter]);
  const shown = (indexes: number[]) => (kept ? indexes.filter((i) => kept.has(i)) : indexes);
  const list = (indexes: number[], label: string) => (
    <PagedPapers key={label} indexes={shown(indexes)} label={label} render={(i) => <PaperItem key={cluster.papers[i]!.id} paper={cluster.papers[i]!} authorHref={authorHref} current={cluster.name} loadAbstract={loadAbstract} />} />
  );
  return (
    <section class="cluster" aria-labelledby="cluster-name">
      <h2 id="cluster-name" class="cluster-name">
        {cluster.name}
      </h2>
      <p class="cluster-counts">
        <span>{plural('papers', cluster.papers.length)}</span>
        <span>{cluster.authorRows === null ? t('cluster_authorRowsUnknown') : plural('authorRows', cluster.authorRows)}</span>
      </p>
      {cluster.declaredPapers !== null && <p class="cluster-declared">{t('cluster_declared', plural('papers', cluster.declaredPapers))}</p>}
      <p class="cluster-note">{t('cluster_note')}</p>
      <HomonymNote cluster={cluster} groups={hint.groups.length} unplaced={hint.unplaced.length} />
      <ExportBar papers={cluster.papers} name={cluster.name} />
      {pictures && cluster.papers.length > 0 && <ClusterPictures cluster={cluster} hint={hint} />}
      {cluster.papers.length >= FILTER_FROM && <PaperFilter value={filter} onInput={setFilter} shown={kept?.size ?? cluster.papers.length} total={cluster.papers.length} />}
      {split ? (
        <>
          {hint.groups.map((group, g) => (
            <section class="homonym-group" key={g} aria-labelledby={`group-${g}`} hidden={shown(group.papers).length === 0}>
              <h3 id={`group-${g}`} class="group-heading">
                {t('cluster_groupHeading', g + 1, plural('papers', group.papers.length))}
                {group.coAuthors.length > 0 && <span class="group-with"> · {t('cluster_groupWith', group.coAuthors.slice(0, 3).join(', '))}</span>}
              </h3>
              {list(group.papers, t('cluster_groupListLabel', g + 1))}
            </section>
          ))}
          {hint.unplaced.length > 0 && (
            <section class="homonym-group" aria-labelledby="group-unplaced" hidden={shown(hint.unplaced).length === 0}>
              <h3 id="group-unplaced" class="group-heading">{t('cluster_unplacedHeading')}</h3>
              {list(hint.unplaced, t('cluster_unplacedListLabel'))}
            </section>
          )}
        </>
      ) : (
        list(
          cluster.papers.map((_, i) => i),
          t('cluster_listLabel', cluster.name),
        )
      )}
    </section>
  );
}

/** A text filter over a big cluster's papers (title, venue, year, authors), with how many it keeps. */
function PaperFilter({ value, onInput, shown, total }: { value: string; onInput(text: string): void; shown: number; total: number }) {
  const id = useId();
  return (
    <div class="paper-filter">
      <label class="search-label" for={id}>
        {t('cluster_filterLabel')}
      </label>
      <input id={id} class="search-input" type="search" value={value} placeholder={t('cluster_filterHint')} autocomplete="off" spellcheck={false} onInput={(e) => onInput(e.currentTarget.value)} />
      <p class="hint filter-count" role="status">
        {value.trim() ? plural('cluster_filterShown', total, shown) : ''}
      </p>
    </div>
  );
}

/** What the co-author rule says, next to what the records declare; both, honestly. */
function HomonymNote({ cluster, groups, unplaced }: { cluster: ClusterView; groups: number; unplaced: number }) {
  const rows = cluster.authorRows;
  const declared = rows !== null && rows > 1 ? t('homonym_declared', rows) : '';
  const after = declared ? ` ${declared}` : '';
  if (groups > 1) {
    const headline = <strong>{t('homonym_split', plural('papers', cluster.papers.length), groups)}</strong>;
    return (
      <p class="homonym-note" role="note">
        {tParts('homonym_splitDetail', headline, groups)}
        {after}
      </p>
    );
  }
  if (cluster.papers.length < 2 || groups === 0) return declared ? <p class="homonym-note" role="note">{declared}</p> : null;
  return (
    <p class="homonym-note" role="note">
      {plural('homonym_linked', cluster.papers.length - unplaced)}
      {after}
    </p>
  );
}

function ExportBar({ papers, name }: { papers: PaperView[]; name: string }) {
  const [copied, copy] = useCopyStatus();
  return (
    <div class="export" role="group" aria-label={t('export_clusterLabel')}>
      <button type="button" class="link-button" onClick={() => void copy(toBibtex(papers), 'BibTeX')}>
        {t('export_copyBibtex')}
      </button>
      <button type="button" class="link-button" onClick={() => downloadText(toBibtex(papers), BIBTEX_TYPE, `${fileStem(name)}.bib`)}>
        {t('export_downloadBib')}
      </button>
      <button type="button" class="link-button" onClick={() => downloadText(toCsv(papers), CSV_TYPE, `${fileStem(name)}.csv`)}>
        {t('export_downloadCsv')}
      </button>
      <span class="export-status" aria-live="polite">
        {copied}
      </span>
    </div>
  );
}

/** OpenReview · PDF · DOI · arXiv · Code, where the paper has them. */
export function PaperLinks({ paper }: { paper: PaperView }) {
  const items = paperLinkItems(paper);
  if (items.length === 0) return null;
  return (
    <ul class="paper-links" aria-label={t('links_label', paper.title)}>
      {items.map((item) => (
        <li key={item.kind}>
          <a href={item.href} {...EXTERNAL_LINK}>
            {item.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A list of papers, the first PAPERS_PER_PAGE at once and more on request. */
function PagedPapers({ indexes, label, render }: { indexes: number[]; label: string; render(i: number): preact.JSX.Element }) {
  const [shown, setShown] = useState(PAPERS_PER_PAGE);
  const left = indexes.length - shown;
  return (
    <>
      <ol class="papers" aria-label={label}>
        {indexes.slice(0, shown).map(render)}
      </ol>
      {left > 0 && (
        <button type="button" class="link-button show-more" onClick={() => setShown(shown + PAPERS_PER_PAGE)}>
          {t('cluster_showMore', Math.min(left, PAPERS_PER_PAGE), left)}
        </button>
      )}
    </>
  );
}

function PaperItem({ paper, authorHref, current, loadAbstract }: { paper: PaperView; authorHref(name: string): string; current: string; loadAbstract?(id: string): Promise<string> }) {
  const [expanded, setExpanded] = useState(false);
  // Big clusters come without abstracts: each is read when its reader asks for it.
  const [abstract, setAbstract] = useState(paper.abstract);
  const abstractId = `abstract-${paper.id}`;
  const page = paperPageLink(paper);
  const showLoaded = () =>
    void loadAbstract!(paper.id).then(
      (text) => {
        setAbstract(text);
        setExpanded(text !== '');
      },
      () => setAbstract(''),
    );
  return (
    <li class="paper">
      <p class="paper-venue">{venueLine(paper)}</p>
      <h3 class="paper-title">
        {page ? (
          <a href={page} {...EXTERNAL_LINK} title={t('paper_openPage')}>
            {paper.title}
          </a>
        ) : (
          paper.title
        )}
      </h3>
      <PaperLinks paper={paper} />
      <ul class="paper-authors" aria-label={t('authorsLabel')}>
        {paper.authors.map((name, i) => (
          <li key={`${i}-${name}`}>
            {name.toLowerCase() === current.toLowerCase() ? (
              <strong aria-current="true">{name}</strong>
            ) : (
              <a href={authorHref(name)} title={t('paper_authorLinkTitle', name)}>
                {name}
              </a>
            )}
          </li>
        ))}
      </ul>
      {abstract ? (
        <>
          <p id={abstractId} class={expanded ? 'paper-abstract' : 'paper-abstract collapsed'}>
            {abstract}
          </p>
          <button type="button" class="link-button" aria-expanded={expanded} aria-controls={abstractId} onClick={() => setExpanded(!expanded)}>
            {expanded ? t('paper_hideAbstract') : t('paper_showAbstract')}
          </button>
        </>
      ) : abstract === undefined && loadAbstract ? (
        <button type="button" class="link-button" aria-expanded={false} onClick={showLoaded}>
          {t('paper_showAbstract')}
        </button>
      ) : null}
      <p class="paper-sources">{sourcesLine(paper)}</p>
      <PaperExport paper={paper} />
    </li>
  );
}
