/** The real background service over the seed records, with the index held in memory. */
import { createRecordsService } from '../../src/background/records-service';
import { importArrowExport } from '../../src/records/arrow-export';
import { serialiseIndex } from '../../src/records/write-index';
import { mergeRecords } from '../../src/records/merge';
import type { LensApi } from '../../src/ui/cluster/api';
import { SEED_FILE, seedText } from './seed';

export function seedService() {
  const merged = mergeRecords([importArrowExport(seedText(), SEED_FILE)]);
  const files = serialiseIndex(merged.papers, merged.authorRows);
  const opened: string[] = [];
  const service = createRecordsService(async (name) => files.get(name) ?? Promise.reject(new Error(`no ${name}`)), {
    openCluster: async (name) => void opened.push(name),
    showMatchCount: async () => undefined,
    scanTab: async () => undefined,
  });
  return { service, opened };
}

/** A LensApi backed by the real service (no browser messaging in between). */
export function seedApi(overrides: Partial<LensApi> = {}): LensApi {
  const { service } = seedService();
  return {
    suggest: async (query) => ((await service.handle({ type: 'suggest-authors', query, limit: 8 }, {})) as { suggestions: never }).suggestions,
    cluster: async (name) => ((await service.handle({ type: 'get-cluster', name }, {})) as { cluster: never }).cluster,
    pageMatches: async () => ({ kind: 'matches', matches: [] }),
    scanPage: async () => undefined,
    reveal: async () => undefined,
    ...overrides,
  };
}
