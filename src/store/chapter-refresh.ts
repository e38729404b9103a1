import { createHash } from 'node:crypto';
import { PARSER_VERSION } from '../ingest/compile-note.js';
import { titleFromPath } from '../notes/chapter-of.js';
import { chapterId } from '../notes/ids.js';
import type { Db } from './database.js';

interface ChapterDocument {
  id: string;
  hash: string;
  title: string | null;
  path: string;
}

/**
 * Recomputes the summary row (title, counts, ETag) of each given chapter from
 * its current documents; removes the row when no document is left. Runs
 * inside the writer's transaction, so the ETag always matches the content.
 */
export function refreshChapters(db: Db, course: string, chapters: string[], now: string): void {
  for (const chapter of new Set(chapters)) {
    const docs = db
      .prepare<[string, string], ChapterDocument>(
        `SELECT id, hash, title, path FROM documents
         WHERE course = ? AND chapter = ? AND deleted_at IS NULL
         ORDER BY sort_order IS NULL, sort_order, path`,
      )
      .all(course, chapter);
    const id = chapterId(course, chapter);
    if (docs.length === 0) {
      db.prepare('DELETE FROM chapters WHERE id = ?').run(id);
      continue;
    }
    const count = (table: string) =>
      (
        db
          .prepare(`SELECT count(*) AS n FROM ${table} WHERE document_id IN (${docs.map(() => '?').join(',')})`)
          .get(...docs.map((d) => d.id)) as { n: number }
      ).n;
    // The ETag names the exact content: which documents, at which bytes, read by which parser.
    const etag = createHash('sha256')
      .update(`${PARSER_VERSION}\n${docs.map((d) => `${d.id}:${d.hash}`).join('\n')}`)
      .digest('base64url')
      .slice(0, 27);
    const title = docs.find((d) => d.title)?.title ?? titleFromPath(docs[0]!.path);
    db.prepare(
      `INSERT INTO chapters (id, course, chapter, title, etag, topic_count, concept_count, figure_count, document_count, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, etag = excluded.etag, topic_count = excluded.topic_count,
         concept_count = excluded.concept_count, figure_count = excluded.figure_count,
         document_count = excluded.document_count, updated_at = excluded.updated_at`,
    ).run(id, course, chapter, title, etag, count('topics'), count('concepts'), count('figures'), docs.length, now);
  }
}
