import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { choseongBigrams, fastIndexText } from '../search/index-text.js';
import type { ParsedNote } from '../notes/model.js';
import type { Db } from './database.js';

export const SEARCH_TYPES = ['topic', 'term', 'concept', 'figure'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * Each kind owns a rowid range. The reader scans matches newest-first
 * (rowid DESC) and stops at a cap, so for a very common word it meets every
 * topic and key-term hit before any figure or concept body: the rowid order is
 * the ranking prior that lets it skip bm25 over tens of thousands of rows (see
 * search-reader.ts). A type filter is then just a rowid range.
 */
export const ROWID_RANGE: Record<SearchType, [first: number, end: number]> = {
  concept: [1, 2 ** 40],
  figure: [2 ** 40, 2 ** 41],
  term: [2 ** 41, 2 ** 42],
  topic: [2 ** 42, 2 ** 43],
};
const STABLE_ID = /^[tcf]_(?:[0-9a-f]{2})+$/;
const ID_PREFIX: Record<SearchType, string> = { topic: 't_', term: 'c_', concept: 'c_', figure: 'f_' };

export function typeOfRowid(rowid: number): SearchType {
  return rowid >= 2 ** 42 ? 'topic' : rowid >= 2 ** 41 ? 'term' : rowid >= 2 ** 40 ? 'figure' : 'concept';
}

/** The item id a search row stands for (a term row names its concept). */
export function itemId(rowid: number, item: Buffer): string {
  return ID_PREFIX[typeOfRowid(rowid)] + item.toString('hex');
}

/** What a figure hit shows and is found by. */
export function figureText(label: string | null, target: string): string {
  return label ?? target;
}

const token = (prefix: string, value: string) => prefix + createHash('sha256').update(value).digest('hex').slice(0, 16);

/**
 * Filter tokens for the scope column: plain ASCII words, so unicode61 keeps
 * each whole. Chapter is its own token so `chapter=2` alone spans courses.
 */
export const scopeToken = {
  course: (course: string) => token('k', course),
  chapter: (chapter: string) => token('h', chapter),
};

interface Statements {
  insertFts: Statement;
  insertRow: Statement;
  maxIn: Statement<[number, number], { max: number | null }>;
  ranges: Statement<[string], { ranges: string }>;
  rowsBetween: Statement<[number, number], { rowid: number }>;
  deleteFts: Statement;
  deleteRows: Statement;
  putDocument: Statement;
  deleteDocument: Statement;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insertFts: db.prepare('INSERT INTO search_fts (rowid, text, choseong, scope) VALUES (?, ?, ?, ?)'),
      insertRow: db.prepare('INSERT INTO search_rows (rowid, item, ord) VALUES (?, ?, ?)'),
      maxIn: db.prepare('SELECT max(rowid) AS max FROM search_rows WHERE rowid >= ? AND rowid < ?'),
      ranges: db.prepare('SELECT ranges FROM search_documents WHERE document_id = ?'),
      rowsBetween: db.prepare('SELECT rowid FROM search_rows WHERE rowid BETWEEN ? AND ?'),
      deleteFts: db.prepare('DELETE FROM search_fts WHERE rowid = ?'),
      deleteRows: db.prepare('DELETE FROM search_rows WHERE rowid BETWEEN ? AND ?'),
      putDocument: db.prepare('INSERT OR REPLACE INTO search_documents (document_id, ranges) VALUES (?, ?)'),
      deleteDocument: db.prepare('DELETE FROM search_documents WHERE document_id = ?'),
    };
    cache.set(db, s);
  }
  return s;
}

/** Removes a document's search rows. Call inside the writer's transaction. */
export function deleteSearchRows(db: Db, documentId: string): void {
  const s = statements(db);
  const row = s.ranges.get(documentId);
  if (!row) return;
  for (const [first, last] of JSON.parse(row.ranges) as [number, number][]) {
    for (const { rowid } of s.rowsBetween.all(first, last)) s.deleteFts.run(rowid);
    s.deleteRows.run(first, last);
  }
  s.deleteDocument.run(documentId);
}

/**
 * Writes one FTS row per topic, key term, concept and figure of a document,
 * each kind in one contiguous rowid run after the newest rows of that kind.
 * Call inside the writer's transaction, after deleteSearchRows, so a search
 * never sees a half-written document.
 */
export function indexDocument(db: Db, documentId: string, course: string, chapter: string, note: ParsedNote): void {
  const s = statements(db);
  const scope = `${scopeToken.course(course)} ${scopeToken.chapter(chapter)}`;
  const ranges: [number, number][] = [];
  const kind = (type: SearchType, items: Array<{ id: string; ord: number; text: string }>) => {
    if (items.length === 0) return;
    // The map stores ids as bytes; src/notes/ids.ts stableId() (prefix + hex) is what makes that lossless.
    const bad = items.find((item) => !STABLE_ID.test(item.id));
    if (bad) throw new Error(`search index: unexpected item id ${bad.id}`);
    const [start, end] = ROWID_RANGE[type];
    const first = (s.maxIn.get(start, end)?.max ?? start - 1) + 1;
    items.forEach((item, i) => {
      s.insertFts.run(first + i, fastIndexText(item.text), choseongBigrams(item.text), scope);
      s.insertRow.run(first + i, Buffer.from(item.id.slice(2), 'hex'), item.ord);
    });
    ranges.push([first, first + items.length - 1]);
  };
  kind('topic', note.topics.map((t) => ({ id: t.id, ord: 0, text: t.title })));
  kind('term', note.concepts.flatMap((c) => c.terms.map((term, ord) => ({ id: c.id, ord, text: term }))));
  kind('concept', note.concepts.map((c) => ({ id: c.id, ord: 0, text: c.text })));
  kind('figure', note.figures.map((f) => ({ id: f.id, ord: 0, text: figureText(f.label, f.target) })));
  s.putDocument.run(documentId, JSON.stringify(ranges));
}
