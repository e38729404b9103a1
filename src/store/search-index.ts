import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { choseongWords, fastIndexText } from '../search/index-text.js';
import type { Db } from './database.js';

export const SEARCH_TYPES = ['topic', 'term', 'concept', 'figure'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * An FTS row's rowid is its item's own rowid in topics/terms/concepts/figures
 * plus the kind's offset, so the index needs no row map (it cost 0.26x of the
 * indexed text) and a hit is hydrated by a rowid lookup. Each kind thus owns a
 * rowid range. The reader scans matches newest-first (rowid DESC) and stops
 * at a cap, so for a very common word it meets every topic and key-term hit
 * before any figure or concept body: the rowid order is the ranking prior
 * that lets it skip bm25 over tens of thousands of rows (see
 * search-reader.ts). A type filter is then just a rowid range.
 */
export const ROWID_RANGE: Record<SearchType, [first: number, end: number]> = {
  concept: [0, 2 ** 40],
  figure: [2 ** 40, 2 ** 41],
  term: [2 ** 41, 2 ** 42],
  topic: [2 ** 42, 2 ** 43],
};
const SPAN = 2 ** 40;

export function typeOfRowid(rowid: number): SearchType {
  return rowid >= 2 ** 42 ? 'topic' : rowid >= 2 ** 41 ? 'term' : rowid >= 2 ** 40 ? 'figure' : 'concept';
}

/** The item table, and what a hit of each kind shows and is found by. */
export const SEARCH_SOURCE: Record<SearchType, { table: string; text: string }> = {
  topic: { table: 'topics', text: 'title' },
  term: { table: 'terms', text: 'term' },
  concept: { table: 'concepts', text: 'text' },
  figure: { table: 'figures', text: 'coalesce(label, target)' },
};

const token = (prefix: string, value: string) => prefix + createHash('sha256').update(value).digest('hex').slice(0, 16);

/**
 * The scope column's one filter token per row: its (course, chapter), a plain
 * ASCII word so the tokenizer keeps it whole. One token, not a course token
 * and a chapter token: every token costs FTS write time on every row (the
 * second one cost ~10% of the index build), while a filter on a course alone
 * or a chapter alone is an OR over that course's chapters or that chapter's
 * courses, read from the chapters table (search-reader.ts scopes()).
 */
export function scopeToken(course: string, chapter: string): string {
  return 's' + createHash('sha256').update(JSON.stringify([course, chapter])).digest('hex').slice(0, 16);
}

interface Statements {
  insertFts: Statement<[number, string, string, string]>;
  items: Array<[offset: number, Statement<[string], [number, string]>]>;
  deletes: Statement<[string]>[];
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insertFts: db.prepare('INSERT INTO search_fts (rowid, text, choseong, scope) VALUES (?, ?, ?, ?)'),
      // Raw rows (arrays): no per-row object for the ~1.3 rows per concept.
      items: SEARCH_TYPES.map((type) => {
        const { table, text } = SEARCH_SOURCE[type];
        const stmt = db.prepare<[string], [number, string]>(`SELECT rowid, ${text} FROM ${table} WHERE document_id = ?`).raw(true);
        return [ROWID_RANGE[type][0], stmt] as [number, Statement<[string], [number, string]>];
      }),
      // contentless_delete=1 deletes by rowid alone; the IN list is walked as rowid lookups.
      deletes: SEARCH_TYPES.map((type) =>
        db.prepare(
          `DELETE FROM search_fts WHERE rowid IN (SELECT rowid + ${ROWID_RANGE[type][0]} FROM ${SEARCH_SOURCE[type].table} WHERE document_id = ?)`,
        ),
      ),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * Removes a document's search rows. Call inside the writer's transaction,
 * BEFORE its items are deleted: the rows are found through the items' rowids.
 */
export function deleteSearchRows(db: Db, documentId: string): void {
  for (const statement of statements(db).deletes) statement.run(documentId);
}

/**
 * Writes one FTS row per topic, key term, concept and figure of a document,
 * read back from the item tables it was just written to (the rowids are the
 * link, see ROWID_RANGE). Call inside the writer's transaction, after the
 * items are inserted, so a search never sees a half-written document.
 */
export function indexDocument(db: Db, documentId: string, course: string, chapter: string): void {
  const s = statements(db);
  const scope = scopeToken(course, chapter);
  for (const [offset, items] of s.items) {
    for (const [rowid, text] of items.all(documentId)) {
      if (rowid >= SPAN) throw new Error(`search index: item rowid ${rowid} out of range`);
      s.insertFts.run(offset + rowid, fastIndexText(text), choseongWords(text), scope);
    }
  }
}
