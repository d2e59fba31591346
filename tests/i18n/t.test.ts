import { afterEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { formatDate, formatNumber, plural, pluralKey, t, tParts, type PluralBase } from '../../src/i18n/t';
import { getMessage, renderMessage, useLocale } from '../helpers/i18n-setup';
import type { MessageKey } from '../../src/i18n/t';

afterEach(() => useLocale('en'));

describe('t()', () => {
  it('answers from the English messages', () => {
    expect(t('extName')).toBe('Arrow Lens');
    expect(t('commandOpenPopup')).toBe('Open Arrow Lens');
  });

  it('answers from the German messages when the UI is German', () => {
    useLocale('de');
    expect(t('commandOpenPopup')).toBe('Arrow Lens öffnen');
  });

  it('returns the key for a missing message instead of throwing', () => {
    expect(t('no_such_key' as MessageKey)).toBe('no_such_key');
  });

  it('fills placeholders the way Chrome does, in one pass', () => {
    const entry = { message: '$WHO$ has $COUNT$ ($$1) $2', placeholders: { who: { content: '$1' }, count: { content: '$2' } } };
    expect(renderMessage(entry, ['$2', '7'])).toBe('$2 has 7 ($1) 7');
    expect(getMessage('nope')).toBe('');
  });

  it('tParts puts elements where the translation puts their placeholder', () => {
    const el = { tag: 'strong' };
    expect(tParts('lookup_missing', el)).toEqual(['No paper in the records lists the author name “', el, '”.']);
    useLocale('de');
    expect(tParts('lookup_missing', el)).toEqual(['Keine Arbeit in den Datensätzen nennt den Autorennamen „', el, '“.']);
  });

  it('formats numbers and dates for the UI language', () => {
    expect(formatNumber(12345)).toBe('12,345');
    useLocale('de');
    expect(formatNumber(12345)).toBe('12.345');
    expect(formatDate(Date.UTC(2024, 2, 5, 12))).toMatch(/05\.03\.2024|5\. März 2024/);
  });

  it('chooses the plural form', () => {
    expect(pluralKey('papers', 1)).toBe('papers_one');
    expect(pluralKey('papers', 0)).toBe('papers_other');
    expect(pluralKey('papers', 2)).toBe('papers_other');
    expect(plural('missing' as PluralBase, 2)).toBe('missing_other');
    expect(plural('papers', 1)).toBe('1 paper');
    expect(plural('papers', 1234)).toBe('1,234 papers');
    useLocale('de');
    expect(plural('papers', 1)).toBe('1 Arbeit');
    expect(plural('papers', 1234)).toBe('1.234 Arbeiten');
  });

  it('plural rules follow the language of the text, not only the UI language', () => {
    // A French browser gets the English text; French would call 0 "one", English does not.
    const fake = browser.i18n as unknown as { getUILanguage(): string };
    const original = fake.getUILanguage;
    fake.getUILanguage = () => 'fr';
    try {
      expect(plural('papers', 0)).toBe('0 papers');
      expect(plural('papers', 1)).toBe('1 paper');
    } finally {
      fake.getUILanguage = original;
    }
  });
});
