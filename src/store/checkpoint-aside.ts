import { Worker } from 'node:worker_threads';

const WORKER = new URL('./checkpoint-worker.mjs', import.meta.url);

/**
 * Copies the WAL frames committed so far into the database file from another thread, while
 * this one goes on writing; resolves when done. It saves the writer the copying only: a
 * failure costs nothing but time, the writer's own checkpoint then copies everything.
 */
export function checkpointAside(path: string): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { workerData: { path } });
    worker.once('error', () => {});
    worker.once('exit', () => resolve());
  });
}
