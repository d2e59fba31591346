/**
 * The options page: sites on/off, badge style, preview delay (saved at once, applied live by
 * every open page), and the records the user imported.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDate, plural, t } from '../../i18n/t';
import { PREVIEW_DELAY_RANGE, siteEnabled, SWITCHABLE_SITES, type BadgeStyle, type LensSettings, type LensTheme } from '../../settings/settings';
import { siteName } from '../../sites/site-name';
import { ImportError } from '../../user-records/import-error';
import type { UserSource } from '../../user-records/store';
import type { ImportPhase, OptionsApi } from './api';

/** Where each phase of one file's import sits in its share of the progress bar (BibTeX spends its time parsing, JSON saving). */
const PHASE_SPAN: Record<ImportPhase, [start: number, width: number]> = { reading: [0, 0.1], parsing: [0.1, 0.5], saving: [0.6, 0.4] };

export const ACCEPTED_FILES = '.txt,.json,.jsonl,.ndjson,.bib,.gz';

export function OptionsApp({ api }: { api: OptionsApi }) {
  const [settings, setSettings] = useState<LensSettings | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api.readSettings().then(setSettings, (e: unknown) => setError(String(e)));
    return api.watchSettings(setSettings);
  }, [api]);
  const change = (patch: Partial<LensSettings>) => {
    api.saveSettings(patch).then(setSettings, (e: unknown) => setError(String(e)));
  };
  return (
    <main class="app page options">
      <header class="app-header">
        <h1>{t('options_title')}</h1>
        <p class="hint">{t('options_intro')}</p>
      </header>
      {error && <p role="alert" class="error">{error}</p>}
      {settings && (
        <>
          <SitesSection settings={settings} change={change} />
          <BadgeSection settings={settings} change={change} />
          <ThemeSection settings={settings} change={change} />
          <DelaySection settings={settings} change={change} />
        </>
      )}
      <RecordsSection api={api} />
    </main>
  );
}

interface SectionProps {
  settings: LensSettings;
  change(patch: Partial<LensSettings>): void;
}

