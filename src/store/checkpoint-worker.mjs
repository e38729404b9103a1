// Worker thread of checkpointAside (checkpoint-aside.ts): one PASSIVE checkpoint from a connection
// of its own. Plain JavaScript: it needs no TypeScript loader, so it starts in milliseconds.
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';

const db = new Database(workerData.path);
try {
  // PASSIVE waits for nobody: it copies the frames committed so far while the writer goes on.
  db.pragma('wal_checkpoint(PASSIVE)');
} finally {
  db.close();
}
