import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { COLUMNS, rowCount, type ItemRows, type ItemTable } from '../ingest/prepare-rows.js';

/** Item ids (their prefix says the kind: t_ topic, c_ concept, b_ block, f_ figure). */
export interface ItemDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/**
 * A document's items are one key range per table (migrations/005): item i of
 * a kind has key `seq * DOCUMENT_SPAN + i`. A note is at most 2^23 bytes and
 * every item takes at least a byte of it, so no index reaches the span.
 */
const DOCUMENT_BITS = 23;
export const DOCUMENT_SPAN = 2 ** DOCUMENT_BITS;
/** SQL for the `documents.seq` of the item row `alias` (the key's high bits). */
export const documentSeqOf = (alias: string) => `(${alias}.seq >> ${DOCUMENT_BITS})`;
/** SQL: the item row `item` is one of document row `document`'s (a key range, so it joins without an index). */
export const ofDocument = (item: string, document: string) =>
  `${item}.seq BETWEEN (${document}.seq << ${DOCUMENT_BITS}) AND (${document}.seq << ${DOCUMENT_BITS}) + ${DOCUMENT_SPAN - 1}`;
// Keys stay below 2^50 so search-index.ts can add a kind's offset and stay an exact JS number.
const MAX_DOCUMENT_SEQ = 2 ** 27;

export function itemBase(documentSeq: number): number {
  if (!Number.isSafeInteger(documentSeq) || documentSeq < 1 || documentSeq >= MAX_DOCUMENT_SEQ) {
    throw new Error(`document number ${documentSeq} is out of the item key range`);
  }
  return documentSeq * DOCUMENT_SPAN;
}

const TABLES: ItemTable[] = ['topics', 'concepts', 'terms', 'blocks', 'figures'];

/**
 * Rows per INSERT statement in a bulk write: one statement of 16 rows binds the
 * same values as 16 of one row but crosses from JavaScript into SQLite once
 * (measured on 2,000 notes, writer alone: ~5% less time than one row each;
 * 64 rows gained less).
 */
const ROWS_PER_INSERT = 16;

interface Statements {
  /** Per table: [one row, ROWS_PER_INSERT rows]. */
  insert: Record<ItemTable, [Statement<unknown[]>, Statement<unknown[]>]>;
  remove: Statement<[number, number]>[];
  fingerprints: Statement<number[], { id: string; fp: string }>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    const insert = (table: ItemTable): [Statement<unknown[]>, Statement<unknown[]>] => {
      const columns = ['seq', ...COLUMNS[table]];
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const rows = (n: number) => db.prepare<unknown[]>(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`);
      return [rows(1), rows(ROWS_PER_INSERT)];
    };
    const range = 'seq BETWEEN ? AND ?';
    s = {
      insert: { topics: insert('topics'), concepts: insert('concepts'), terms: insert('terms'), blocks: insert('blocks'), figures: insert('figures') },
      remove: TABLES.map((table) => db.prepare<[number, number]>(`DELETE FROM ${table} WHERE ${range}`)),
      // What a reader would notice changing, per item; ids alone say added or removed.
      fingerprints: db.prepare(`
        SELECT id, level || '|' || coalesce(section, '') || '|' || coalesce(parent_id, '') || '|' || markdown AS fp FROM topics WHERE ${range}
        UNION ALL SELECT id, coalesce(topic_id, '') || '|' || coalesce(parent_id, '') || '|' || markdown FROM concepts WHERE ${range}
        UNION ALL SELECT id, coalesce(topic_id, '') || '|' || markdown FROM blocks WHERE ${range}
        UNION ALL SELECT id, coalesce(concept_id, block_id, topic_id, '') || '|' || coalesce(label, '') FROM figures WHERE ${range}`),
    };
    cache.set(db, s);
  }
  return s;
}

/** Deletes a document's items (`base` from itemBase). */
export function deleteItems(db: Db, base: number): void {
  for (const statement of statements(db).remove) statement.run(base, base + DOCUMENT_SPAN - 1);
}

/** Inserts a note's items under the document's key range (`base` from itemBase). */
export function insertItems(db: Db, base: number, rows: ItemRows): void {
  const s = statements(db);
  for (const table of TABLES) {
    const width = COLUMNS[table].length;
    const cells = rows[table];
    if (cells.length / width >= DOCUMENT_SPAN) throw new Error(`a note cannot hold ${cells.length / width} ${table}`);
    const [one, many] = s.insert[table];
    let k = 0;
    let key = base;
    // Bound arrays reused for every statement: better-sqlite3 binds an array's elements in order.
    const manyArgs: unknown[] = new Array((width + 1) * ROWS_PER_INSERT);
    for (; k + width * ROWS_PER_INSERT <= cells.length; ) {
      for (let a = 0, r = 0; r < ROWS_PER_INSERT; r++, key++) {
        manyArgs[a++] = key;
        for (let j = 0; j < width; j++) manyArgs[a++] = cells[k++];
      }
      many.run(manyArgs);
    }
    const args: unknown[] = new Array(width + 1);
    for (; k < cells.length; k += width, key++) {
      args[0] = key;
      for (let j = 0; j < width; j++) args[j + 1] = cells[k + j];
      one.run(args);
    }
  }
}

/** Ids of the items a note's rows hold, each with an empty fingerprint: all of them are new. */
export function addedItems(rows: ItemRows): Map<string, string> {
  const ids = new Map<string, string>();
  for (const table of ['topics', 'concepts', 'blocks', 'figures'] as const) {
    const width = COLUMNS[table].length;
    for (let k = 0; k < rows[table].length; k += width) ids.set(rows[table][k] as string, '');
  }
  return ids;
}

export function itemCounts(rows: ItemRows): { topics: number; concepts: number; terms: number; figures: number } {
  return { topics: rowCount(rows, 'topics'), concepts: rowCount(rows, 'concepts'), terms: rowCount(rows, 'terms'), figures: rowCount(rows, 'figures') };
}

export function readItemFingerprints(db: Db, base: number): Map<string, string> {
  const end = base + DOCUMENT_SPAN - 1;
  const rows = statements(db).fingerprints.all(base, end, base, end, base, end, base, end);
  return new Map(rows.map((row) => [row.id, row.fp]));
}

export function diffItems(before: Map<string, string>, after: Map<string, string>): ItemDiff {
  const diff: ItemDiff = { added: [], removed: [], changed: [] };
  for (const [id, fp] of after) {
    const old = before.get(id);
    if (old === undefined) diff.added.push(id);
    else if (old !== fp) diff.changed.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) diff.removed.push(id);
  return diff;
}
