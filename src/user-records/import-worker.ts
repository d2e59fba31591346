/**
 * Reads and parses one picked record file off the options page's main thread: a big file
 * (BibTeX parsing costs up to a few ms an entry) must not freeze the page or its progress bar.
 * Storing stays with the page (IndexedDB, one transaction).
 */
import { ImportError, prepareSource, readRecordFile } from './import-file';
import type { WorkerReply, WorkerRequest } from './import-in-worker';

const post = (reply: WorkerReply) => postMessage(reply);

addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const { file, id, importedAt } = event.data;
  void (async () => {
    try {
      const text = await readRecordFile(file, (share) => post({ kind: 'progress', phase: 'reading', share }));
      post({ kind: 'progress', phase: 'parsing', share: 0 });
      const onParsed = (share: number) => post({ kind: 'progress', phase: 'parsing', share });
      post({ kind: 'done', prepared: prepareSource(text, { name: file.name, bytes: file.size }, id, importedAt, onParsed) });
    } catch (error) {
      post({ kind: 'failed', problems: error instanceof ImportError ? error.problems : [`${file.name}: ${String(error)}`] });
    }
  })();
});
