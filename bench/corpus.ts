/** The real corpus for the bench and accuracy tests, read in place from ../shared. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { titleKey } from '../src/matching/normalise-title';
import { importSource } from '../src/records/import-source';
import type { Paper } from '../src/records/schema';

export const MLANTHOLOGY_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../shared/data/mlanthology');

export function corpusAvailable(): boolean {
  return existsSync(MLANTHOLOGY_DIR);
}

/** Every ML Anthology paper, through the project's own importer. */
export function loadCorpus(): Paper[] {
  return readdirSync(MLANTHOLOGY_DIR)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .flatMap((file) => importSource(gunzipSync(readFileSync(join(MLANTHOLOGY_DIR, file))).toString('utf8'), file).papers);
}

/** Titles with one entry per normalised key: a title printed twice is one answer, not two. */
export function distinctTitles(titles: readonly string[]): string[] {
  const seen = new Set<string>();
  return titles.filter((t) => {
    const key = titleKey(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const BUNDLED_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../shared/data/mlanthology-full/papers');

/** The bundled corpus (156k papers) as ../shared holds it, through the project's own importer. */
export function loadFullCorpus(): Paper[] {
  return readdirSync(BUNDLED_DIR)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .flatMap((file) => importSource(gunzipSync(readFileSync(join(BUNDLED_DIR, file))).toString('utf8'), file).papers);
}
