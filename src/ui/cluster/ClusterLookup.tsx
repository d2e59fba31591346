import { useEffect, useState } from 'preact/hooks';
import type { ClusterView } from '../../messaging/protocol';
import { nameFromHash } from '../cluster-url';
import { t, tParts } from '../../i18n/t';
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

/**
 * Search box + cluster, driven by the location hash (`#name=…`): choosing a name or an author
 * link changes the hash, so the browser's back and forward buttons walk the clusters.
 */
export function ClusterLookup({ api, win = window, pictures = false }: { api: Pick<LensApi, 'suggest' | 'cluster' | 'abstract'>; win?: Window; pictures?: boolean }) {
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
      <AuthorSearch key={name} api={api} initial={name} onChoose={choose} />
      <div class="lookup-result" aria-live="polite">
        {state.kind === 'idle' && <p class="hint">{t('lookup_idle')}</p>}
        {state.kind === 'loading' && <p class="hint">{t('lookup_loading', state.name)}</p>}
        {state.kind === 'missing' && (
          <div class="empty" role="status">
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
