import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

export interface DocumentHead {
  id: string;
  hash: string;
  revision: number;
  deletedAt: string | null;
}

export interface RevisionRow {
  revision: number;
  hash: string;
  size: number;
  chapter: string;
  title: string | null;
  createdAt: string;
}

/** Stored documents and every revision's exact bytes. */
export class DocumentReader {
  private readonly head: Statement<[string], DocumentHead>;
  private readonly source: Statement<[string, number], { source: Buffer; hash: string }>;
  private readonly revisions: Statement<[string, number, number], RevisionRow>;

  constructor(db: Db) {
    this.head = db.prepare(`SELECT id, hash, current_revision AS revision, deleted_at AS deletedAt FROM documents WHERE id = ?`);
    this.source = db.prepare('SELECT source, hash FROM revisions WHERE document_id = ? AND revision = ?');
    this.revisions = db.prepare(`SELECT revision, hash, length(source) AS size, chapter, title, created_at AS createdAt
      FROM revisions WHERE document_id = ? AND revision < ? ORDER BY revision DESC LIMIT ?`);
  }

  find(id: string): DocumentHead | undefined {
    return this.head.get(id);
  }

  sourceOf(id: string, revision: number): { source: Buffer; hash: string } | undefined {
    return this.source.get(id, revision);
  }

  /** Newest first, strictly older than `before`. */
  listRevisions(id: string, before: number, limit: number): RevisionRow[] {
    return this.revisions.all(id, before, limit);
  }
}
