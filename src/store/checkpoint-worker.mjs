// Worker thread of checkpointAside (checkpoint-aside.ts): opens a connection of its own, then
// waits; told 'checkpoint', runs one PASSIVE checkpoint and closes (cancelled, it is terminated).
// Plain JavaScript: it needs no TypeScript loader, so it starts in milliseconds.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.path);
parentPort.once('message', (message) => {
  try {
    // PASSIVE waits for nobody: it copies the frames committed so far while the writer goes on.
    if (message === 'checkpoint') db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
    process.exit(0);
  }
});
