/**
 * What the options page needs from the extension, as one interface so the page can be
 * tested against fakes and run against storage, IndexedDB and the background alike.
 */
import { askBackground } from '../../messaging/client';
import { readSettings, saveSettings, watchSettings, type LensSettings } from '../../settings/settings';
import { prepareInWorker } from '../../user-records/import-in-worker';
import { addSource, listSources, openUserRecords, removeSource, type UserSource } from '../../user-records/store';

export type ImportPhase = 'reading' | 'parsing' | 'saving';

export interface OptionsApi {
  readSettings(): Promise<LensSettings>;
  saveSettings(change: Partial<LensSettings>): Promise<LensSettings>;
  watchSettings(onChange: (settings: LensSettings) => void): () => void;
  listSources(): Promise<UserSource[]>;
  /** Imports one file; throws ImportError (with `file:line: field:` problems) when nothing could be. */
  importFile(file: File, onProgress: (phase: ImportPhase, share: number) => void): Promise<UserSource>;
  removeSource(id: string): Promise<void>;
}

async function withDb<T>(use: (db: Awaited<ReturnType<typeof openUserRecords>>) => Promise<T>): Promise<T> {
  const db = await openUserRecords();
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/** Tells the background to load the records again; a background that is not up loads them anyway when it starts. */
const recordsChanged = () => askBackground({ type: 'user-records-changed' }).catch(() => undefined);

export const extensionOptionsApi: OptionsApi = {
  readSettings,
  saveSettings,
  watchSettings,
  listSources: () => withDb(listSources),
  importFile: async (file, onProgress) => {
    onProgress('reading', 0);
    const prepared = await prepareInWorker({ file, id: crypto.randomUUID(), importedAt: Date.now() }, onProgress);
    onProgress('saving', 0);
    await withDb((db) => addSource(db, prepared.source, prepared.tuples, prepared.abstracts, (share) => onProgress('saving', share)));
    await recordsChanged();
    return prepared.source;
  },
  removeSource: async (id) => {
    await withDb((db) => removeSource(db, id));
    await recordsChanged();
  },
};
