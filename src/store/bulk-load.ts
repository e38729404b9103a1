import { checkpointAside } from './checkpoint-aside.js';
import { deferCheckpoints, type Db } from './database.js';
import { deferSearchMerges, optimizeSearchIndex } from './search-index.js';

/** Notes written by one bulk load after which the search index is merged whole (~0.4 s at 200k concepts). */
export const OPTIMIZE_AFTER = 200;

/**
 * A bulk load's write settings (many notes through one writer, e.g. `npm run ingest`): the WAL
 * is checkpointed once at the end (deferCheckpoints) and the search index's segments merged
 * once at the end (deferSearchMerges), into one segment when the load wrote at least
 * OPTIMIZE_AFTER notes (below that, merging as it goes resumes and takes care of them).
 * `end` belongs in a `finally`: it restores both settings however the load ended, and
 * resolves once the WAL has been checkpointed.
 */
export function beginBulkLoad(db: Db): { end(written: number): Promise<void> } {
  const restoreMerges = deferSearchMerges(db);
  const restoreCheckpoints = deferCheckpoints(db);
  return {
    async end(written) {
      let aside: Promise<void> | undefined;
      try {
        restoreMerges();
        if (written >= OPTIMIZE_AFTER) {
          // The load's pages go into the database file on another core while this one merges the
          // index. Measured on 2,000 notes: the final checkpoint then took ~100 ms instead of ~270.
          if (!db.memory) aside = checkpointAside(db.name);
          optimizeSearchIndex(db);
        }
      } finally {
        await aside;
        restoreCheckpoints();
      }
    },
  };
}
