/** The options page's side of import-worker.ts: one worker per file, its answer as a promise. */
import { ImportError } from './import-error';
import type { PreparedSource } from './import-file';
import ImportWorker from './import-worker?worker';

export interface WorkerRequest {
  file: File;
  id: string;
  importedAt: number;
}

export type WorkerReply =
  | { kind: 'progress'; phase: 'reading' | 'parsing'; share: number }
  | { kind: 'done'; prepared: PreparedSource }
  | { kind: 'failed'; problems: string[] };

export function prepareInWorker(request: WorkerRequest, onProgress: (phase: 'reading' | 'parsing', share: number) => void): Promise<PreparedSource> {
  // `?worker`: Vite bundles import-worker.ts as a file of its own and gives its constructor.
  const worker = new ImportWorker();
  return new Promise<PreparedSource>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.kind === 'progress') return onProgress(reply.phase, reply.share);
      if (reply.kind === 'done') resolve(reply.prepared);
      else reject(new ImportError(reply.problems));
    });
    worker.addEventListener('error', (event) => reject(new ImportError([`${request.file.name}: ${event.message || 'the import stopped'}`])));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}
