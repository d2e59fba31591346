/**
 * What the built extension asks the user for, read from both built manifests: no broad or
 * sensitive permission, no main-world script, no loosened CSP — and every permission and host
 * pattern justified in README.md's "Security and privacy" section.
 *
 * README format (parsed below): under the heading `## Security and privacy` (up to the next
 * `## ` heading), a table whose first column names what is requested, in backticks, and whose
 * other columns say why; several names may share a row. Bullets work too:
 * "- `activeTab`, `scripting`: why". A name is a permission (`activeTab`), a match pattern
 * (`*://openreview.net/*`), or a host (`openreview.net`, which covers `*://openreview.net/*` and
 * `*://www.openreview.net/*`; `*` in a host stands for any run of letters, digits, dots and
 * dashes, e.g. `scholar.google.*`). Everything named there must still be requested.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDS, buildMissing, PROJECT_DIR, type BrowserName } from './builds';

type Manifest = Record<string, unknown> & {
  manifest_version?: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[]; world?: string }[];
  web_accessible_resources?: (string | { matches?: string[] })[];
  externally_connectable?: { matches?: string[] };
};

/** One thing a manifest requests: an API permission or a host / match pattern, and where. */
interface Requested {
  kind: 'permission' | 'host';
  value: string;
  where: string;
}

const isHostPattern = (value: string) => value === '<all_urls>' || value.includes('://');

function requestedBy(manifest: Manifest): Requested[] {
  const out: Requested[] = [];
  const add = (values: readonly string[] | undefined, where: string) => {
    for (const value of values ?? []) out.push({ kind: isHostPattern(value) ? 'host' : 'permission', value, where });
  };
  add(manifest.permissions, 'permissions');
  add(manifest.optional_permissions, 'optional_permissions');
  add(manifest.host_permissions, 'host_permissions');
  add(manifest.optional_host_permissions, 'optional_host_permissions');
  manifest.content_scripts?.forEach((script, i) => add(script.matches, `content_scripts[${i}].matches`));
  manifest.web_accessible_resources?.forEach((entry, i) => {
    if (typeof entry === 'object') add(entry.matches, `web_accessible_resources[${i}].matches`);
  });
  add(manifest.externally_connectable?.matches, 'externally_connectable.matches');
  return out;
}

const FORBIDDEN_PERMISSIONS: [RegExp, string][] = [
  [/^tabs$/, 'tabs reveals every tab’s URL and title; activeTab is enough'],
  [/^webRequest/, 'webRequest* lets the extension watch or change network traffic'],
  [/^cookies$/, 'cookies reads site cookies'],
  [/^history$/, 'history reads the browsing history'],
];

/** Why a requested item is never acceptable, or null. */
function forbidden(item: Requested): string | null {
  if (item.kind === 'host') {
    if (item.value === '<all_urls>') return 'every site';
    const host = /^[^:]+:\/\/([^/]*)/.exec(item.value)?.[1];
    if (host === '*' || host === undefined) return 'every host';
    return null;
  }
  return FORBIDDEN_PERMISSIONS.find(([pattern]) => pattern.test(item.value))?.[1] ?? null;
}

interface Justification {
  names: string[];
  why: string;
  line: number;
}

/** The justifications under `## Security and privacy`, or null when the section is absent. */
function readJustifications(readme: string): Justification[] | null {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => /^##\s+Security and privacy\s*$/i.test(line));
  if (start < 0) return null;
  const out: Justification[] = [];
  let fence = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^```/.test(line)) fence = !fence;
    if (fence) continue;
    if (/^##?\s/.test(line)) break;
    const names = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
    const row = /^\s*\|(.*)\|\s*$/.exec(line);
    if (row) {
      const cells = row[1]!.split('|').map((cell) => cell.trim());
      if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue; // the separator row
      const first = names(cells[0] ?? '');
      if (first.length > 0) out.push({ names: first, why: cells.slice(1).join(' ').trim(), line: i + 1 });
      continue;
    }
    const bullet = /^\s*[-*+]\s+((?:`[^`]+`\s*(?:,|and|&|\/)?\s*)+)(?:[:—–-]\s*)?(.*)$/.exec(line);
    if (bullet) out.push({ names: names(bullet[1]!), why: bullet[2]!.trim(), line: i + 1 });
  }
  return out;
}

const HOST_GLOB_CHARS = '[a-z0-9.-]*';
const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
/** A host glob must name something: `*` alone (or `*.*`) would justify every host. */
const namesAHost = (host: string) => /[a-z0-9-]{2,}/i.test(host.replace(/\*/g, ''));

