import { runLens } from '@/src/content/run-lens';
import { SITE_MATCH_PATTERNS } from '@/src/sites/registry';

export default defineContentScript({
  matches: [...SITE_MATCH_PATTERNS],
  runAt: 'document_idle',
  // WXT's context is not used: src/content/run-lens.ts keeps the script's own life cycle.
  main: () => runLens(),
});
