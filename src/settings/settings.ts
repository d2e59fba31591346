/**
 * The user's options, kept with WXT storage in `storage.local` (never `sync`: nothing leaves
 * the machine). The options page writes them; every content script reads them at start and
 * watches them, so a change applies to open pages at once.
 */
import { storage } from 'wxt/utils/storage';
import { GENERIC_ADAPTER, SITE_ADAPTERS } from '../sites/registry';

/** "compact": the plain badge; "authors": the badge also shows how many authors the paper lists. */
export const BADGE_STYLES = ['compact', 'authors'] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

/** "page": the badge and preview take the light or dark look of the page they sit on (src/ui/page-theme.ts); or always light, or always dark. */
export const LENS_THEMES = ['page', 'light', 'dark'] as const;
export type LensTheme = (typeof LENS_THEMES)[number];

export interface LensSettings {
  /** Ids of the site adapters (src/sites) the user switched off. */
  disabledSites: string[];
  badgeStyle: BadgeStyle;
  /** Hover time before the preview opens; focus and click open it at once. */
  previewDelayMs: number;
  theme: LensTheme;
}

export const PREVIEW_DELAY_RANGE = { min: 0, max: 2_000, step: 50 } as const;

export const DEFAULT_SETTINGS: LensSettings = { disabledSites: [], badgeStyle: 'compact', previewDelayMs: 250, theme: 'page' };

/** The venue sites a user can switch off; the metadata adapter runs only when asked, so it has no switch. */
export const SWITCHABLE_SITES = SITE_ADAPTERS.filter((adapter) => adapter !== GENERIC_ADAPTER);
const SITE_IDS = new Set(SWITCHABLE_SITES.map((adapter) => adapter.id));

/**
 * Settings from whatever storage holds: another version of the extension, or a hand-edited
 * profile, may have left anything there. Each field falls back to its default on its own.
 */
export function parseSettings(value: unknown): LensSettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const disabledSites = Array.isArray(v.disabledSites) ? [...new Set(v.disabledSites.filter((id): id is string => typeof id === 'string' && SITE_IDS.has(id)))] : [];
  const badgeStyle = BADGE_STYLES.includes(v.badgeStyle as BadgeStyle) ? (v.badgeStyle as BadgeStyle) : DEFAULT_SETTINGS.badgeStyle;
  const delay = v.previewDelayMs;
  const previewDelayMs =
    typeof delay === 'number' && Number.isFinite(delay)
      ? Math.min(PREVIEW_DELAY_RANGE.max, Math.max(PREVIEW_DELAY_RANGE.min, Math.round(delay)))
      : DEFAULT_SETTINGS.previewDelayMs;
  const theme = LENS_THEMES.includes(v.theme as LensTheme) ? (v.theme as LensTheme) : DEFAULT_SETTINGS.theme;
  return { disabledSites, badgeStyle, previewDelayMs, theme };
}

const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: DEFAULT_SETTINGS });

export async function readSettings(): Promise<LensSettings> {
  return parseSettings(await settingsItem.getValue());
}

/** Saves run one after another: a second change made before the first is written must not be read without it. */
let saving: Promise<unknown> = Promise.resolve();

export function saveSettings(change: Partial<LensSettings>): Promise<LensSettings> {
  const saved = saving.then(async () => {
    const next = parseSettings({ ...(await readSettings()), ...change });
    await settingsItem.setValue(next);
    return next;
  });
  saving = saved.catch(() => undefined);
  return saved;
}

/** Calls `onChange` with the new settings whenever they change; returns the unwatch function. */
export function watchSettings(onChange: (settings: LensSettings) => void): () => void {
  return settingsItem.watch((value) => onChange(parseSettings(value)));
}

export function siteEnabled(settings: LensSettings, siteId: string): boolean {
  return !settings.disabledSites.includes(siteId);
}
