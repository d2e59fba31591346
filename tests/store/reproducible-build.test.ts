/**
 * Reproducible builds: the same sources build to byte-identical packages (what a store reviewer
 * or a user rebuilding from source gets). Chrome and Firefox are each built twice, into two
 * fresh folders (so an output path leaking into a file shows), under different time zones and
 * locales (so a build timestamp or locale-formatted text shows), and every file is compared.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, PROJECT_DIR, sha256 } from './builds';

const run = promisify(execFile);
const WXT = join(PROJECT_DIR, 'node_modules/.bin/wxt');
const INDEX = join(PROJECT_DIR, 'public/index/manifest.json');
const TARGETS = [
  { name: 'chrome', args: [], dir: 'chrome-mv3' },
  { name: 'firefox', args: ['-b', 'firefox'], dir: 'firefox-mv2' },
] as const;
const RUNS = [
  { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
] as const;

const missing = !existsSync(WXT) ? `${WXT} not found (npm ci)` : !existsSync(INDEX) ? `${INDEX} not found (npm run records -- build)` : null;
if (missing) console.warn(`[reproducible-build] skipped: ${missing}`);

describe.skipIf(missing !== null)('reproducible build', () => {
  const outDirs: string[] = [];

  beforeAll(async () => {
    // One build at a time: WXT also regenerates the project's .wxt/ folder on each build.
    for (const env of RUNS) {
      const outDir = mkdtempSync(join(tmpdir(), 'arrow-lens-repro-'));
      outDirs.push(outDir);
      for (const target of TARGETS) {
        try {
          await run(WXT, ['build', ...target.args], { cwd: PROJECT_DIR, env: { ...process.env, ...env, ARROW_LENS_OUT_DIR: outDir }, timeout: 120_000 });
        } catch (error) {
          const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
          throw new Error(`wxt build ${target.args.join(' ')} into ${outDir} failed:\n${stdout}\n${stderr}`, { cause: error });
        }
      }
    }
  }, 300_000);

  afterAll(() => {
    for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const target of TARGETS) {
    it(`${target.name}: two builds are byte-identical, file by file`, () => {
      const [a, b] = outDirs.map((dir) => join(dir, target.dir)) as [string, string];
      const files = listFiles(a);
      expect(files).toContain('manifest.json');
      expect(files.some((file) => file.startsWith('index/')), 'the build carries the records index').toBe(true);
      expect(listFiles(b)).toEqual(files);
      const differing = files.filter((file) => sha256(join(a, file)) !== sha256(join(b, file)));
      expect(differing, `files that differ between ${a} and ${b}`).toEqual([]);
    });
  }
});
