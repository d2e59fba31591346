import { useMemo, useState } from 'preact/hooks';
import { homonymGroups } from '../../matching/homonyms';
import type { ClusterView, PaperView } from '../../messaging/protocol';
import { EXTERNAL_LINK, paperLinkItems, paperPageLink, sourcesLine, venueLine } from '../dom';
import { plural, t, tParts } from '../../i18n/t';
import { ClusterPictures } from './ClusterPictures';
import { citationKey, fileStem, toBibtex, toCsv } from './export';
import { BIBTEX_TYPE, copyText, CSV_TYPE, downloadText } from './transfer';

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

/** One author-name cluster, laid out as the Arrow page shows it, with homonym hints. */
export function ClusterPanel({ cluster, authorHref, pictures = false, loadAbstract }: ClusterPanelProps) {
  const hint = useMemo(() => homonymGroups(cluster.name, cluster.papers), [cluster]);
  const split = hint.groups.length > 1;
  const list = (indexes: number[], label: string) => (
    <PagedPapers key={label} indexes={indexes} label={label} render={(i) => <PaperItem key={cluster.papers[i]!.id} paper={cluster.papers[i]!} authorHref={authorHref} current={cluster.name} loadAbstract={loadAbstract} />} />
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
      {split ? (
        <>
          {hint.groups.map((group, g) => (
            <section class="homonym-group" key={g} aria-labelledby={`group-${g}`}>
              <h3 id={`group-${g}`} class="group-heading">
                {t('cluster_groupHeading', g + 1, plural('papers', group.papers.length))}
                {group.coAuthors.length > 0 && <span class="group-with"> · {t('cluster_groupWith', group.coAuthors.slice(0, 3).join(', '))}</span>}
              </h3>
              {list(group.papers, t('cluster_groupListLabel', g + 1))}
            </section>
          ))}
          {hint.unplaced.length > 0 && (
            <section class="homonym-group" aria-labelledby="group-unplaced">
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

/** "BibTeX copied", or why copying failed; shown in a live region beside the buttons. */
function useCopyStatus(): [string, (text: string, what: string) => Promise<void>] {
  const [status, setStatus] = useState('');
  const copy = (text: string, what: string) =>
    copyText(text).then(
      () => setStatus(t('export_copied', what)),
      () => setStatus(t('export_copyBlocked')),
    );
  return [status, copy];
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

/** The per-paper downloads: one button each, the file named by the paper's citation key. */
const PAPER_DOWNLOADS = [
  { extension: 'bib', label: (title: string) => t('export_paperDownloadBib', title), type: BIBTEX_TYPE, write: toBibtex },
  { extension: 'csv', label: (title: string) => t('export_paperDownloadCsv', title), type: CSV_TYPE, write: toCsv },
] as const;

/** One paper as BibTeX or CSV: copy either, or download either (file named by its citation key). */
export function PaperExport({ paper }: { paper: PaperView }) {
  const [copied, copy] = useCopyStatus();
  const title = paper.title;
  return (
    <div class="paper-export" role="group" aria-label={t('export_paperLabel', title)}>
      <span class="paper-export-label">{t('export_paperCopy')}</span>
      <button type="button" class="chip-button" aria-label={t('export_paperCopyBibtex', title)} onClick={() => void copy(toBibtex([paper]), 'BibTeX')}>
        BibTeX
      </button>
      <button type="button" class="chip-button" aria-label={t('export_paperCopyCsv', title)} onClick={() => void copy(toCsv([paper]), 'CSV')}>
        CSV
      </button>
      <span class="paper-export-label">{t('export_paperDownload')}</span>
      {PAPER_DOWNLOADS.map(({ extension, label, type, write }) => (
        <button
          type="button"
          class="chip-button"
          key={extension}
          aria-label={label(title)}
          onClick={() => downloadText(write([paper]), type, `${citationKey(paper)}.${extension}`)}
        >
          .{extension}
        </button>
      ))}
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
