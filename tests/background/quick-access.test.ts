import { afterEach, describe, expect, it } from 'vitest';
import { CONTEXT_MENU_ID, installQuickAccess, nameFromText, omniboxDescription, type QuickAccessApi } from '../../src/background/quick-access';
import { useLocale } from '../helpers/i18n-setup';

afterEach(() => useLocale('en'));

/** A recording stand-in for the browser APIs quick access uses. */
function fakeApi() {
  const listeners: Record<string, (...args: never[]) => void> = {};
  const created: unknown[] = [];
  let defaultSuggestion = '';
  const on = (name: string) => ({ addListener: (l: (...args: never[]) => void) => void (listeners[name] = l) });
  const api = {
    contextMenus: { create: (d: unknown) => created.push(d), onClicked: on('menu') },
    omnibox: { setDefaultSuggestion: (d: { description: string }) => void (defaultSuggestion = d.description), onInputChanged: on('changed'), onInputEntered: on('entered') },
    runtime: { onInstalled: on('installed') },
  } as unknown as QuickAccessApi;
  return { api, listeners: listeners as Record<string, (...args: unknown[]) => void>, created, defaultSuggestion: () => defaultSuggestion };
}

describe('quick access', () => {
  it('context menu on a selection opens that author\'s cluster', async () => {
    const { api, listeners, created } = fakeApi();
    const opened: string[] = [];
    installQuickAccess(api, { suggest: async () => [], openCluster: async (n) => void opened.push(n), xmlDescriptions: true });
    listeners.installed!();
    expect(created).toEqual([{ id: CONTEXT_MENU_ID, title: 'Look up author in Arrow Lens', contexts: ['selection'] }]);
    listeners.menu!({ menuItemId: CONTEXT_MENU_ID, selectionText: '  Lorenzo\n Basile ' });
    listeners.menu!({ menuItemId: 'other', selectionText: 'x' });
    listeners.menu!({ menuItemId: CONTEXT_MENU_ID, selectionText: '   ' });
    expect(opened).toEqual(['Lorenzo Basile']);
  });

  it('omnibox "al <name>" suggests names and opens the chosen cluster', async () => {
    const { api, listeners, defaultSuggestion } = fakeApi();
    const opened: string[] = [];
    installQuickAccess(api, {
      suggest: async (q) => (q === 'lorenzo' ? [{ name: 'Lorenzo Basile', paperCount: 5, rank: 'prefix' as const }] : []),
      openCluster: async (n) => void opened.push(n),
      xmlDescriptions: true,
    });
    expect(defaultSuggestion()).toBe('Look up an author name in Arrow Lens');
    const suggested = await new Promise((resolve) => listeners.changed!('lorenzo', resolve));
    expect(suggested).toEqual([{ content: 'Lorenzo Basile', description: 'Lorenzo Basile — 5 papers in Arrow Lens' }]);
    listeners.entered!('Lorenzo Basile');
    expect(opened).toEqual(['Lorenzo Basile']);
  });

  it('escapes omnibox descriptions for Chrome (XML) but not for Firefox', () => {
    const s = { name: 'A <b>&</b> "Q"', paperCount: 1, rank: 'exact' as const };
    expect(omniboxDescription(s, true)).toBe('A &#60;b&#62;&#38;&#60;/b&#62; &#34;Q&#34; — 1 paper in Arrow Lens');
    expect(omniboxDescription(s, false)).toBe('A <b>&</b> "Q" — 1 paper in Arrow Lens');
  });

  it('menu, omnibox default and suggestions in German, with German number formatting', async () => {
    useLocale('de');
    const { api, listeners, created, defaultSuggestion } = fakeApi();
    installQuickAccess(api, { suggest: async () => [], openCluster: async () => undefined, xmlDescriptions: false });
    listeners.installed!();
    expect(created).toEqual([{ id: CONTEXT_MENU_ID, title: 'Autor in Arrow Lens nachschlagen', contexts: ['selection'] }]);
    expect(defaultSuggestion()).toBe('Einen Autorennamen in Arrow Lens nachschlagen');
    expect(omniboxDescription({ name: 'Lorenzo Basile', paperCount: 1, rank: 'exact' }, false)).toBe('Lorenzo Basile — 1 Arbeit in Arrow Lens');
    expect(omniboxDescription({ name: 'Lorenzo Basile', paperCount: 1234, rank: 'exact' }, true)).toBe('Lorenzo Basile — 1.234 Arbeiten in Arrow Lens');
  });

  it('names from text: one bounded line without control or bidi characters', () => {
    expect(nameFromText('\u202eEvil\u0000 Name\t')).toBe('Evil Name');
    expect(nameFromText('x'.repeat(500))).toHaveLength(200);
  });
});
