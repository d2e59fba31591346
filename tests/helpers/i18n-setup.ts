/**
 * The fake browser (@webext-core/fake-browser) throws on every browser.i18n call. Make
 * getMessage / getUILanguage answer from the locale files (messages.ts).
 * fakeBrowser.reset() only resets state, so these stay in place across tests.
 * Tests that want German call `useLocale('de')` from here (and `useLocale('en')` afterwards).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { currentLocale, getMessage } from './messages';

export { getMessage, renderMessage, useLocale } from './messages';

const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
i18n.getMessage = getMessage;
i18n.getUILanguage = currentLocale;
i18n.getAcceptLanguages = async () => [currentLocale()];
