import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { LensApi, PageState } from './api';

type State = { kind: 'loading' } | PageState | { kind: 'error'; message: string };

/** The papers Arrow Lens found on the active tab; choosing one scrolls to it and opens its preview. */
export function PageMatches({ api, onRevealed }: { api: Pick<LensApi, 'pageMatches' | 'scanPage' | 'reveal'>; onRevealed?(): void }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = () =>
    api.pageMatches().then(setState, (error: unknown) => setState({ kind: 'error', message: String(error) }));
  useEffect(() => void load(), []);

  if (state.kind === 'loading') return <p class="hint">{t('page_loading')}</p>;
  if (state.kind === 'error') return <p class="empty error" role="alert">{t('page_error', state.message)}</p>;
  if (state.kind === 'not-scanned') {
    return (
      <div class="empty">
        <p>{t('page_notScanned')}</p>
        <p class="hint">{t('page_notScannedHint')}</p>
        <button
          type="button"
          class="primary"
          onClick={() =>
            // scanPage resolves once the page's first scan is done (src/content/run-lens.ts).
            api.scanPage().then(
              () => void load(),
              (error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
            )
          }
        >
          {t('page_scan')}
        </button>
      </div>
    );
  }
  if (state.matches.length === 0) {
    return <p class="empty">{t('page_none')}</p>;
  }
  return (
    <ol class="page-matches" aria-label={t('page_listLabel')}>
      {state.matches.map((match) => (
        <li key={match.id}>
          <button
            type="button"
            class="page-match"
            onClick={() => void api.reveal(match.id).then(() => onRevealed?.())}
          >
            <span class="page-match-title">{match.title}</span>
            <span class="page-match-venue">{[match.venue, match.year ? String(match.year) : ''].filter(Boolean).join(' · ')}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
