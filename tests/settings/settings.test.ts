/** Options as stored (WXT storage over the fake browser the WXT vitest plugin provides). */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, readSettings, saveSettings, siteEnabled, watchSettings, type LensSettings } from '../../src/settings/settings';

beforeEach(() => fakeBrowser.reset());

describe('parseSettings: whatever storage holds becomes valid settings', () => {
  it('keeps valid values', () => {
    const valid: LensSettings = { disabledSites: ['arxiv', 'dblp'], badgeStyle: 'authors', previewDelayMs: 600, theme: 'dark' };
    expect(parseSettings(valid)).toEqual(valid);
  });

  it('falls back field by field, drops unknown sites and clamps the delay', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ disabledSites: ['arxiv', 'evil.example', 3, 'arxiv'], badgeStyle: '<img>', previewDelayMs: 1e9, theme: 'neon' })).toEqual({
      disabledSites: ['arxiv'],
      badgeStyle: 'compact',
      previewDelayMs: 2_000,
      theme: 'page',
    });
    expect(parseSettings({ previewDelayMs: -5 }).previewDelayMs).toBe(0);
    expect(parseSettings({ previewDelayMs: Number.NaN }).previewDelayMs).toBe(DEFAULT_SETTINGS.previewDelayMs);
    // The generic metadata adapter only runs on request; it has no switch.
    expect(parseSettings({ disabledSites: ['generic-metadata'] }).disabledSites).toEqual([]);
  });
});

describe('stored settings', () => {
  it('are the defaults until saved; a save merges, is read back and reaches watchers', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    const seen: LensSettings[] = [];
    const unwatch = watchSettings((s) => seen.push(s));
    await saveSettings({ badgeStyle: 'authors' });
    await saveSettings({ disabledSites: ['openreview'] });
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, badgeStyle: 'authors', disabledSites: ['openreview'] });
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[1]).toEqual({ ...DEFAULT_SETTINGS, badgeStyle: 'authors', disabledSites: ['openreview'] });
    unwatch();
    expect(siteEnabled(seen[1]!, 'openreview')).toBe(false);
    expect(siteEnabled(seen[1]!, 'arxiv')).toBe(true);
  });

  it('two changes made at once are both kept (the second save waits for the first)', async () => {
    await Promise.all([saveSettings({ previewDelayMs: 1500 }), saveSettings({ badgeStyle: 'authors' })]);
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, previewDelayMs: 1500, badgeStyle: 'authors' });
  });

  it('are kept in storage.local, never sync (nothing leaves the machine)', async () => {
    await saveSettings({ previewDelayMs: 800 });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: { ...DEFAULT_SETTINGS, previewDelayMs: 800 } });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });
});
