/**
 * The one way user-facing text reaches the screen: `t('key', ...substitutions)` looks the key up
 * in `public/_locales/<locale>/messages.json` through `browser.i18n` (the browser picks the
 * locale from its UI language, falling back to `default_locale`, English).
 *
 * Keys are typed from the English file, so a typo is a type error. A key missing at run time
 * (getMessage returns '') comes back as the key itself: a visible gap, never an exception.
 * messages.json has no plurals: pick `*_one` / `*_other` keys in code (see `plural`).
 */
import { browser } from 'wxt/browser';
import type English from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof English;
export type Substitution = string | number;

/** The UI language, e.g. "en-US" or "de"; "en" when the API is unavailable. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** Formats a number the way the UI language writes it (1,234 in English, 1.234 in German). */
export function formatNumber(n: number): string {
  try {
    return new Intl.NumberFormat(uiLanguage()).format(n);
  } catch {
    return String(n);
  }
}

/** Formats an epoch-milliseconds date in the UI language (medium date style). */
export function formatDate(ms: number): string {
  try {
    return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}

/** The message for `key` with $1…$9 filled in; numbers are formatted with `formatNumber`. */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const subs = substitutions.map((s) => (typeof s === 'number' ? formatNumber(s) : s));
  let message = '';
  try {
    // Plain signature: WXT's generated overloads (.wxt/types/i18n.d.ts) lag behind the files
    // until the next `wxt prepare`; MessageKey already checks the key.
    const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
    message = getMessage(key, subs.length > 0 ? subs : undefined);
  } catch {
    message = '';
  }
  return message || key;
}

/** Message bases that have both a `_one` and an `_other` form, e.g. "papers". */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}_one` ? (`${B}_other` extends MessageKey ? B : never) : never;
}[MessageKey];

/**
 * Chooses `<base>_one` or `<base>_other` for a count. English and German both use "one" for
 * exactly 1; Intl.PluralRules with the messages' own language (`messagesLocale`) keeps this
 * right (any category other than "one" takes the `_other` form, the only other form the files have).
 */
export function pluralKey<B extends string>(base: B, count: number): `${B}_one` | `${B}_other` {
  let category: string = count === 1 ? 'one' : 'other';
  try {
    // The rules of the language the text is in: a French browser falls back to English text,
    // and French counts 0 as "one" while English does not.
    category = new Intl.PluralRules(t('messagesLocale')).select(count);
  } catch {
    /* keep the simple rule */
  }
  return category === 'one' ? `${base}_one` : `${base}_other`;
}

/**
 * `t` for a counted phrase: the count is $1 (formatted), `rest` follow as $2…;
 * `plural('papers', 5)` → "5 papers" / "5 Arbeiten".
 */
export function plural(base: PluralBase, count: number, ...rest: Substitution[]): string {
  return t(pluralKey(base, count) as MessageKey, count, ...rest);
}

const MARK = /\uE000(\d+)\uE001/;

/**
 * A message with non-text parts (elements) in its placeholders, as an array to render:
 * `tParts('lookup_missing', <strong>{name}</strong>)` → ["No paper … “", <strong/>, "”."].
 * The translation decides where the parts go; empty strings are dropped.
 */
export function tParts<T>(key: MessageKey, ...substitutions: (Substitution | T)[]): (string | T)[] {
  const parts: T[] = [];
  const text = t(
    key,
    ...substitutions.map((s): Substitution => (typeof s === 'string' || typeof s === 'number' ? s : `\uE000${parts.push(s as T) - 1}\uE001`)),
  );
  return text.split(MARK).flatMap<string | T>((piece, i) => (i % 2 === 1 ? [parts[Number(piece)]!] : piece ? [piece] : []));
}
