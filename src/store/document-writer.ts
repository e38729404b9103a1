import type { CompiledNote } from '../ingest/compile-note.js';
import { PARSER_VERSION } from '../ingest/compile-note.js';
import type { Db } from './database.js';
import { refreshChapters } from './chapter-refresh.js';
import { addedItems, deleteItems, diffItems, insertItems, itemBase, itemCounts, readItemFingerprints, type ItemDiff } from './item-rows.js';
import { indexedRows, initialsWritten, scopeToken, SearchRows, writeSearchRows, type IndexedRows } from './search-index.js';
import { noteWrite } from './write-generation.js';

export type WriteStatus = 'added' | 'unchanged' | 'updated' | 'restored';

export interface WriteSummary {
  status: WriteStatus;
  documentId: string;
  revision: number;
  chapter: string;
}

export interface WriteResult extends WriteSummary {
  changes: ItemDiff;
}

interface CurrentRow {
  seq: number;
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

  constructor(readonly db: Db) {
    this.current = db.prepare<[string], CurrentRow>('SELECT seq, hash, parser_version, current_revision, course, chapter, deleted_at FROM documents WHERE id = ?');
    // A new document takes the next number: its items' keys then append to every item table.
    this.insertDocument = db.prepare(`INSERT INTO documents
      (id, seq, course, path, chapter, title, sort_order, current_revision, hash, parser_version, created_at, updated_at,
        topic_count, concept_count, term_count, figure_count)
      VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM documents), @course, @path, @chapter, @title, @order, @revision, @hash,
        @parserVersion, @now, @now, @topics, @concepts, @terms, @figures)
      RETURNING seq`);
    this.updateDocument = db.prepare(`UPDATE documents SET chapter = @chapter, title = @title, sort_order = @order,
      current_revision = @revision, hash = @hash, parser_version = @parserVersion, deleted_at = NULL, updated_at = @now,
      topic_count = @topics, concept_count = @concepts, term_count = @terms, figure_count = @figures
      WHERE id = @id`);
    this.insertRevision = db.prepare(`INSERT INTO revisions (document_id, revision, hash, source, chapter, title, meta, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.latestRevision = db.prepare<[string], { revision: number; hash: string }>(
      'SELECT revision, hash FROM revisions WHERE document_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.markDeleted = db.prepare(`UPDATE documents SET deleted_at = ?, updated_at = ?,
      topic_count = 0, concept_count = 0, term_count = 0, figure_count = 0 WHERE id = ?`);
  }

  /** Cheap check before parsing: the current revision's hash and number, if the current parser read it. */
  currentVersion(documentId: string): { hash: string; revision: number } | null {
    const row = this.current.get(documentId);
    return row && row.parser_version === PARSER_VERSION && row.deleted_at === null ? { hash: row.hash, revision: row.current_revision } : null;
  }

  save(compiled: CompiledNote): WriteResult {
    const result = this.db
      .transaction(() => {
        const staged = new Staged();
        const saved = this.saveInTransaction(compiled, staged, true);
        return { saved, initials: staged.apply(this.db) };
      })
      .immediate();
    initialsWritten(this.db, result.initials);
    noteWrite(this.db);
    return result.saved;
  }

  /**
   * Bulk loading: several notes in one commit (commits dominate small writes),
   * each in its own savepoint so one failure rolls back only that note.
   */
  saveMany(notes: CompiledNote[]): (WriteSummary | { error: unknown })[] {
    const saveOne = this.db.transaction((compiled: CompiledNote, staged: Staged) => this.saveInTransaction(compiled, staged, false));
    const results = this.db
      .transaction(() => {
        // Search rows and chapter summaries are written once for the batch, after the savepoints (see Staged).
        const batch = new Staged();
        const results = notes.map((compiled) => {
          const staged = new Staged();
          try {
            const saved = saveOne(compiled, staged);
            batch.merge(staged); // only once its savepoint is released: a failed note stages nothing
            return saved;
          } catch (error) {
            return { error };
          }
        });
        return { results, initials: batch.apply(this.db) };
      })
      .immediate();
    initialsWritten(this.db, results.initials);
    noteWrite(this.db);
    return results.results;
  }

  /** Removes a document from the current view; its revisions stay readable. */
  delete(documentId: string): { chapter: string; revision: number; changes: ItemDiff } | null {
    const removed = this.db
      .transaction(() => {
        const row = this.current.get(documentId);
        if (!row || row.deleted_at) return null;
        const base = itemBase(row.seq);
        const changes = diffItems(readItemFingerprints(this.db, base), new Map());
        const staged = new Staged();
        staged.search.stage(base, indexedRows(this.db, base, row.course, row.chapter), null);
        staged.touch(row.course, row.chapter);
        deleteItems(this.db, base);
        const now = new Date().toISOString();
        this.markDeleted.run(now, now, documentId);
        staged.apply(this.db, now);
        return { chapter: row.chapter, revision: row.current_revision, changes };
      })
      .immediate();
    noteWrite(this.db);
    return removed;
  }

  /** Writes one note; `diff` says whether to report which items changed (bulk loads don't). */
  private saveInTransaction(compiled: CompiledNote, staged: Staged, diff: true): WriteResult;
  private saveInTransaction(compiled: CompiledNote, staged: Staged, diff: boolean): WriteSummary;
  private saveInTransaction(compiled: CompiledNote, staged: Staged, diff: boolean): WriteSummary | WriteResult {
    const { documentId, rows } = compiled;
    const row = this.current.get(documentId);
    if (row && row.hash === compiled.hash && row.parser_version === PARSER_VERSION && !row.deleted_at) {
      return { status: 'unchanged', documentId, revision: row.current_revision, chapter: row.chapter, changes: emptyDiff() };
    }
    const now = new Date().toISOString();
    const latest = this.latestRevision.get(documentId);
    // Re-reading the same bytes (a parser upgrade, an undelete) reuses their revision.
    const revision = latest?.hash === compiled.hash ? latest.revision : (latest?.revision ?? 0) + 1;
    const params = {
      id: documentId,
      course: compiled.course,
      path: compiled.path,
      chapter: compiled.chapter,
      title: compiled.declaredTitle,
      order: compiled.order,
      revision,
      hash: compiled.hash,
      parserVersion: PARSER_VERSION,
      now,
      ...itemCounts(rows),
    };
    let base: number;
    let before = new Map<string, string>();
    let indexed: IndexedRows | null = null;
    if (row) {
      base = itemBase(row.seq);
      if (diff) before = readItemFingerprints(this.db, base);
      // The search rows of its items as they are (a deleted document has none left), to delete them by.
      indexed = indexedRows(this.db, base, row.course, row.chapter);
      deleteItems(this.db, base);
      this.updateDocument.run(params);
    } else {
      base = itemBase((this.insertDocument.get(params) as { seq: number }).seq);
    }
    if (revision !== latest?.revision) {
      this.insertRevision.run(documentId, revision, compiled.hash, compiled.bytes, compiled.chapter, compiled.declaredTitle, compiled.meta, now);
    }
    insertItems(this.db, base, rows);
    staged.search.stage(base, indexed, { texts: rows.fts, scope: scopeToken(compiled.course, compiled.chapter), grams: rows.grams });
    if (row) staged.touch(row.course, row.chapter); // the one it leaves, if it moves
    staged.touch(compiled.course, compiled.chapter);
    const status: WriteStatus = !row ? 'added' : row.deleted_at ? 'restored' : 'updated';
    const summary: WriteSummary = { status, documentId, revision, chapter: compiled.chapter };
    if (!diff) return summary;
    const after = row ? readItemFingerprints(this.db, base) : addedItems(rows);
    return { ...summary, changes: diffItems(before, after) };
  }
}

/**
 * What a write transaction does once, after its notes' items: write the
 * search rows (see SearchRows) and refresh the summaries of the chapters the
 * notes touched (refreshing per note redid a chapter once per note of a batch).
 */
class Staged {
  readonly search = new SearchRows();
  private readonly chapters = new Map<string, { course: string; chapter: string }>();

  touch(course: string, chapter: string): void {
    this.chapters.set(JSON.stringify([course, chapter]), { course, chapter });
  }

  /** Takes over the changes of a note written after these (its savepoint released). */
  merge(later: Staged): void {
    this.search.merge(later.search);
    for (const [key, value] of later.chapters) this.chapters.set(key, value);
  }

  /** Returns what writeSearchRows does: the Hangul tokens new to search_initials. */
  apply(db: Db, now = new Date().toISOString()): number[] {
    const initials = writeSearchRows(db, this.search);
    const byCourse = new Map<string, string[]>();
    for (const { course, chapter } of this.chapters.values()) byCourse.set(course, [...(byCourse.get(course) ?? []), chapter]);
    for (const [course, chapters] of byCourse) refreshChapters(db, course, chapters, now);
    return initials;
  }
}

function emptyDiff(): ItemDiff {
  return { added: [], removed: [], changed: [] };
}
