import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { LensApi } from './api';
import { ClusterLookup } from './ClusterLookup';
import { PageMatches } from './PageMatches';

type View = 'lookup' | 'page';

/** The toolbar popup: author lookup, and the papers found on the open tab. */
export function PopupApp({ api, win = window }: { api: LensApi; win?: Window }) {
  const [view, setView] = useState<View>('lookup');
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
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const next: View = view === 'lookup' ? 'page' : 'lookup';
          setView(next);
          (e.currentTarget.parentElement?.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus();
        }
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
        <div role="tablist" aria-label={t('popup_viewsLabel')} class="tabs">
          {tab('lookup', t('popup_tabLookup'))}
          {tab('page', t('popup_tabPage'))}
        </div>
      </header>
      <section id="panel-lookup" role="tabpanel" aria-labelledby="tab-lookup" hidden={view !== 'lookup'}>
        <ClusterLookup api={api} win={win} />
      </section>
      <section id="panel-page" role="tabpanel" aria-labelledby="tab-page" hidden={view !== 'page'}>
        {view === 'page' && <PageMatches api={api} onRevealed={() => win.close()} />}
      </section>
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
