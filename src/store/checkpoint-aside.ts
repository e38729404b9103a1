import { Worker } from 'node:worker_threads';

const WORKER = new URL('./checkpoint-worker.mjs', import.meta.url);

export interface CheckpointAside {
  /** Copies the WAL frames committed so far into the database file; resolves when done. */
  run(): Promise<void>;
  /** Stops the thread without copying anything. */
  cancel(): Promise<void>;
}

/**
 * A thread with a connection of its own, started now and kept waiting, that copies WAL frames
 * into the database file while this thread goes on writing. Started ahead: starting it when
 * needed (a thread, better-sqlite3, a connection) took ~80 ms that the copying then finished
 * late by. It saves the writer the copying only: a failure costs nothing but time, the
 * writer's own checkpoint then copies everything.
 */
export function checkpointAside(path: string): CheckpointAside {
  const worker = new Worker(WORKER, { workerData: { path } });
  worker.once('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    run() {
      worker.postMessage('checkpoint');
      return exited;
    },
    // Not a message: a thread still starting would first open its connection, for nothing.
    cancel: () => worker.terminate().then(() => undefined),
  };
}
