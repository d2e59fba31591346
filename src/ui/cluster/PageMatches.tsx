import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { LensApi, PageState } from './api';

/** A failed read or scan: said in plain words (the browser's own message means nothing to a reader), with a retry. */
type Failure = { kind: 'read-failed'; retry(): void } | { kind: 'scan-failed'; retry(): void };
type State = { kind: 'loading' } | PageState | Failure;

export interface PageMatchesProps {
  api: Pick<LensApi, 'pageMatches' | 'scanPage' | 'reveal'>;
  /** What the popup already read from the tab (null: reading it failed); undefined: read it here. */
  initial?: PageState | null;
  /** Focus the first paper once shown (the popup opening on this view). */
  autoFocus?: boolean;
  onRevealed?(): void;
}

/** The papers Arrow Lens found on the active tab; choosing one scrolls to it and opens its preview. */
export function PageMatches({ api, initial, autoFocus = false, onRevealed }: PageMatchesProps) {
  const readFailed: Failure & { kind: 'read-failed' } = {
    kind: 'read-failed',
    retry: () => {
      setActed(true);
      void load();
    },
  };
  const [state, setState] = useState<State>(initial === undefined ? { kind: 'loading' } : (initial ?? readFailed));
  /** Set by the reader's own action (scan, retry): focus follows to what it brought. */
  const [acted, setActed] = useState(false);
  const load = () => api.pageMatches().then(setState, () => setState(readFailed));
  const scan = () => {
    setActed(true);
    // scanPage resolves once the page's first scan is done (src/content/run-lens.ts).
    api.scanPage().then(
      () => void load(),
      () => setState({ kind: 'scan-failed', retry: scan }),
    );
  };
  useEffect(() => {
    if (initial === undefined) void load();
  }, []);

  if (state.kind === 'loading') return <p class="hint">{t('page_loading')}</p>;
  if (state.kind === 'read-failed' || state.kind === 'scan-failed') {
    return (
      <div class="empty" role="alert">
        <p class="error">{state.kind === 'read-failed' ? t('page_readFailed') : t('page_scanFailed')}</p>
        <FocusedButton class="primary" focus={acted} onClick={state.retry}>
          {t('page_retry')}
        </FocusedButton>
      </div>
    );
  }
  if (state.kind === 'not-scanned') {
    return (
      <div class="empty">
        <p>{t('page_notScanned')}</p>
        <p class="hint">{t('page_notScannedHint')}</p>
        <button type="button" class="primary" onClick={scan}>
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
      {state.matches.map((match, i) => (
        <li key={match.id}>
          <FocusedButton class="page-match" focus={i === 0 && (autoFocus || acted)} onClick={() => void api.reveal(match.id).then(() => onRevealed?.())}>
            <span class="page-match-title">{match.title}</span>
            <span class="page-match-venue">{[match.venue, match.year ? String(match.year) : ''].filter(Boolean).join(' · ')}</span>
          </FocusedButton>
        </li>
      ))}
    </ol>
  );
}

/** A button that takes focus when shown with `focus` set. */
function FocusedButton({ focus, class: className, onClick, children }: { focus: boolean; class: string; onClick(): void; children: preact.ComponentChildren }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) button.current?.focus();
  }, [focus]);
  return (
    <button type="button" ref={button} class={className} onClick={onClick}>
      {children}
    </button>
  );
}
