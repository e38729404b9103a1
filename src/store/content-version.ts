import type { Db } from './database.js';

/** The global content version (bumped by every write); names what all-content responses were computed from. */
export function contentVersionReader(db: Db): () => number {
  const statement = db.prepare<[], number>('SELECT version FROM content_version WHERE id = 1').pluck();
  return () => statement.get() ?? 0;
}
