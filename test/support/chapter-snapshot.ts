import type { Db } from '../../src/store/database.js';

/**
 * A chapter as a reader sees it: its summary row, documents and items, read
 * in one transaction (one WAL snapshot), the way the read API must read it.
 * Used where that API is not present; the HTTP variant runs when it is.
 */
export function chapterSnapshot(db: Db, course: string, chapter: string) {
  return db.transaction(() => {
    const summary = db.prepare('SELECT etag, topic_count, concept_count FROM chapters WHERE course = ? AND chapter = ?').get(course, chapter);
    const documents = db
      .prepare('SELECT id, hash, title FROM documents WHERE course = ? AND chapter = ? AND deleted_at IS NULL ORDER BY path')
      .all(course, chapter) as { id: string }[];
    const ids = documents.map((d) => d.id);
    const items = (table: string) =>
      ids.flatMap((id) => db.prepare(`SELECT id, markdown FROM ${table} WHERE seq >> 23 = (SELECT seq FROM documents WHERE id = ?) ORDER BY seq`).all(id));
    return { summary, documents, topics: items('topics'), concepts: items('concepts') };
  })();
}
