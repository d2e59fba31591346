import { useEffect, useState } from 'preact/hooks';
import type { ClusterView } from '../../messaging/protocol';
import { nameFromHash } from '../cluster-url';
import { plural, t, tParts } from '../../i18n/t';
import type { LensApi } from './api';
import { AuthorSearch } from './AuthorSearch';
import { ClusterPanel } from './ClusterPanel';

type State =
  | { kind: 'idle' }
  | { kind: 'loading'; name: string }
  | { kind: 'found'; cluster: ClusterView }
  | { kind: 'missing'; name: string }
  | { kind: 'error'; message: string };

const hashFor = (name: string) => `#name=${encodeURIComponent(name)}`;

/** What the status line announces: one short sentence, never the cluster itself. */
function statusText(state: State): string {
  switch (state.kind) {
    case 'loading':
      return t('lookup_loading', state.name);
    case 'found': {
      const { cluster } = state;
      const rows = cluster.authorRows === null ? t('cluster_authorRowsUnknown') : plural('authorRows', cluster.authorRows);
      return t('lookup_status', plural('papers', cluster.papers.length), rows, cluster.name);
    }
    case 'missing':
      return t('lookup_missing', state.name);
    default:
      return ''; // idle says nothing; an error is an alert of its own
  }
}

/**
 * Search box + cluster, driven by the location hash (`#name=…`): choosing a name or an author
 * link changes the hash, so the browser's back and forward buttons walk the clusters.
 */
export function ClusterLookup({
  api,
  win = window,
  pictures = false,
  autoFocus = false,
}: {
  api: Pick<LensApi, 'suggest' | 'cluster' | 'abstract'>;
  win?: Window;
  pictures?: boolean;
  autoFocus?: boolean;
}) {
  const [name, setName] = useState(() => nameFromHash(win.location.hash));
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => {
    const onHash = () => setName(nameFromHash(win.location.hash));
    win.addEventListener('hashchange', onHash);
    return () => win.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!name.trim()) {
      setState({ kind: 'idle' });
      return;
    }
    let current = true;
    setState({ kind: 'loading', name });
    api.cluster(name).then(
      (cluster) => current && setState(cluster ? { kind: 'found', cluster } : { kind: 'missing', name }),
      (error: unknown) => current && setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [name]);

  const choose = (chosen: string) => {
    if (nameFromHash(win.location.hash) === chosen) setName(chosen);
    else win.location.hash = hashFor(chosen);
  };

  return (
    <div class="lookup">
      <AuthorSearch api={api} initial={name} autoFocus={autoFocus} onChoose={choose} />
      <p class="visually-hidden" role="status">
        {statusText(state)}
      </p>
      <div class="lookup-result">
        {state.kind === 'idle' && <p class="hint">{t('lookup_idle')}</p>}
        {state.kind === 'loading' && <p class="hint">{t('lookup_loading', state.name)}</p>}
        {state.kind === 'missing' && (
          <div class="empty">
            <p>{tParts('lookup_missing', <strong>{state.name}</strong>)}</p>
            <p class="hint">{t('lookup_missingHint')}</p>
          </div>
        )}
        {state.kind === 'error' && (
          <div class="empty error" role="alert">
            <p>{t('lookup_error', state.message)}</p>
            <p class="hint">{t('lookup_errorHint')}</p>
          </div>
        )}
        {state.kind === 'found' && <ClusterPanel cluster={state.cluster} authorHref={hashFor} pictures={pictures} loadAbstract={api.abstract} />}
      </div>
    </div>
  );
}
