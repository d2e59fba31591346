/**
 * Store readiness of the built packages: Mozilla's addons-linter (the check addons.mozilla.org
 * runs on upload) finds no error and no warning beyond the committed allowlist, every allowlist
 * entry still matches what it excuses, and no packaged file reaches the stores' 5 MiB limit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import linter, { type LinterMessage, type LinterOutput } from 'addons-linter';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILDS, buildMissing, fileSize, listFiles, PROJECT_DIR, type BrowserName } from './builds';

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const ALLOWLIST_PATH = join(PROJECT_DIR, 'addons-linter-allowlist.json');

interface AllowEntry {
  code: string;
  /** Packaged path; `*` stands for any characters but `/` (content hashes in chunk names). */
  file: string;
  /** How many warnings the entry covers; exact when given. */
  count?: number;
  reason: string;
}

function readAllowlist(): AllowEntry[] {
  const json = JSON.parse(readFileSync(ALLOWLIST_PATH, 'utf8')) as { warnings?: unknown };
  if (!Array.isArray(json.warnings)) throw new Error(`${ALLOWLIST_PATH}: "warnings" must be an array`);
  return json.warnings.map((entry: Partial<AllowEntry>, i) => {
    const at = `${ALLOWLIST_PATH}: warnings[${i}]`;
    if (typeof entry.code !== 'string' || !/^[A-Z0-9_]+$/.test(entry.code)) throw new Error(`${at}: "code" must be a rule code such as UNSAFE_VAR_ASSIGNMENT`);
    if (typeof entry.file !== 'string' || entry.file === '') throw new Error(`${at}: "file" must name a packaged file`);
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20) throw new Error(`${at}: "reason" must say why the warning is acceptable`);
    if (entry.count !== undefined && !(Number.isInteger(entry.count) && entry.count > 0)) throw new Error(`${at}: "count" must be a positive integer`);
    return entry as AllowEntry;
  });
}

function fileGlob(glob: string): RegExp {
  const body = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
  return new RegExp(`^${body}$`);
}

const describeMessage = (m: LinterMessage) => `${m.code} ${m.file ?? '(no file)'}${m.line ? `:${m.line}:${m.column ?? 0}` : ''}: ${m.message}`;

const missing = buildMissing(BUILDS.firefox);
if (missing) console.warn(`[addons-linter] skipped: ${missing}`);

describe.skipIf(missing !== null)('addons-linter on the Firefox build', () => {
  let output: LinterOutput;
  beforeAll(async () => {
    output = await linter
      .createInstance({
        config: {
          _: [BUILDS.firefox],
          logLevel: 'fatal',
          stack: false,
          pretty: false,
          warningsAsErrors: false,
          metadata: false,
          output: 'none',
          boring: true,
          selfHosted: false,
        },
        runAsBinary: false,
      })
      .run();
    if (output.notices.length > 0) console.info(`[addons-linter] notices:\n${output.notices.map(describeMessage).join('\n')}`);
  });

  it('reports no error', () => {
    expect(output.errors.map(describeMessage)).toEqual([]);
  });

  it('reports no warning beyond addons-linter-allowlist.json, and every entry still matches', () => {
    const allowlist = readAllowlist();
    const used = allowlist.map(() => 0);
    const unexpected: string[] = [];
    for (const warning of output.warnings) {
      const at = allowlist.findIndex((entry) => entry.code === warning.code && warning.file !== undefined && fileGlob(entry.file).test(warning.file));
      if (at < 0) unexpected.push(describeMessage(warning));
      else used[at]! += 1;
    }
    const stale = allowlist.flatMap((entry, i) => {
      const seen = used[i]!;
      if (seen === 0) return [`${entry.code} ${entry.file}: matches no warning any more; remove it`];
      if (entry.count !== undefined && seen !== entry.count) return [`${entry.code} ${entry.file}: covers ${entry.count} warning(s), saw ${seen}`];
      return [];
    });
    // Unexpected: fix the code, or allowlist the warning with a reason. Stale: update the list.
    expect({ unexpected, stale }, 'addons-linter warnings vs addons-linter-allowlist.json').toEqual({ unexpected: [], stale: [] });
  });
});

describe('packaged file sizes', () => {
  for (const browser of Object.keys(BUILDS) as BrowserName[]) {
    const dir = BUILDS[browser];
    const why = buildMissing(dir);
    it.skipIf(why !== null)(`${browser}: every packaged file is under 5 MiB${why ? ` (skipped: ${why})` : ''}`, () => {
      const files = listFiles(dir);
      expect(files).toContain('manifest.json');
      const tooBig = files.filter((file) => fileSize(dir, file) >= MAX_FILE_BYTES).map((file) => `${file}: ${fileSize(dir, file)} bytes`);
      expect(tooBig, 'files of 5 MiB or more (addons-linter rejects them; shard large indexes)').toEqual([]);
    });
  }
});
