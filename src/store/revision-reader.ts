import type { Db } from './database.js';

export interface CurrentDocument {
  id: string;
  course: string;
  path: string;
  chapter: string;
  revision: number;
  hash: string;
  deleted: boolean;
}

export interface RevisionSource {
  revision: number;
  hash: string;
  source: Buffer;
}

/** What the write path needs to read: a document's current state and any stored revision's bytes. */
export class RevisionReader {
  private readonly currentRow;
  private readonly sourceRow;

  constructor(db: Db) {
    this.currentRow = db.prepare<[string], Omit<CurrentDocument, 'deleted'> & { deleted_at: string | null }>(
      'SELECT id, course, path, chapter, current_revision AS revision, hash, deleted_at FROM documents WHERE id = ?',
    );
    this.sourceRow = db.prepare<[string, number], RevisionSource>(
      'SELECT revision, hash, source FROM revisions WHERE document_id = ? AND revision = ?',
    );
  }

  current(documentId: string): CurrentDocument | null {
    const row = this.currentRow.get(documentId);
    if (!row) return null;
    const { deleted_at, ...rest } = row;
    return { ...rest, deleted: deleted_at !== null };
  }

  source(documentId: string, revision: number): RevisionSource | null {
    return this.sourceRow.get(documentId, revision) ?? null;
  }
}
