/**
 * The shared corpora live beside the project (../shared), never inside it. A user's clone has
 * no ../shared: tests that need it are skipped there with this message; CI has it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = resolve(typeof __dirname === 'string' ? __dirname : fileURLToPath(new URL('.', import.meta.url)), '../../../shared');
export const MLANTHOLOGY_DIR = resolve(SHARED_DIR, 'data/mlanthology');
export const PAPERLISTS_DIR = resolve(SHARED_DIR, 'data/papercopilot-paperlists');
export const REAL_PAGES_DIR = resolve(SHARED_DIR, 'fixtures/real-pages');
export const HAS_SHARED = existsSync(MLANTHOLOGY_DIR);

if (!HAS_SHARED) {
  console.warn(`[skip] ${SHARED_DIR} is absent: tests on the shared real corpora are skipped (they run in CI).`);
}
