/**
 * Answers background requests from the loaded index. The index loads on first use and again
 * after the MV3 service worker was stopped (module state is gone then; the first message
 * after waking reloads it).
 */
import { RecordIndex, type IndexFileReader, type RecordPart } from '../records/record-index';
import type { PaperSummary } from '../records/index-format';
import type { BackgroundRequest, PaperView, RequestOf, ResponseMap } from '../messaging/protocol';

/** Clusters up to this size come with their abstracts; a bigger one reads each when shown. */
const CLUSTER_ABSTRACTS_LIMIT = 25;

type BackgroundHandlers = {
  [T in BackgroundRequest['type']]: (request: RequestOf<T>, sender: Sender) => Promise<ResponseMap[T]>;
};

export interface ExtensionActions {
  openCluster(name: string): Promise<void>;
  showMatchCount(tabId: number, count: number): Promise<void>;
  /** Runs the content script in a tab the user pointed at (activeTab); resolves once its first scan is done. */
  scanTab(tabId: number): Promise<void>;
}

export interface Sender {
  tabId?: number;
  /**
   * True when a content script sent the request. Decided from the sender by the caller: a tab
   * alone does not tell, since our own pages (popup, cluster.html) may be open in a tab too.
   */
  contentScript?: boolean;
}

/**
 * `read` reads the bundled index; `userParts` loads the records the user imported (merged
 * after the bundled ones, which win on duplicates).
 */
export function createRecordsService(read: IndexFileReader, actions: ExtensionActions, userParts: () => Promise<RecordPart[]> = async () => []) {
  let loading: Promise<RecordIndex> | undefined;
  const index = (): Promise<RecordIndex> => {
    loading ??= loadIndex(read, userParts).catch((error: unknown) => {
      loading = undefined; // try again on the next request
      throw error;
    });
    return loading;
  };

  async function withAbstract(records: RecordIndex, paper: PaperSummary): Promise<PaperView> {
    return { ...paper, abstract: (await records.abstractOf(paper.id)) ?? '' };
  }

  /** One handler per request type: the compiler checks each answers with its own reply shape. */
  const handlers: BackgroundHandlers = {
    'match-titles': async ({ titles, ids }) => {
      const records = await index();
      // A title that is no exact key would otherwise work out every record's content words.
      await records.looseMatchingReady();
      // By a unique page id first, then by title (RecordIndex.matchPapers: the ids of all titles looked up at once).
      const found = await records.matchPapers(titles.map((title, i) => ({ title, ids: ids?.[i] })));
      const matches = found.map((match) => {
        if (!match) return null;
        const { id, title, venue, year, authorCount } = match.paper;
        return { id, title, venue, year, authorCount, by: match.by, score: match.score, ...(match.rule ? { rule: match.rule } : {}) };
      });
      return { matches };
    },
    'get-paper': async ({ id }) => {
      const records = await index();
      const paper = await records.paper(id);
      return { paper: paper ? await withAbstract(records, paper) : null };
    },
    'suggest-authors': async ({ query, limit }) => ({ suggestions: await (await index()).suggestAuthors(query, limit) }),
    'get-cluster': async ({ name }) => {
      const records = await index();
      const found = await records.cluster(name);
      if (!found) return { cluster: null };
      const papers =
        found.papers.length <= CLUSTER_ABSTRACTS_LIMIT
          ? await Promise.all(found.papers.map((p) => withAbstract(records, p)))
          : found.papers.map((p) => ({ ...p }));
      return { cluster: { name: found.name, papers, authorRows: found.authorRows, declaredPapers: found.declaredPapers } };
    },
    'open-cluster': async ({ name }) => {
      await actions.openCluster(name);
      return { ok: true };
    },
    'report-matches': async ({ count }, sender) => {
      if (!sender.contentScript || sender.tabId === undefined) throw new Error('report-matches must come from a content script in a tab');
      await actions.showMatchCount(sender.tabId, count);
      return { ok: true };
    },
    'user-records-changed': async (_request, sender) => {
      if (sender.contentScript !== false) throw new Error('user-records-changed may only come from the options page');
      loading = undefined; // the next request loads the records again, imports included
      return { ok: true };
    },
    'scan-tab': async ({ tabId }, sender) => {
      // Only our own pages (the popup) may ask; a content script may not.
      if (sender.contentScript !== false) throw new Error('scan-tab may only come from the popup');
      await actions.scanTab(tabId);
      return { ok: true };
    },
  };

  function handle<T extends BackgroundRequest['type']>(request: RequestOf<T>, sender: Sender): Promise<ResponseMap[T]> {
    // TypeScript cannot call a mapped handler through a union key; the table above is what is checked.
    const handler = handlers[request.type as T] as (request: RequestOf<T>, sender: Sender) => Promise<ResponseMap[T]>;
    return handler(request, sender);
  }

  return { handle, index };
}

/**
 * Imported records are a bonus: if they cannot be read (a browser that refuses IndexedDB, a
 * damaged database) the bundled records still work, and the failure is logged.
 */
async function loadIndex(read: IndexFileReader, userParts: () => Promise<RecordPart[]>): Promise<RecordIndex> {
  const imported = await userParts().catch((error: unknown) => {
    console.warn('[Arrow Lens] imported records not loaded:', error);
    return [];
  });
  return RecordIndex.load(read, imported);
}
