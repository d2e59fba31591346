/**
 * The locale files are data, tested like code: every key the code uses exists in every locale,
 * the locales agree on keys and placeholders, and no message is empty.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const LOCALES_DIR = join(ROOT, 'public/_locales');

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
const locales = Object.fromEntries(
  readdirSync(LOCALES_DIR).map((lang) => [lang, JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Record<string, Message>]),
);
const english = locales.en!;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}
// src/i18n is the implementation (its doc comments show example calls); block comments are dropped.
const sources = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'entrypoints'))]
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '') }))
  .filter(({ path }) => !path.startsWith('src/i18n/'));

/**
 * Keys the code names: t('k'), tParts('k'), and plural('base') → base_one + base_other.
 * A template key, t(`options_phase_${phase}`), uses every key with its fixed prefix (and
 * needs at least one: it is reported as "options_phase_*" when there is none).
 */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const { path, text } of sources) {
    for (const m of text.matchAll(/\b(t|tParts|plural)\(\s*(['"`])([^'"`]+)\2/g)) {
      const [, fn, , key] = m;
      const names = fn === 'plural' ? [`${key}_one`, `${key}_other`] : [key!];
      for (const name of names) {
        const template = name.indexOf('${');
        if (template < 0) {
          used.set(name, path);
          continue;
        }
        const prefix = name.slice(0, template);
        const matching = Object.keys(english).filter((k) => k.startsWith(prefix));
        if (matching.length === 0) used.set(`${prefix}*`, path);
        for (const k of matching) used.set(k, path);
      }
    }
  }
  return used;
}
const manifestKeys = [...readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8').matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);

/** $NAME$ references in a message (not the predefined @@ ones). */
const references = (message: string) => [...message.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)\$/g)].map((m) => m[1]!.toLowerCase()).sort();

describe('locale files', () => {
  it('English and German are both there, English is the default', () => {
    expect(Object.keys(locales).sort()).toEqual(['de', 'en']);
    expect(readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8')).toMatch(/default_locale:\s*'en'/);
  });

  it('the code finds what it looks for (sanity check of the scan)', () => {
    const used = usedKeys();
    expect(used.get('menu_lookUpAuthor')).toBe('src/background/quick-access.ts');
    expect(used.has('papers_one') && used.has('papers_other')).toBe(true);
    expect(used.size).toBeGreaterThan(50);
  });

  it.each(Object.keys(locales))('every key used in src/, entrypoints/ and the manifest exists in %s', (lang) => {
    const missing = [...usedKeys()].filter(([key]) => !(key in locales[lang]!)).map(([key, path]) => `${key} (${path})`);
    missing.push(...manifestKeys.filter((key) => !(key in locales[lang]!)).map((key) => `${key} (wxt.config.ts)`));
    expect(missing).toEqual([]);
  });

  it('every English message is used somewhere (no dead keys)', () => {
    const used = usedKeys();
    const internal = ['messagesLocale']; // read by src/i18n/t.ts itself
    expect(Object.keys(english).filter((key) => !used.has(key) && !manifestKeys.includes(key) && !internal.includes(key))).toEqual([]);
  });

  it('messagesLocale names the folder it is in (it picks the plural rules)', () => {
    for (const [lang, messages] of Object.entries(locales)) expect(messages.messagesLocale?.message).toBe(lang);
  });

  it('both locales have the same keys', () => {
    for (const [lang, messages] of Object.entries(locales)) {
      expect(Object.keys(messages).sort(), lang).toEqual(Object.keys(english).sort());
    }
  });

  it('no message is empty; keys are valid Chrome message names', () => {
    for (const [lang, messages] of Object.entries(locales)) {
      for (const [key, entry] of Object.entries(messages)) {
        expect(key, `${lang}`).toMatch(/^[A-Za-z0-9_]+$/);
        expect(typeof entry.message, `${lang}:${key}`).toBe('string');
        expect(entry.message.trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('placeholders agree between locales and are all defined and used', () => {
    for (const [lang, messages] of Object.entries(locales)) {
      for (const [key, entry] of Object.entries(messages)) {
        const where = `${lang}:${key}`;
        const defined = Object.entries(entry.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`).sort();
        const englishDefined = Object.entries(english[key]?.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`).sort();
        expect(defined, where).toEqual(englishDefined);
        // Every $NAME$ in the message is defined, and every defined placeholder is shown.
        const names = Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase()).sort();
        expect([...new Set(references(entry.message))].sort(), where).toEqual(names);
        // Substitutions go through named placeholders only ($1 straight in a message is easy to lose).
        expect(entry.message, where).not.toMatch(/\$[1-9]/);
      }
    }
  });

  it('plural pairs take the count as $1', () => {
    for (const key of Object.keys(english).filter((k) => k.endsWith('_one'))) {
      const other = key.replace(/_one$/, '_other');
      expect(english[other], other).toBeDefined();
      for (const k of [key, other]) expect(english[k]!.placeholders?.count?.content, k).toBe('$1');
    }
  });
});
