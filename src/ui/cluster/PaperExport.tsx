import { useId, useRef, useState } from 'preact/hooks';
import type { PaperView } from '../../messaging/protocol';
import { t } from '../../i18n/t';
import { citationKey, toBibtex, toCsv } from './export';
import { BIBTEX_TYPE, copyText, CSV_TYPE, downloadText } from './transfer';

/** "BibTeX copied", or why copying failed; shown in a live region beside the buttons. */
export function useCopyStatus(): [string, (text: string, what: string) => Promise<void>] {
  const [status, setStatus] = useState('');
  const copy = (text: string, what: string) =>
    copyText(text).then(
      () => setStatus(t('export_copied', what)),
      () => setStatus(t('export_copyBlocked')),
    );
  return [status, copy];
}

/**
 * One paper's export: a single "Export" button (a disclosure) that shows copy or download,
 * BibTeX or CSV. A list of hundreds of papers costs one Tab stop per paper, not four. An
 * action, or Escape, closes it and puts focus back on the button.
 */
export function PaperExport({ paper }: { paper: PaperView }) {
  const [copied, copy] = useCopyStatus();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const actionsId = useId();
  const title = paper.title;
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const actions = [
    { text: t('export_copyBibtex'), name: t('export_paperCopyBibtex', title), run: () => void copy(toBibtex([paper]), 'BibTeX') },
    { text: t('export_copyCsv'), name: t('export_paperCopyCsv', title), run: () => void copy(toCsv([paper]), 'CSV') },
    { text: t('export_downloadBib'), name: t('export_paperDownloadBib', title), run: () => downloadText(toBibtex([paper]), BIBTEX_TYPE, `${citationKey(paper)}.bib`) },
    { text: t('export_downloadCsv'), name: t('export_paperDownloadCsv', title), run: () => downloadText(toCsv([paper]), CSV_TYPE, `${citationKey(paper)}.csv`) },
  ];
  return (
    <div
      class="paper-export"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        e.preventDefault();
        e.stopPropagation();
        close();
      }}
    >
      <button type="button" ref={toggle} class="chip-button" aria-expanded={open} aria-controls={actionsId} aria-label={t('export_paperLabel', title)} onClick={() => setOpen(!open)}>
        {t('export_paperMenu')}
      </button>
      <div id={actionsId} class="paper-export-actions" role="group" aria-label={t('export_paperLabel', title)} hidden={!open}>
        {actions.map(({ text, name, run }) => (
          <button
            type="button"
            class="chip-button"
            key={text}
            aria-label={name}
            onClick={() => {
              run();
              close();
            }}
          >
            {text}
          </button>
        ))}
      </div>
      <span class="export-status" aria-live="polite">
        {copied}
      </span>
    </div>
  );
}
