import { deferCheckpoints, type Db } from './database.js';
import { deferSearchMerges, optimizeSearchIndex } from './search-index.js';

/** Notes written by one bulk load after which the search index is merged whole (~0.4 s at 200k concepts). */
export const OPTIMIZE_AFTER = 200;

/**
 * A bulk load's write settings (many notes through one writer, e.g. `npm run ingest`): the WAL
 * is checkpointed once at the end (deferCheckpoints) and the search index's segments merged
 * once at the end (deferSearchMerges), into one segment when the load wrote at least
 * OPTIMIZE_AFTER notes (below that, merging as it goes resumes and takes care of them).
 * `end` belongs in a `finally`: it restores both settings however the load ended.
 */
export function beginBulkLoad(db: Db): { end(written: number): void } {
  const restoreMerges = deferSearchMerges(db);
  const restoreCheckpoints = deferCheckpoints(db);
  return {
    end(written) {
      try {
        restoreMerges();
        if (written >= OPTIMIZE_AFTER) optimizeSearchIndex(db);
      } finally {
        restoreCheckpoints();
      }
    },
  };
}
