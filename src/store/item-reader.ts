import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { documentIdRange } from '../notes/ids.js';
import { ofDocument } from './item-rows.js';

export type ItemKind = 'topic' | 'concept' | 'figure';

/** Where a current item lives: enough to version it and find its chapter. */
export interface ItemLocation {
  documentId: string;
  hash: string;
  revision: number;
  course: string;
  chapter: string;
}

const TABLES: Record<ItemKind, string> = { topic: 'topics', concept: 'concepts', figure: 'figures' };

/**
 * Finds topics, concepts and figures by their stable id. Item ids have no
 * index (migrations/006): the id names its document, whose items are one key
 * range, so a look-up reads that document (by primary key) and scans its items.
 */
export class ItemReader {
  private readonly locate: Record<ItemKind, Statement<[string, string, string], ItemLocation>>;

  constructor(db: Db) {
    // `+i.id`: compared while scanning the range; as a bare column SQLite builds an automatic
    // index over the whole table for it instead (~15 ms at 200k concepts).
    const statement = (table: string) =>
      db.prepare<[string, string, string], ItemLocation>(`SELECT d.id AS documentId, d.hash, d.current_revision AS revision, d.course, d.chapter
        FROM documents d JOIN ${table} i ON ${ofDocument('i', 'd')}
        WHERE d.id >= ? AND d.id < ? AND d.deleted_at IS NULL AND +i.id = ?`);
    this.locate = { topic: statement(TABLES.topic), concept: statement(TABLES.concept), figure: statement(TABLES.figure) };
  }

  find(kind: ItemKind, id: string): ItemLocation | undefined {
    const documents = documentIdRange(id);
    return documents ? this.locate[kind].get(documents[0], documents[1], id) : undefined;
  }
}
