import { checkpointAside, type CheckpointAside } from './checkpoint-aside.js';
import { deferCheckpoints, type Db } from './database.js';
import { deferSearchMerges, optimizeSearchIndex } from './search-index.js';

/** Notes written by one bulk load after which the search index is merged whole (~0.4 s at 200k concepts). */
export const OPTIMIZE_AFTER = 200;

/**
 * A bulk load's write settings (many notes through one writer, e.g. `npm run ingest`): the WAL
 * is checkpointed once at the end (deferCheckpoints) and the search index's segments merged
 * once at the end (deferSearchMerges), into one segment when the load wrote at least
 * OPTIMIZE_AFTER notes (below that, merging as it goes resumes and takes care of them).
 * `expected` is how many notes it may write: from OPTIMIZE_AFTER, once it has written one, a
 * thread is started to copy the load's pages into the database file during that final merge
 * (checkpointAside); so an unchanged re-ingest, which writes nothing, starts none. Call `wrote`
 * with the notes written so far. `end` belongs in a `finally`: it restores both settings however
 * the load ended, and resolves once the WAL has been checkpointed.
 */
export function beginBulkLoad(db: Db, expected: number): { wrote(written: number): void; end(written: number): Promise<void> } {
  const restoreMerges = deferSearchMerges(db);
  const restoreCheckpoints = deferCheckpoints(db);
  let aside: CheckpointAside | null = null;
  return {
    wrote(written) {
      if (!aside && written > 0 && expected >= OPTIMIZE_AFTER && !db.memory) aside = checkpointAside(db.name);
    },
    async end(written) {
      let copied: Promise<void> | undefined;
      try {
        restoreMerges();
        if (written >= OPTIMIZE_AFTER) {
          // The load's pages go into the database file on another core while this one merges the
          // index. Measured on 2,000 notes: the load's end (merge, copies, final checkpoint) took
          // ~220 ms, against ~330 when the thread was only started here.
          copied = aside?.run();
          optimizeSearchIndex(db);
        }
      } finally {
        await (copied ?? aside?.cancel());
        restoreCheckpoints();
      }
    },
  };
}
