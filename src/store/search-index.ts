import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { choseongBigrams, fastIndexText } from '../search/index-text.js';
import type { ParsedNote } from '../notes/model.js';
import type { Db } from './database.js';

export const SEARCH_TYPES = ['topic', 'term', 'concept', 'figure'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const KIND: Record<SearchType, number> = { topic: 0, term: 1, concept: 2, figure: 3 };

/**
 * Topic and key-term rows get rowids above HEAD_BASE, concept and figure rows
 * below it. The reader scans matches newest-first (rowid DESC) and stops at a
 * cap, so for a very common word it meets every title/term hit before any
 * body hit: the rowid order is the ranking prior that lets it skip bm25 over
 * tens of thousands of rows (see search-reader.ts).
 */
export const HEAD_BASE = 2 ** 40;

/** What a figure hit shows and is found by. */
export function figureText(label: string | null, target: string): string {
  return label ?? target;
}

const token = (prefix: string, ...parts: string[]) =>
  prefix + createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);

/**
 * Filter tokens for the scope column: plain ASCII words, so unicode61 keeps
 * each whole. Chapter is its own token so `chapter=2` alone spans courses.
 */
export const scopeToken = {
  course: (course: string) => token('k', course),
  chapter: (chapter: string) => token('h', chapter),
  type: (type: SearchType) => `t${type}`,
};

interface Statements {
  insertFts: Statement;
  insertRow: Statement;
  rowsOf: Statement<[string], { rowid: number }>;
  deleteFts: Statement;
  deleteRows: Statement;
  maxBody: Statement<[number], { max: number | null }>;
  maxHead: Statement<[number], { max: number | null }>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insertFts: db.prepare('INSERT INTO search_fts (rowid, text, choseong, scope) VALUES (?, ?, ?, ?)'),
      insertRow: db.prepare('INSERT INTO search_rows (rowid, document_id, kind, item_id, ord) VALUES (?, ?, ?, ?, ?)'),
      rowsOf: db.prepare('SELECT rowid FROM search_rows WHERE document_id = ?'),
      deleteFts: db.prepare('DELETE FROM search_fts WHERE rowid = ?'),
      deleteRows: db.prepare('DELETE FROM search_rows WHERE document_id = ?'),
      maxBody: db.prepare('SELECT max(rowid) AS max FROM search_rows WHERE rowid < ?'),
      maxHead: db.prepare('SELECT max(rowid) AS max FROM search_rows WHERE rowid >= ?'),
    };
    cache.set(db, s);
  }
  return s;
}

/** Removes a document's search rows. Call inside the writer's transaction. */
export function deleteSearchRows(db: Db, documentId: string): void {
  const s = statements(db);
  for (const { rowid } of s.rowsOf.all(documentId)) s.deleteFts.run(rowid);
  s.deleteRows.run(documentId);
}

/**
 * Writes one FTS row per topic, key term, concept and figure of a document.
 * Call inside the writer's transaction, after its old rows are deleted, so a
 * search never sees a half-written document.
 */
export function indexDocument(db: Db, documentId: string, course: string, chapter: string, note: ParsedNote): void {
  const s = statements(db);
  let body = (s.maxBody.get(HEAD_BASE)?.max ?? 0) + 1;
  let head = (s.maxHead.get(HEAD_BASE)?.max ?? HEAD_BASE) + 1;
  const where = `${scopeToken.course(course)} ${scopeToken.chapter(chapter)} `;
  const add = (rowid: number, type: SearchType, itemId: string, ord: number, text: string) => {
    s.insertFts.run(rowid, fastIndexText(text), choseongBigrams(text), where + scopeToken.type(type));
    s.insertRow.run(rowid, documentId, KIND[type], itemId, ord);
  };
  for (const t of note.topics) add(head++, 'topic', t.id, 0, t.title);
  for (const c of note.concepts) {
    c.terms.forEach((term, i) => add(head++, 'term', c.id, i, term));
    add(body++, 'concept', c.id, 0, c.text);
  }
  for (const f of note.figures) add(body++, 'figure', f.id, 0, figureText(f.label, f.target));
}
