import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { PARSER_VERSION } from '../ingest/compile-note.js';
import { titleFromPath } from '../notes/chapter-of.js';
import { chapterId } from '../notes/ids.js';
import type { Db } from './database.js';

interface ChapterDocument {
  id: string;
  hash: string;
  title: string | null;
  path: string;
  topics: number;
  concepts: number;
  figures: number;
}

interface Statements {
  documents: Statement<[string, string], ChapterDocument>;
  remove: Statement<[string]>;
  upsert: Statement;
  bump: Statement<[]>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      // Item counts are kept on each document row by the writer (migrations/005).
      documents: db.prepare(`SELECT id, hash, title, path, topic_count AS topics, concept_count AS concepts, figure_count AS figures
        FROM documents WHERE course = ? AND chapter = ? AND deleted_at IS NULL ORDER BY sort_order IS NULL, sort_order, path`),
      remove: db.prepare('DELETE FROM chapters WHERE id = ?'),
      bump: db.prepare('UPDATE content_version SET version = version + 1'),
      upsert: db.prepare(`INSERT INTO chapters (id, course, chapter, title, etag, topic_count, concept_count, figure_count, document_count, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, etag = excluded.etag, topic_count = excluded.topic_count,
          concept_count = excluded.concept_count, figure_count = excluded.figure_count,
          document_count = excluded.document_count, updated_at = excluded.updated_at`),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * Recomputes the summary row (title, counts, ETag) of each given chapter from
 * its current documents; removes the row when no document is left; bumps the
 * global content version. Runs inside the writer's transaction, so the ETags
 * always match the content.
 */
export function refreshChapters(db: Db, course: string, chapters: string[], now: string): void {
  const s = statements(db);
  s.bump.run();
  for (const chapter of new Set(chapters)) {
    const docs = s.documents.all(course, chapter);
    const id = chapterId(course, chapter);
    if (docs.length === 0) {
      s.remove.run(id);
      continue;
    }
    const count = (key: 'topics' | 'concepts' | 'figures') => docs.reduce((sum, d) => sum + d[key], 0);
    // The ETag names the exact content: which documents, at which bytes, read by which parser.
    const etag = createHash('sha256')
      .update(`${PARSER_VERSION}\n${docs.map((d) => `${d.id}:${d.hash}`).join('\n')}`)
      .digest('base64url')
      .slice(0, 27);
    const title = docs.find((d) => d.title)?.title ?? titleFromPath(docs[0]!.path);
    s.upsert.run(id, course, chapter, title, etag, count('topics'), count('concepts'), count('figures'), docs.length, now);
  }
}
