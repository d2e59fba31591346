import { useEffect, useState } from 'preact/hooks';
import { nameFromHash } from '../cluster-url';
import { t, tParts } from '../../i18n/t';
import type { LensApi, PageState } from './api';
import { ClusterLookup } from './ClusterLookup';
import { PageMatches } from './PageMatches';

type View = 'lookup' | 'page';
const VIEWS: readonly View[] = ['lookup', 'page'];

/** The tab a key moves to (ARIA tabs pattern: arrows wrap, Home and End), or null for other keys. */
function tabAfterKey(key: string, current: View): View | null {
  const i = VIEWS.indexOf(current);
  const to: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: VIEWS.length - 1 };
  return key in to ? VIEWS[(to[key]! + VIEWS.length) % VIEWS.length]! : null;
}

/** How long the popup waits for the open tab's papers before it opens on the lookup anyway. */
const PAGE_ANSWER_WAIT_MS = 1_000;

/** The popup's first view: the papers of the open tab when it has some, unless a name was asked for. */
function firstView(page: PageState | null, win: Window): View {
  return !nameFromHash(win.location.hash) && page?.kind === 'matches' && page.matches.length > 0 ? 'page' : 'lookup';
}

/**
 * The toolbar popup: author lookup, and the papers found on the open tab. It reads the tab
 * first, to open on the view that has something; focus starts in that view.
 */
export function PopupApp({ api, win = window }: { api: LensApi; win?: Window }) {
  /** The open tab's papers: null when reading them failed, undefined while (or if never) read. */
  const [page, setPage] = useState<PageState | null | undefined>(undefined);
  const [view, setView] = useState<View | null>(null);
  /** The view the popup opened on: only it takes focus by itself (a tab the reader switches to leaves focus on the tab). */
  const [opening, setOpening] = useState<View | null>(null);
  useEffect(() => {
    let decided = false;
    const opened = (state: PageState | null | undefined) => {
      if (decided) return;
      decided = true;
      const first = firstView(state ?? null, win);
      setPage(state);
      setOpening(first);
      setView(first);
    };
    api.pageMatches().then(opened, () => opened(null));
    // A tab that does not answer (frozen, busy) must not hold the lookup back; its papers are read again when asked for.
    const timer = win.setTimeout(() => opened(undefined), PAGE_ANSWER_WAIT_MS);
    return () => win.clearTimeout(timer);
  }, []);

  const tab = (id: View, label: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={view === id}
      aria-controls={`panel-${id}`}
      tabIndex={view === id ? 0 : -1}
      class={view === id ? 'tab active' : 'tab'}
      onClick={() => setView(id)}
      onKeyDown={(e) => {
        const next = tabAfterKey(e.key, id);
        if (!next) return;
        e.preventDefault();
        setView(next);
        (e.currentTarget.parentElement?.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus();
      }}
    >
      {label}
    </button>
  );
  return (
    <main class="app popup">
      <header class="app-header">
        <div class="app-title">
          <h1>{t('extName')}</h1>
          {api.openOptions && (
            <button type="button" class="link-button" onClick={() => void api.openOptions!().then(() => win.close(), () => undefined)}>
              {t('options_openLink')}
            </button>
          )}
        </div>
        <p class="popup-intro">{tParts('popup_badgeIntro', <span class="badge-sample">{t('badge_text')}</span>)}</p>
        <div role="tablist" aria-label={t('popup_viewsLabel')} class="tabs">
          {tab('lookup', t('popup_tabLookup'))}
          {tab('page', t('popup_tabPage'))}
        </div>
      </header>
      {view === null ? (
        <p class="hint">{t('page_loading')}</p>
      ) : (
        <>
          <section id="panel-lookup" role="tabpanel" aria-labelledby="tab-lookup" hidden={view !== 'lookup'}>
            <ClusterLookup api={api} win={win} autoFocus={opening === 'lookup'} />
          </section>
          <section id="panel-page" role="tabpanel" aria-labelledby="tab-page" hidden={view !== 'page'}>
            {view === 'page' && <PageMatches api={api} initial={page} autoFocus={opening === 'page'} onRevealed={() => win.close()} />}
          </section>
        </>
      )}
    </main>
  );
}

/** The full-page cluster view (cluster.html#name=…), same components as the popup. */
export function ClusterPageApp({ api, win = window }: { api: LensApi; win?: Window }) {
  return (
    <main class="app page">
      <header class="app-header">
        <h1>{t('clusterPage_heading')}</h1>
      </header>
      <ClusterLookup api={api} win={win} pictures />
    </main>
  );
}
