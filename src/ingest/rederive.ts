import type { FastifyBaseLogger } from 'fastify';
import { NoteError } from '../notes/note-error.js';
import type { Db } from '../store/database.js';
import { DocumentWriter } from '../store/document-writer.js';
import { compileNote, PARSER_VERSION, type CompiledNote } from './compile-note.js';

const BATCH = 64;

/**
 * Re-reads every current document whose items came from another parser
 * version (or were emptied by a migration, which marks them version 0) from
 * the bytes stored with its current revision. Items are derived data: this
 * is how a parser upgrade or a change to the item tables reaches notes
 * nobody re-ingests. Returns how many were re-read; a note the parser now
 * refuses keeps its revision and is logged.
 */
export function rederiveStale(db: Db, log: Pick<FastifyBaseLogger, 'info' | 'warn'>): number {
  const stale = db
    .prepare<[number], { id: string; course: string; path: string; source: Buffer }>(
      `SELECT d.id, d.course, d.path, r.source FROM documents d
       JOIN revisions r ON r.document_id = d.id AND r.revision = d.current_revision
       WHERE d.parser_version <> ? AND d.deleted_at IS NULL ORDER BY d.seq`,
    )
    .all(PARSER_VERSION);
  if (stale.length === 0) return 0;
  const writer = new DocumentWriter(db);
  let rederived = 0;
  for (let i = 0; i < stale.length; i += BATCH) {
    const batch: CompiledNote[] = [];
    for (const doc of stale.slice(i, i + BATCH)) {
      try {
        // The stored course is the effective one (front matter's, if it set one), so the id comes out the same.
        batch.push(compileNote({ course: doc.course, path: doc.path }, doc.source));
      } catch (error) {
        if (!(error instanceof NoteError)) throw error;
        log.warn({ documentId: doc.id, line: error.line }, `stored note no longer parses: ${error.message}`);
      }
    }
    for (const result of writer.saveMany(batch)) {
      if ('error' in result) log.warn({ err: result.error }, 'stored note could not be re-read');
      else rederived++;
    }
  }
  log.info({ rederived }, 'notes re-read from their stored sources');
  return rederived;
}
