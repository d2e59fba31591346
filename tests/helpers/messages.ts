/**
 * browser.i18n.getMessage from public/_locales/<locale>/messages.json with Chrome's rules ($NAME$
 * placeholders → their "content", then $1…$9 → substitutions, "$$" → "$"; unknown key → ''),
 * for code run outside an extension: the unit tests' fake browser (i18n-setup.ts) and the
 * preview harness page (tests/e2e/harness).
 */
import english from '../../public/_locales/en/messages.json';
import german from '../../public/_locales/de/messages.json';

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Messages = Record<string, Message>;

const locales: Record<string, Messages> = { en: english as Messages, de: german as Messages };
let current = 'en';

export function useLocale(locale: 'en' | 'de'): void {
  current = locale;
}

export function currentLocale(): string {
  return current;
}

/** Chrome's substitution rules for one message. */
export function renderMessage(entry: Message, substitutions: string[]): string {
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  const sub = (d: string) => (d === '$' ? '$' : (substitutions[Number(d) - 1] ?? ''));
  // One pass, so a substitution that itself contains "$1" is not substituted again.
  return entry.message.replace(/\$([A-Za-z_@][A-Za-z0-9_@]*)\$|\$(\$|[1-9])/g, (whole, name?: string, digit?: string) => {
    if (digit !== undefined) return sub(digit);
    const content = placeholders[name!.toLowerCase()];
    return content === undefined ? whole : content.replace(/\$(\$|[1-9])/g, (_, d: string) => sub(d));
  });
}

export function getMessage(name: string, substitutions?: string | string[]): string {
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions.map(String) : [String(substitutions)];
  if (name === '@@ui_locale') return current;
  const entry = (locales[current] ?? {})[name] ?? (english as Messages)[name];
  return entry ? renderMessage(entry, subs) : '';
}