/** Whether README name `name` justifies the requested item. */
function justifies(name: string, item: Requested): boolean {
  if (name === item.value) return true;
  if (item.kind !== 'host') return false;
  const pattern = /^([^:]+):\/\/([^/]*)(\/.*)$/.exec(item.value);
  if (!pattern) return false;
  const [, scheme, host, path] = pattern as unknown as [string, string, string, string];
  if (name.includes('://')) {
    const named = /^([^:]+):\/\/([^/]*)(\/.*)$/.exec(name);
    if (!named || !namesAHost(named[2]!)) return false;
    const hostRe = new RegExp(`^${named[2]!.split('*').map(escape).join(HOST_GLOB_CHARS)}$`, 'i');
    return named[1] === scheme && named[3] === path && hostRe.test(host);
  }
  if (!name.includes('.') || /\s|\//.test(name) || !namesAHost(name)) return false;
  const hostRe = new RegExp(`^(www\\.)?${name.split('*').map(escape).join(HOST_GLOB_CHARS)}$`, 'i');
  return hostRe.test(host);
}

const manifests = Object.fromEntries(
  (Object.keys(BUILDS) as BrowserName[]).map((browser) => {
    const missing = buildMissing(BUILDS[browser]);
    if (missing) console.warn(`[manifest] ${browser} skipped: ${missing}`);
    return [browser, missing ? null : (JSON.parse(readFileSync(join(BUILDS[browser], 'manifest.json'), 'utf8')) as Manifest)];
  }),
) as Record<BrowserName, Manifest | null>;

const readme = readFileSync(join(PROJECT_DIR, 'README.md'), 'utf8');
const justifications = readJustifications(readme);
const NO_SECTION = 'README.md has no "## Security and privacy" section yet: permission justifications not checked';
if (!justifications) console.warn(`[manifest] ${NO_SECTION}`);

describe('built manifests: what the extension asks for', () => {
  for (const browser of Object.keys(BUILDS) as BrowserName[]) {
    const manifest = manifests[browser];
    describe.skipIf(!manifest)(`${browser} (${BUILDS[browser]})`, () => {
      const requested = manifest ? requestedBy(manifest) : [];

      it('asks for no broad or sensitive permission (<all_urls>, every host, tabs, webRequest*, cookies, history)', () => {
        expect(requested.length, 'the manifest requests something (content-script matches at least)').toBeGreaterThan(0);
        const bad = requested.flatMap((item) => {
          const why = forbidden(item);
          return why ? [`${item.where}: ${item.value} (${why})`] : [];
        });
        expect(bad).toEqual([]);
      });

      it('runs no content script in the page’s main world', () => {
        const mainWorld = (manifest!.content_scripts ?? []).flatMap((script, i) => (script.world?.toUpperCase() === 'MAIN' ? [`content_scripts[${i}]`] : []));
        expect(mainWorld).toEqual([]);
      });

      it('does not set content_security_policy (the browser’s default CSP stays)', () => {
        expect(Object.keys(manifest!).filter((key) => key === 'content_security_policy')).toEqual([]);
      });

      it.skipIf(!justifications)(
        `justifies every permission and host pattern in README.md, "Security and privacy"${justifications ? '' : ` (skipped: ${NO_SECTION})`}`,
        () => {
          const unjustified = requested
            .filter((item) => !justifications!.some((j) => j.why.split(/\s+/).filter(Boolean).length >= 3 && j.names.some((name) => justifies(name, item))))
            .map((item) => `${item.where}: ${item.value}`);
          expect(unjustified, 'name each in backticks in the README table, with a reason (3 words or more)').toEqual([]);
        },
      );
    });
  }

  it.skipIf(!justifications || !manifests.chrome || !manifests.firefox)(
    `README.md names nothing the builds no longer request${justifications ? '' : ` (skipped: ${NO_SECTION})`}`,
    () => {
      const all = [...requestedBy(manifests.chrome!), ...requestedBy(manifests.firefox!)];
      const stale = justifications!.flatMap((j) => j.names.filter((name) => !all.some((item) => justifies(name, item))).map((name) => `README.md:${j.line}: \`${name}\``));
      expect(stale, 'remove these from the README table, or mention them in prose').toEqual([]);
    },
  );
});

// The README parser and matcher, on a small example, so a wrong format fails loudly here.
describe('README justification format', () => {
  const sample = [
    '# X',
    '## Security and privacy',
    'Prose with `tabs` in it is ignored.',
    '| Permission or pattern | Why |',
    '| --- | --- |',
    '| `activeTab`, `scripting` | Run the page scan only when the user asks. |',
    '| `scholar.google.*` | Google Scholar on its country domains. |',
    '- `*://openreview.net/*`: badges on OpenReview pages',
    '## Next',
    '| `cookies` | not in the section |',
  ].join('\n');
  const parsed = readJustifications(sample)!;
  const host = (value: string): Requested => ({ kind: 'host', value, where: 'test' });
  const permission = (value: string): Requested => ({ kind: 'permission', value, where: 'test' });
  const any = (item: Requested) => parsed.some((j) => j.names.some((name) => justifies(name, item)));

  it('reads table rows and bullets under the heading, and stops at the next heading', () => {
    expect(parsed.map((j) => j.names)).toEqual([['activeTab', 'scripting'], ['scholar.google.*'], ['*://openreview.net/*']]);
    expect(parsed[0]!.why).toBe('Run the page scan only when the user asks.');
    expect(readJustifications('# X\n## Other\n')).toBeNull();
  });

  it('matches permissions exactly, hosts with www. and globs, and never every host', () => {
    expect(any(permission('activeTab'))).toBe(true);
    expect(any(permission('cookies'))).toBe(false);
    expect(any(host('*://scholar.google.co.uk/*'))).toBe(true);
    expect(any(host('*://openreview.net/*'))).toBe(true);
    expect(any(host('*://www.openreview.net/*'))).toBe(false); // the pattern form is exact
    expect(justifies('openreview.net', host('*://www.openreview.net/*'))).toBe(true);
    expect(justifies('openreview.net', host('*://api.openreview.net/*'))).toBe(false);
    expect(justifies('*', host('*://evil.example/*'))).toBe(false);
    expect(justifies('*://*/*', host('*://evil.example/*'))).toBe(false);
    expect(forbidden(host('*://*/*'))).not.toBeNull();
    expect(forbidden(host('https://*/*'))).not.toBeNull();
    expect(forbidden(permission('webRequestBlocking'))).not.toBeNull();
  });
});
