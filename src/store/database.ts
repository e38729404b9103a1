import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';
import { repairSearchMerges } from './search-index.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) and migrates the database. WAL lets readers and
 * other server processes keep reading while one writer commits; the busy
 * timeout makes a second writer wait for the first instead of failing.
 */
export function openDatabase(path: string, { readonly = false } = {}): Db {
  if (path !== ':memory:' && !readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly });
  db.pragma('busy_timeout = 10000');
  // 16 KiB pages, for a new database (an existing one keeps its size): fewer pages per note
  // written and per chapter read; a bulk ingest measured ~12% faster than with 4 KiB.
  if (!readonly) db.pragma('page_size = 16384');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  // A 64 MB page cache against SQLite's 2 MB default. It kept bulk ingest from thrashing while item
  // ids had hash-ordered indexes; since migration 006 dropped them, ingest measures the same either way.
  db.pragma('cache_size = -65536');
  if (!readonly) {
    migrate(db);
    repairSearchMerges(db);
  }
  return db;
}

/**
 * For a bulk load: let the WAL grow to ~320 MB (20,000 pages of 16 KiB)
 * instead of checkpointing every 1,000 pages, then checkpoint once and
 * truncate it. Each commit is as durable as ever (it is in the WAL); what
 * goes is copying pages into the database file, and fsyncing it, over and
 * over while they are still changing (measured: ~15% of a 2,000-note load).
 * Call around one connection's bulk writes; returns the restore function.
 */
export function deferCheckpoints(db: Db): () => void {
  const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 20000');
  return () => {
    db.pragma(`wal_autocheckpoint = ${before}`);
    // Waits (busy_timeout) for readers on older snapshots; if some stay, the next checkpoint finishes the job.
    db.pragma('wal_checkpoint(TRUNCATE)');
  };
}
