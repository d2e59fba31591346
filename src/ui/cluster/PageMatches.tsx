import { useEffect, useState } from 'preact/hooks';
import type { LensApi, PageState } from './api';

type State = { kind: 'loading' } | PageState | { kind: 'error'; message: string };

/** The papers Arrow Lens found on the active tab; choosing one scrolls to it and opens its preview. */
export function PageMatches({ api, onRevealed }: { api: Pick<LensApi, 'pageMatches' | 'scanPage' | 'reveal'>; onRevealed?(): void }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = () =>
    api.pageMatches().then(setState, (error: unknown) => setState({ kind: 'error', message: String(error) }));
  useEffect(() => void load(), []);

  if (state.kind === 'loading') return <p class="hint">Reading this page…</p>;
  if (state.kind === 'error') return <p class="empty error" role="alert">Could not read this page: {state.message}</p>;
  if (state.kind === 'not-scanned') {
    return (
      <div class="empty">
        <p>Arrow Lens does not run on this page by itself: it is not one of the venue sites it knows.</p>
        <p class="hint">If the page describes papers (it has citation metadata), Arrow Lens can look for them once, on request.</p>
        <button
          type="button"
          class="primary"
          onClick={() =>
            api.scanPage().then(
              () => setTimeout(() => void load(), 800),
              (error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
            )
          }
        >
          Look for papers on this page
        </button>
      </div>
    );
  }
  if (state.matches.length === 0) {
    return <p class="empty">No paper on this page is in the records.</p>;
  }
  return (
    <ol class="page-matches" aria-label="Papers found on this page">
      {state.matches.map((match) => (
        <li key={match.id}>
          <button
            type="button"
            class="page-match"
            onClick={() => void api.reveal(match.id).then(() => onRevealed?.())}
          >
            <span class="page-match-title">{match.title}</span>
            <span class="page-match-venue">{[match.venue, match.year || ''].filter(Boolean).join(' · ')}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
