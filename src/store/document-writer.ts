import type { CompiledNote } from '../ingest/compile-note.js';
import { PARSER_VERSION } from '../ingest/compile-note.js';
import type { Db } from './database.js';
import { refreshChapters } from './chapter-refresh.js';
import { deleteItems, insertItems, readItemFingerprints, type ItemDiff, diffItems } from './item-rows.js';
import { deleteSearchRows, scopeToken, SearchRows, stageSearchDeletes, writeSearchRows } from './search-index.js';
import { noteWrite } from './write-generation.js';

export type WriteStatus = 'added' | 'unchanged' | 'updated' | 'restored';

export interface WriteResult {
  status: WriteStatus;
  documentId: string;
  revision: number;
  chapter: string;
  changes: ItemDiff;
}

interface CurrentRow {
  hash: string;
  parser_version: number;
  current_revision: number;
  course: string;
  chapter: string;
  deleted_at: string | null;
}

/**
 * Writes documents: each new revision, its items and the chapter summaries
 * in one transaction, so a reader sees the old chapter or the new one, never
 * a mix. Unchanged bytes write nothing at all.
 */
export class DocumentWriter {
  private readonly current;
  private readonly insertDocument;
  private readonly updateDocument;
  private readonly insertRevision;
  private readonly latestRevision;
  private readonly markDeleted;

  constructor(private readonly db: Db) {
    this.current = db.prepare<[string], CurrentRow>(
      'SELECT hash, parser_version, current_revision, course, chapter, deleted_at FROM documents WHERE id = ?',
    );
    this.insertDocument = db.prepare(`INSERT INTO documents
      (id, course, path, chapter, title, sort_order, current_revision, hash, parser_version, created_at, updated_at)
      VALUES (@id, @course, @path, @chapter, @title, @order, @revision, @hash, @parserVersion, @now, @now)`);
    this.updateDocument = db.prepare(`UPDATE documents SET chapter = @chapter, title = @title, sort_order = @order,
      current_revision = @revision, hash = @hash, parser_version = @parserVersion, deleted_at = NULL, updated_at = @now
      WHERE id = @id`);
    this.insertRevision = db.prepare(`INSERT INTO revisions (document_id, revision, hash, source, chapter, title, meta, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.latestRevision = db.prepare<[string], { revision: number; hash: string }>(
      'SELECT revision, hash FROM revisions WHERE document_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.markDeleted = db.prepare('UPDATE documents SET deleted_at = ?, updated_at = ? WHERE id = ?');
  }

  /** Cheap check before parsing: the current revision number if it holds exactly these bytes. */
  currentRevisionWith(documentId: string, hash: string): number | null {
    const row = this.current.get(documentId);
    const same = row && row.hash === hash && row.parser_version === PARSER_VERSION && row.deleted_at === null;
    return same ? row.current_revision : null;
  }

  save(compiled: CompiledNote): WriteResult {
    const result = this.db
      .transaction(() => {
        const search = new SearchRows();
        const saved = this.saveInTransaction(compiled, search);
        writeSearchRows(this.db, search);
        return saved;
      })
      .immediate();
    noteWrite(this.db);
    return result;
  }

  /**
   * Bulk loading: several notes in one commit (commits dominate small writes),
   * each in its own savepoint so one failure rolls back only that note.
   */
  saveMany(notes: CompiledNote[]): (WriteResult | { error: unknown })[] {
    const saveOne = this.db.transaction((compiled: CompiledNote, search: SearchRows) => this.saveInTransaction(compiled, search));
    const results = this.db
      .transaction(() => {
        // Search rows are written once for the batch, in rowid order, after the savepoints (see SearchRows).
        const batch = new SearchRows();
        const results = notes.map((compiled) => {
          const search = new SearchRows();
          try {
            const saved = saveOne(compiled, search);
            batch.merge(search); // only once its savepoint is released: a failed note stages nothing
            return saved;
          } catch (error) {
            return { error };
          }
        });
        writeSearchRows(this.db, batch);
        return results;
      })
      .immediate();
    noteWrite(this.db);
    return results;
  }

  /** Removes a document from the current view; its revisions stay readable. */
  delete(documentId: string): { chapter: string; revision: number; changes: ItemDiff } | null {
    const removed = this.db
      .transaction(() => {
        const row = this.current.get(documentId);
        if (!row || row.deleted_at) return null;
        const changes = diffItems(readItemFingerprints(this.db, documentId), new Map());
        deleteSearchRows(this.db, documentId); // before the items: it finds the rows through them
        deleteItems(this.db, documentId);
        const now = new Date().toISOString();
        this.markDeleted.run(now, now, documentId);
        refreshChapters(this.db, row.course, [row.chapter], now);
        return { chapter: row.chapter, revision: row.current_revision, changes };
      })
      .immediate();
    noteWrite(this.db);
    return removed;
  }

  private saveInTransaction(compiled: CompiledNote, search: SearchRows): WriteResult {
    const { documentId } = compiled;
    const row = this.current.get(documentId);
    if (row && row.hash === compiled.hash && row.parser_version === PARSER_VERSION && !row.deleted_at) {
      return { status: 'unchanged', documentId, revision: row.current_revision, chapter: row.chapter, changes: emptyDiff() };
    }
    const now = new Date().toISOString();
    const latest = this.latestRevision.get(documentId);
    // Re-reading the same bytes (a parser upgrade, an undelete) reuses their revision.
    const revision = latest?.hash === compiled.hash ? latest.revision : (latest?.revision ?? 0) + 1;
    const before = row ? readItemFingerprints(this.db, documentId) : new Map<string, string>();
    const params = {
      id: documentId,
      course: compiled.course,
      path: compiled.path,
      chapter: compiled.chapter,
      title: compiled.note.frontMatter.title,
      order: compiled.order,
      revision,
      hash: compiled.hash,
      parserVersion: PARSER_VERSION,
      now,
    };
    if (row) {
      stageSearchDeletes(this.db, documentId, search); // before the items: it finds the rows through them
      deleteItems(this.db, documentId);
      this.updateDocument.run(params);
    } else {
      this.insertDocument.run(params);
    }
    if (revision !== latest?.revision) {
      const fm = compiled.note.frontMatter;
      this.insertRevision.run(documentId, revision, compiled.hash, compiled.bytes, compiled.chapter, fm.title, JSON.stringify(fm.meta), now);
    }
    const scope = scopeToken(compiled.course, compiled.chapter);
    const after = insertItems(this.db, documentId, compiled, row !== undefined, { rows: search, scope });
    const chapters = row && row.chapter !== compiled.chapter ? [row.chapter, compiled.chapter] : [compiled.chapter];
    refreshChapters(this.db, compiled.course, chapters, now);
    const status: WriteStatus = !row ? 'added' : row.deleted_at ? 'restored' : 'updated';
    return { status, documentId, revision, chapter: compiled.chapter, changes: diffItems(before, after) };
  }
}

function emptyDiff(): ItemDiff {
  return { added: [], removed: [], changed: [] };
}
