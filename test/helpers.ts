import { readFileSync } from 'node:fs';
import { compileNote } from '../src/ingest/compile-note.js';
import { openDatabase, type Db } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';

export const SEED_FILE = 'seed/computer-networking/ch02-application-layer.md';
export const SEED_COURSE = 'computer-networking';
export const SEED_PATH = 'ch02-application-layer.md';

export function seedBytes(): Buffer {
  return readFileSync(SEED_FILE);
}

/** A migrated in-memory database with the seed note loaded. */
export function seededDb(): { db: Db; writer: DocumentWriter } {
  const db = openDatabase(':memory:');
  const writer = new DocumentWriter(db);
  writer.save(compileNote({ course: SEED_COURSE, path: SEED_PATH }, seedBytes()));
  return { db, writer };
}

export function note(course: string, path: string, markdown: string) {
  return compileNote({ course, path }, Buffer.from(markdown));
}

/** Every posting of the search index (term, row, column, offset), in a stable order. */
export function postings(db: Db): string[] {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.postings USING fts5vocab('main', 'search_fts', 'instance')");
  return (db.prepare('SELECT term, doc, col, offset FROM temp.postings ORDER BY doc, col, offset').raw(true).all() as unknown[][]).map((r) => r.join('|'));
}
