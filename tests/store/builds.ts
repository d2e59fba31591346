/**
 * Where the store checks find the built extension: `.output/` as `npm test` builds it before
 * its e2e phase, or the folder in ARROW_LENS_SHIPPED_DIR (a `wxt build` outDir of your own).
 * Not ARROW_LENS_BUILD_DIR: that is the seed-only copy the e2e tests load, not what ships.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const BUILD_ROOT = resolve(PROJECT_DIR, process.env.ARROW_LENS_SHIPPED_DIR ?? '.output');
export const BUILDS = {
  chrome: join(BUILD_ROOT, 'chrome-mv3'),
  firefox: join(BUILD_ROOT, 'firefox-mv2'),
} as const;
export type BrowserName = keyof typeof BUILDS;

/** Why a build cannot be checked here, or null when it can. */
export function buildMissing(dir: string): string | null {
  return existsSync(join(dir, 'manifest.json')) ? null : `no build in ${dir} (npm run build, or set ARROW_LENS_SHIPPED_DIR)`;
}

/** Every file under `dir`, as sorted POSIX paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function fileSize(dir: string, file: string): number {
  return statSync(join(dir, file)).size;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
