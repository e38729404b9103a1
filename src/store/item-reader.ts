import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { documentSeqOf } from './item-rows.js';

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

/** Finds topics, concepts and figures by their stable id (primary-key look-ups). */
export class ItemReader {
  private readonly locate: Record<ItemKind, Statement<[string], ItemLocation>>;

  constructor(db: Db) {
    const statement = (table: string) =>
      db.prepare<[string], ItemLocation>(`SELECT d.id AS documentId, d.hash, d.current_revision AS revision, d.course, d.chapter
        FROM ${table} i JOIN documents d ON d.seq = ${documentSeqOf('i')} WHERE i.id = ? AND d.deleted_at IS NULL`);
    this.locate = { topic: statement(TABLES.topic), concept: statement(TABLES.concept), figure: statement(TABLES.figure) };
  }

  find(kind: ItemKind, id: string): ItemLocation | undefined {
    return this.locate[kind].get(id);
  }
}
