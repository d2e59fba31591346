/**
 * Node-only: whether the bundled index is up to date, so `npm run build` rebuilds it only when
 * something it is made from changed. The key covers the bytes of every record source, the code
 * that reads and writes records (importers, normalisation, index format) and the locked
 * dependency versions: a code change that alters the index can never ship a stale one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { listSourceFiles } from './build-index';

/** Project files (or folders) whose content the index depends on besides the record sources. */
export const INDEX_CODE = ['src/records', 'src/matching', 'scripts/records.ts', 'package-lock.json'];
/** Kept outside the index folder, which is packaged whole into the extension. */
const KEY_FILE = 'node_modules/.cache/arrow-lens/index-keys.json';

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  try {
    return readdirSync(path, { withFileTypes: true })
      .map((entry) => entry.name)
      .sort()
      .flatMap((name) => filesUnder(join(path, name)));
  } catch {
    return [path]; // not a folder
  }
}

/** A hash of every source file and every file of `INDEX_CODE`, names and bytes, plus the options. */
export function indexBuildKey(projectDir: string, sources: readonly string[], options: object): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(options));
  const files = [...listSourceFiles(sources), ...INDEX_CODE.flatMap((path) => filesUnder(join(projectDir, path)))];
  for (const file of files) {
    hash.update(`\0${relative(projectDir, file)}\0`);
    try {
      hash.update(readFileSync(file));
    } catch (error) {
      // A missing source: the build itself reports it; the key only has to differ.
      hash.update(`unreadable: ${(error as NodeJS.ErrnoException).code}`);
    }
  }
  return hash.digest('hex');
}

function readKeys(projectDir: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(join(projectDir, KEY_FILE), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** The key the index in `outDir` was last built with, if that index is there. */
export function builtKey(projectDir: string, outDir: string): string | undefined {
  if (!existsSync(join(outDir, 'manifest.json'))) return undefined;
  return readKeys(projectDir)[resolve(outDir)];
}

export function recordBuiltKey(projectDir: string, outDir: string, key: string): void {
  const keys = { ...readKeys(projectDir), [resolve(outDir)]: key };
  mkdirSync(join(projectDir, KEY_FILE, '..'), { recursive: true });
  writeFileSync(join(projectDir, KEY_FILE), JSON.stringify(keys, null, 1));
}
