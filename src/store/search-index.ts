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

/** An FTS row's column values: index text, choseong words, scope token. */
export type SearchRow = [text: string, choseong: string, scope: string];

/** The FTS column values of an item's searchable text (see SEARCH_SOURCE). */
export function searchRow(text: string, scope: string): SearchRow {
  return [fastIndexText(text), choseongWords(text), scope];
}

/**
 * FTS changes staged while a transaction writes items, applied by
 * writeSearchRows before it commits. Why not write them at once: FTS5 flushes
 * its pending terms to a new on-disk segment whenever a rowid arrives below
 * the last one written and at every SAVEPOINT (the writer opens one per
 * note). Written per item, each note cost two to three tiny segments (topics,
 * terms and concepts live in descending rowid ranges) and the merging that
 * follows; staged and written in rowid order once per transaction, a batch
 * of notes is one segment. Measured on 2,000 notes: see bench/ingest.ts.
 */
export class SearchRows {
  readonly inserts = new Map<number, SearchRow>();
  readonly deletes = new Set<number>();

  /** The FTS row of an item just inserted (`rowid` from the insert, offset by kind). */
  add(type: SearchType, itemRowid: number, row: SearchRow): void {
    if (itemRowid >= SPAN) throw new Error(`search index: item rowid ${itemRowid} out of range`);
    this.inserts.set(ROWID_RANGE[type][0] + itemRowid, row);
  }

  /**
   * Drops an FTS row. One still only staged is just forgotten: its rowid was
   * free in the item table when staged, so no older row of it is indexed.
   */
  remove(rowid: number): void {
    if (!this.inserts.delete(rowid)) this.deletes.add(rowid);
  }

  /** Takes over the changes of a note written after these (its savepoint released). */
  merge(later: SearchRows): void {
    for (const rowid of later.deletes) this.remove(rowid);
    for (const [rowid, row] of later.inserts) this.inserts.set(rowid, row);
  }
}

interface Statements {
  insertFts: Statement<[number, string, string, string]>;
  deleteFts: Statement<[number]>;
  items: Array<[offset: number, Statement<[string], [number, string]>]>;
  rowids: Statement<[string, string, string, string], number>;
  deletes: Statement<[string]>[];
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insertFts: db.prepare('INSERT INTO search_fts (rowid, text, choseong, scope) VALUES (?, ?, ?, ?)'),
      deleteFts: db.prepare('DELETE FROM search_fts WHERE rowid = ?'),
      // Raw rows (arrays): no per-row object for the ~1.3 rows per concept.
      items: SEARCH_TYPES.map((type) => {
        const { table, text } = SEARCH_SOURCE[type];
        const stmt = db.prepare<[string], [number, string]>(`SELECT rowid, ${text} FROM ${table} WHERE document_id = ?`).raw(true);
        return [ROWID_RANGE[type][0], stmt] as [number, Statement<[string], [number, string]>];
      }),
      rowids: db
        .prepare<[string, string, string, string], number>(
          SEARCH_TYPES.map((type) => `SELECT rowid + ${ROWID_RANGE[type][0]} FROM ${SEARCH_SOURCE[type].table} WHERE document_id = ?`).join(' UNION ALL '),
        )
        .pluck(),
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

/** Stages the removal of a document's search rows; like deleteSearchRows, call before its items are deleted. */
export function stageSearchDeletes(db: Db, documentId: string, rows: SearchRows): void {
  for (const rowid of statements(db).rowids.all(documentId, documentId, documentId, documentId)) rows.remove(rowid);
}

/** Applies staged changes in rowid order (deletes, then inserts); call inside the transaction that staged them. */
export function writeSearchRows(db: Db, rows: SearchRows): void {
  const s = statements(db);
  for (const rowid of [...rows.deletes].sort((a, b) => a - b)) s.deleteFts.run(rowid);
  for (const rowid of [...rows.inserts.keys()].sort((a, b) => a - b)) {
    const [text, choseong, scope] = rows.inserts.get(rowid)!;
    s.insertFts.run(rowid, text, choseong, scope);
  }
  rows.inserts.clear();
  rows.deletes.clear();
}

/**
 * Indexes a document from the item tables it was written to (the rowids are
 * the link, see ROWID_RANGE); the writer stages rows from memory instead
 * (SearchRows). For rebuilding an index and for bench/search.ts.
 */
export function indexDocument(db: Db, documentId: string, course: string, chapter: string): void {
  const s = statements(db);
  const scope = scopeToken(course, chapter);
  const rows = new SearchRows();
  for (const [offset, items] of s.items) {
    for (const [rowid, text] of items.all(documentId)) {
      if (rowid >= SPAN) throw new Error(`search index: item rowid ${rowid} out of range`);
      rows.inserts.set(offset + rowid, searchRow(text, scope));
    }
  }
  writeSearchRows(db, rows);
}

/**
 * Merges the FTS index into one segment. A bulk load leaves it in many
 * (FTS5 flushes a segment per transaction and merges lazily), which costs
 * queries: p50 ~1.4 ms as built vs ~0.8 ms merged at 200k concepts. Takes
 * the write lock for ~0.4 s at that size, so the CLI runs it only after a
 * large ingest.
 */
export function optimizeSearchIndex(db: Db): void {
  db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
}