function SitesSection({ settings, change }: SectionProps) {
  const toggle = (id: string, on: boolean) =>
    change({ disabledSites: on ? settings.disabledSites.filter((s) => s !== id) : [...settings.disabledSites, id] });
  return (
    <fieldset class="options-group">
      <legend>{t('options_sitesHeading')}</legend>
      <p class="hint">{t('options_sitesHint')}</p>
      <ul class="site-list">
        {SWITCHABLE_SITES.map((site) => (
          <li key={site.id}>
            <label>
              <input type="checkbox" name="site" value={site.id} checked={siteEnabled(settings, site.id)} onChange={(e) => toggle(site.id, e.currentTarget.checked)} />{' '}
              {siteName(site)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function BadgeSection({ settings, change }: SectionProps) {
  const choice = (style: BadgeStyle, label: string, sample: string) => (
    <label class="choice">
      <input type="radio" name="badge-style" value={style} checked={settings.badgeStyle === style} onChange={() => change({ badgeStyle: style })} /> {label}{' '}
      <span class="badge-sample" aria-hidden="true">
        {sample}
      </span>
    </label>
  );
  return (
    <fieldset class="options-group">
      <legend>{t('options_badgeHeading')}</legend>
      {choice('compact', t('options_badgeCompact'), t('badge_text'))}
      {choice('authors', t('options_badgeAuthors'), t('badge_textWithAuthors', 5))}
    </fieldset>
  );
}

function ThemeSection({ settings, change }: SectionProps) {
  const choice = (theme: LensTheme, label: string) => (
    <label class="choice">
      <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => change({ theme })} /> {label}
    </label>
  );
  return (
    <fieldset class="options-group">
      <legend>{t('options_themeHeading')}</legend>
      {choice('page', t('options_themePage'))}
      {choice('light', t('options_themeLight'))}
      {choice('dark', t('options_themeDark'))}
    </fieldset>
  );
}

function DelaySection({ settings, change }: SectionProps) {
  // While the slider moves, its value is shown but not yet saved; a saved (or outside) change wins.
  const [draft, setDraft] = useState<{ from: number; value: number } | null>(null);
  const shown = draft && draft.from === settings.previewDelayMs ? draft.value : settings.previewDelayMs;
  return (
    <fieldset class="options-group">
      <legend>{t('options_delayHeading')}</legend>
      <label class="delay">
        <span>{t('options_delayLabel')}</span>{' '}
        <input
          type="range"
          name="preview-delay"
          min={PREVIEW_DELAY_RANGE.min}
          max={PREVIEW_DELAY_RANGE.max}
          step={PREVIEW_DELAY_RANGE.step}
          value={shown}
          onInput={(e) => setDraft({ from: settings.previewDelayMs, value: Number(e.currentTarget.value) })}
          onChange={(e) => change({ previewDelayMs: Number(e.currentTarget.value) })}
        />{' '}
        <output>{t('options_delayValue', shown)}</output>
      </label>
      <p class="hint">{t('options_delayHint')}</p>
    </fieldset>
  );
}

interface Progress {
  name: string;
  index: number;
  count: number;
  phase: ImportPhase;
  /** Of all the files picked together, 0–1. */
  share: number;
}

interface Refused {
  name: string;
  problems: string[];
}

function RecordsSection({ api }: { api: OptionsApi }) {
  const [sources, setSources] = useState<UserSource[] | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [refused, setRefused] = useState<Refused[]>([]);
  const [dragging, setDragging] = useState(false);
  const refresh = () => api.listSources().then(setSources, (e: unknown) => setRefused([{ name: '', problems: [String(e)] }]));
  useEffect(() => void refresh(), [api]);

  const importFiles = async (files: File[]) => {
    if (progress || files.length === 0) return;
    const failures: Refused[] = [];
    for (const [index, file] of files.entries()) {
      const report = (phase: ImportPhase, share: number) => {
        const [start, width] = PHASE_SPAN[phase];
        setProgress({ name: file.name, index, count: files.length, phase, share: (index + start + width * share) / files.length });
      };
      try {
        await api.importFile(file, report);
      } catch (error) {
        failures.push({ name: file.name, problems: error instanceof ImportError ? error.problems : [`${file.name}: ${String(error)}`] });
      }
      await refresh();
    }
    setProgress(null);
    setRefused(failures);
  };

  const total = sources?.reduce((n, s) => n + s.paperCount, 0) ?? 0;
  return (
    <section
      class={`options-group records${dragging ? ' dragging' : ''}`}
      aria-labelledby="records-heading"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void importFiles([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      <h2 id="records-heading">{t('options_recordsHeading')}</h2>
      <p class="hint">{t('options_recordsIntro')}</p>
      <label class="file-pick">
        <span>{t('options_recordsAdd')}</span>{' '}
        <input
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          disabled={progress !== null}
          onChange={(e) => {
            const input = e.currentTarget;
            void importFiles([...(input.files ?? [])]).finally(() => (input.value = ''));
          }}
        />
      </label>
      <div class="import-status" role="status" aria-live="polite">
        {progress && (
          <>
            <progress max={1} value={progress.share} aria-label={t('options_importProgress')} />{' '}
            <span>{t('options_importing', progress.name, progress.index + 1, progress.count, t(`options_phase_${progress.phase}`))}</span>
          </>
        )}
      </div>
      {refused.length > 0 && (
        <div role="alert" class="refused">
          {refused.map((r) => (
            <div key={r.name}>
              <p class="error">{t('options_refused', r.name)}</p>
              <Lines lines={r.problems} />
            </div>
          ))}
        </div>
      )}
      {sources && sources.length === 0 && <p class="empty">{t('options_recordsNone')}</p>}
      {sources && sources.length > 0 && (
        <>
          <p class="records-total">{t('options_recordsTotal', plural('papers', total), sources.length)}</p>
          <ul class="source-list">
            {sources.map((source) => (
              <SourceRow key={source.id} source={source} remove={() => api.removeSource(source.id).then(refresh)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function SourceRow({ source, remove }: { source: UserSource; remove(): Promise<unknown> }) {
  const [busy, setBusy] = useState(false);
  return (
    <li class="source" data-source-id={source.id}>
      <div class="source-head">
        <strong class="source-name">{source.name}</strong>{' '}
        <span class="source-meta">{t('options_sourceMeta', plural('papers', source.paperCount), source.format, formatDate(source.importedAt))}</span>{' '}
        <button
          type="button"
          class="link-button"
          disabled={busy}
          aria-label={t('options_removeLabel', source.name)}
          onClick={() => {
            setBusy(true);
            void remove().finally(() => setBusy(false));
          }}
        >
          {t('options_remove')}
        </button>
      </div>
      {source.repairCount > 0 && (
        <details>
          <summary>{plural('options_repairs', source.repairCount)}</summary>
          <Lines lines={source.repairs} />
        </details>
      )}
      {source.problemCount > 0 && (
        <details open>
          <summary>{plural('options_skipped', source.problemCount)}</summary>
          <Lines lines={source.problems} />
        </details>
      )}
    </li>
  );
}

/** `file:line: field: …` lines, as code. */
function Lines({ lines }: { lines: readonly string[] }) {
  return (
    <ul class="problems">
      {lines.map((line, i) => (
        <li key={i}>
          <code>{line}</code>
        </li>
      ))}
    </ul>
  );
}
