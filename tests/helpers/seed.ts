import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_DIR = resolve(typeof __dirname === 'string' ? __dirname : fileURLToPath(new URL('.', import.meta.url)), '../..');
export const SEED_FILE = 'data/arrow-author-cluster-lorenzo-basile.txt';
export const SEED_PATH = resolve(PROJECT_DIR, SEED_FILE);
export const seedText = (): string => readFileSync(SEED_PATH, 'utf8');

export const SEED_TITLES = [
  'Emergent representations in networks trained with the Forward-Forward algorithm',
  'Head Pursuit: Probing Attention Specialization in Multimodal Transformers',
  'Intrinsic Dimension Correlation: uncovering nonlinear connections in multimodal representations',
  'ResiDual Transformer Alignment with Spectral Decomposition',
  'The Narrow Gate: Localized Image-Text Communication in Native Multimodal Models',
] as const;
