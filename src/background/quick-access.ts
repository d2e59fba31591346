/**
 * Quick ways to an author's cluster from anywhere in the browser: a context-menu item on
 * selected text, and the omnibox keyword "al" with type-ahead. (The keyboard shortcut that
 * opens the popup is a manifest `commands` entry; it needs no code.)
 */
import type { AuthorSuggestion } from '../matching/author-index';
import { plural, t } from '../i18n/t';

export const CONTEXT_MENU_ID = 'arrow-lens-look-up-author';
const MAX_NAME = 200;

/** What a selection or omnibox text becomes as an author name: one line, trimmed, bounded. */
export function nameFromText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
}

/** Chrome parses omnibox descriptions as XML; Firefox shows them as plain text. */
export function omniboxDescription(suggestion: AuthorSuggestion, xml: boolean): string {
  const text = plural('omnibox_suggestion', suggestion.paperCount, suggestion.name);
  return xml ? text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`) : text;
}

export interface QuickAccessApi {
  contextMenus?: {
    create(details: { id: string; title: string; contexts: ['selection'] }): unknown;
    onClicked: { addListener(listener: (info: { menuItemId: string | number; selectionText?: string }) => void): void };
  };
  omnibox?: {
    setDefaultSuggestion(details: { description: string }): void;
    onInputChanged: { addListener(listener: (text: string, suggest: (items: { content: string; description: string }[]) => void) => void): void };
    onInputEntered: { addListener(listener: (text: string) => void): void };
  };
  runtime: { onInstalled: { addListener(listener: () => void): void } };
}

export function installQuickAccess(
  api: QuickAccessApi,
  deps: { suggest(query: string): Promise<AuthorSuggestion[]>; openCluster(name: string): Promise<void>; xmlDescriptions: boolean },
): void {
  api.runtime.onInstalled.addListener(() => {
    api.contextMenus?.create({ id: CONTEXT_MENU_ID, title: t('menu_lookUpAuthor'), contexts: ['selection'] });
  });
  api.contextMenus?.onClicked.addListener((info) => {
    const name = nameFromText(info.selectionText ?? '');
    if (info.menuItemId === CONTEXT_MENU_ID && name) void deps.openCluster(name).catch(() => undefined);
  });
  api.omnibox?.setDefaultSuggestion({ description: t('omnibox_default') });
  api.omnibox?.onInputChanged.addListener((text, suggest) => {
    const query = nameFromText(text);
    if (!query) return suggest([]);
    deps.suggest(query).then(
      (found) => suggest(found.slice(0, 6).map((s) => ({ content: s.name, description: omniboxDescription(s, deps.xmlDescriptions) }))),
      () => suggest([]),
    );
  });
  api.omnibox?.onInputEntered.addListener((text) => {
    const name = nameFromText(text);
    if (name) void deps.openCluster(name).catch(() => undefined);
  });
}
