import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { CHOSEONG } from '../search/index-chars.js';
import { gramToken, HangulGrams, indexTexts } from '../search/index-text.js';
import { FIELD_MARK } from '../search/tokenize.js';
import type { Db } from './database.js';
import { DOCUMENT_SPAN, itemBase } from './item-rows.js';

export const SEARCH_TYPES = ['topic', 'term', 'concept', 'figure'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * An FTS row's rowid is its item's key in topics/terms/concepts/figures
 * (`seq`, see item-rows.ts) plus the kind's offset, so the index needs no row
 * map (it cost 0.26x of the indexed text) and a hit is hydrated by a key
 * lookup. Each kind thus owns a rowid range (item keys stay below 2^50, the
 * four ranges below 2^52: exact JS numbers). The reader scans matches
 * newest-first (rowid DESC) and stops at a cap, so for a very common word it
 * meets every topic and key-term hit before any figure or concept body: the
 * rowid order is the ranking prior that lets it skip bm25 over tens of
 * thousands of rows (see search-reader.ts). A type filter is then just a
 * rowid range.
 */
const SPAN = 2 ** 50;
export const ROWID_RANGE: Record<SearchType, [first: number, end: number]> = {
  concept: [0, SPAN],
  figure: [SPAN, 2 * SPAN],
  term: [2 * SPAN, 3 * SPAN],
  topic: [3 * SPAN, 4 * SPAN],
};

export function typeOfRowid(rowid: number): SearchType {
  return rowid >= 3 * SPAN ? 'topic' : rowid >= 2 * SPAN ? 'term' : rowid >= SPAN ? 'figure' : 'concept';
}

/** The item table, and what a hit of each kind shows and is found by. */
export const SEARCH_SOURCE: Record<SearchType, { table: string; text: string }> = {
  topic: { table: 'topics', text: 'title' },
  term: { table: 'terms', text: 'term' },
  concept: { table: 'concepts', text: 'text' },
  figure: { table: 'figures', text: 'coalesce(label, target)' },
};

/**
 * The scope column's one filter token per row: its (course, chapter), marked
 * with FIELD_MARK so no word of a note can match it. One token, not a course token
 * and a chapter token: every token costs FTS write time on every row (the
 * second one cost ~10% of the index build), while a filter on a course alone
 * or a chapter alone is an OR over that course's chapters or that chapter's
 * courses, read from the chapters table (search-reader.ts scopes()).
 */
export function scopeToken(course: string, chapter: string): string {
  return FIELD_MARK + 's' + createHash('sha256').update(JSON.stringify([course, chapter])).digest('hex').slice(0, 16);
}

/** A document's FTS text values per kind, in item order (ItemRows.fts). */
export type SearchTexts = Record<SearchType, string[]>;

/** What the index holds for a document: its rows' values, needed to delete them (see SearchRows). */
export interface IndexedRows {
  texts: SearchTexts;
  scope: string;
}

/** A document's rows to index, and its Hangul tokens (ItemRows.grams) for initial-consonant search. */
export interface NewRows extends IndexedRows {
  grams: number[];
}

interface StagedDocument {
  base: number;
  /** What the index held for the document before this transaction; null: nothing. */
  indexed: IndexedRows | null;
  /** Its rows now; null when it is removed. */
  rows: NewRows | null;
}

/**
 * FTS changes staged while a transaction writes items, applied by
 * writeSearchRows before it commits. Why not write them at once: FTS5 flushes
 * its pending terms to a new on-disk segment whenever a rowid arrives below
 * the last one written and at every SAVEPOINT (the writer opens one per
 * note). Written per note, each note cost a few tiny segments (its concepts,
 * figures, terms and topics live in four rowid ranges) and the merging that
 * follows; staged and written in rowid order once per transaction, a batch
 * of notes is one segment. Measured on 2,000 notes: see bench/ingest.ts.
 */
export class SearchRows {
  private readonly documents = new Map<number, StagedDocument>();

  /**
   * A document's rows become `rows` (null: none). `indexed` is what the index
   * holds for it now (indexedRows); staged twice in one transaction, the
   * first staging's `indexed` stands, since nothing was written in between.
   */
  stage(base: number, indexed: IndexedRows | null, rows: NewRows | null): void {
    const known = this.documents.get(base);
    this.documents.set(base, { base, indexed: known ? known.indexed : indexed, rows });
  }

  /** Takes over the changes of a note written after these (its savepoint released). */
  merge(later: SearchRows): void {
    for (const d of later.documents.values()) this.stage(d.base, d.indexed, d.rows);
  }

  /** Staged documents in key order. */
  staged(): StagedDocument[] {
    return [...this.documents.values()].sort((a, b) => a.base - b.base);
  }

  clear(): void {
    this.documents.clear();
  }
}

interface Statements {
  insertFts: Statement<[number, string, string]>;
  deleteFts: Statement<[number, string, string]>;
  insertInitials: Statement<[string, string]>;
  document: Statement<[string], { seq: number; course: string; chapter: string }>;
  items: Array<[type: SearchType, Statement<[number, number], string>]>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insertFts: db.prepare('INSERT INTO search_fts (rowid, text, scope) VALUES (?, ?, ?)'),
      // The index keeps no copy of its rows and no per-row sizes (migrations/008): FTS5 deletes a row's tokens as told.
      deleteFts: db.prepare("INSERT INTO search_fts (search_fts, rowid, text, scope) VALUES ('delete', ?, ?, ?)"),
      insertInitials: db.prepare('INSERT OR IGNORE INTO search_initials (initials, term) VALUES (?, ?)'),
      document: db.prepare('SELECT seq, course, chapter FROM documents WHERE id = ?'),
      items: SEARCH_TYPES.map((type) => {
        const { table, text } = SEARCH_SOURCE[type];
        return [type, db.prepare<[number, number], string>(`SELECT ${text} FROM ${table} WHERE seq BETWEEN ? AND ? ORDER BY seq`).pluck()];
      }),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * Applies staged changes in rowid order (deletes, then inserts, each kind's
 * range in turn); call inside the transaction that staged them. Returns the
 * Hangul tokens it added to search_initials: once the transaction commits,
 * pass them to initialsWritten.
 */
export function writeSearchRows(db: Db, rows: SearchRows): number[] {
  const s = statements(db);
  const documents = rows.staged();
  const each = (pick: (d: StagedDocument) => IndexedRows | null, statement: Statement<[number, string, string]>) => {
    for (const type of SEARCH_TYPES_BY_ROWID) {
      const offset = ROWID_RANGE[type][0];
      for (const d of documents) {
        const values = pick(d);
        if (!values) continue;
        const texts = values.texts[type];
        for (let k = 0, rowid = offset + d.base; k < texts.length; k++, rowid++) statement.run(rowid, texts[k]!, values.scope);
      }
    }
  };
  each((d) => d.indexed, s.deleteFts);
  each((d) => d.rows, s.insertFts);
  const added = writeInitials(db, s, documents);
  rows.clear();
  return added;
}

/**
 * Hangul tokens known to be in search_initials, per connection: a bulk load
 * meets the same few thousand tokens in every note, and only new ones are
 * written. Filled only after a commit (initialsWritten), so a rolled-back
 * write cannot leave a token here that the table lacks.
 */
const knownInitials = new WeakMap<Db, Set<number>>();

function writeInitials(db: Db, s: Statements, documents: StagedDocument[]): number[] {
  const known = knownInitials.get(db);
  const added = new Set<number>();
  for (const d of documents) {
    for (const code of d.rows?.grams ?? []) {
      if (known?.has(code) || added.has(code)) continue;
      added.add(code);
      s.insertInitials.run(initialsOf(code), gramToken(code));
    }
  }
  return [...added];
}

/** Call after the transaction that wrote `added` (writeSearchRows) commits. */
export function initialsWritten(db: Db, added: number[]): void {
  let known = knownInitials.get(db);
  if (!known) knownInitials.set(db, (known = new Set()));
  for (const code of added) known.add(code);
}

/** A Hangul token's initial consonants ('소켓' -> 'ㅅㅋ'), from its code. */
function initialsOf(code: number): string {
  const second = code & 0xffff;
  const first = String.fromCharCode(CHOSEONG[(code >>> 16) - 0xac00]!);
  return second ? first + String.fromCharCode(CHOSEONG[second - 0xac00]!) : first;
}

const SEARCH_TYPES_BY_ROWID = [...SEARCH_TYPES].sort((a, b) => ROWID_RANGE[a][0] - ROWID_RANGE[b][0]);

/**
 * What the index holds for the document whose items start at key `base`, in
 * (course, chapter): the values its rows were inserted with, computed again
 * from the items' stored text, as FTS5 needs them to delete the rows. The same
 * functions made them (the writer's come from prepareRows, which calls
 * indexTexts; test/search-index-writes.test.ts checks a rewrite leaves the
 * index as a fresh load would). Read before the items are deleted.
 */
export function indexedRows(db: Db, base: number, course: string, chapter: string): IndexedRows {
  return { texts: storedTexts(db, base, undefined), scope: scopeToken(course, chapter) };
}

function storedTexts(db: Db, base: number, grams: HangulGrams | undefined): SearchTexts {
  const texts = {} as SearchTexts;
  for (const [type, items] of statements(db).items) texts[type] = indexTexts(items.all(base, base + DOCUMENT_SPAN - 1), grams);
  return texts;
}

/**
 * Indexes a document from the item tables it was written to (the keys are
 * the link, see ROWID_RANGE); the writer stages rows from memory instead
 * (SearchRows). For rebuilding an index and for bench/search.ts.
 */
export function indexDocument(db: Db, documentId: string): void {
  const document = statements(db).document.get(documentId);
  if (!document) throw new Error(`no document ${documentId}`);
  const base = itemBase(document.seq);
  const grams = new HangulGrams();
  const texts = storedTexts(db, base, grams);
  const rows = new SearchRows();
  rows.stage(base, null, { texts, scope: scopeToken(document.course, document.chapter), grams: grams.codes });
  // Its tokens are not remembered as written (initialsWritten): a later write inserts them again, to no effect.
  writeSearchRows(db, rows);
}

/**
 * Merges the FTS index into one segment. A bulk load leaves it in many
 * (FTS5 flushes a segment per transaction; see deferSearchMerges), which
 * costs queries: p50 ~1.4 ms in a few segments vs ~0.8 ms merged at 200k
 * concepts. Takes the write lock for ~0.4 s at that size.
 */
export function optimizeSearchIndex(db: Db): void {
  db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
}

// FTS5's merge settings (persistent, in search_fts_config): migrations/002 sets automerge; 16 is crisismerge's default.
const AUTOMERGE = 8;
const CRISISMERGE = 16;

function setMerges(db: Db, automerge: number, crisismerge: number): void {
  db.exec(`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', ${automerge})`);
  db.exec(`INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', ${crisismerge})`);
}

/**
 * For a bulk load: FTS5 merges no segments while it runs (until 64 pile up
 * on one level), and the caller merges them all once at the end
 * (optimizeSearchIndex). Merging as it goes rewrites the same postings on
 * every level they climb; measured on 2,000 notes, the load took ~0.3 s
 * less and the final optimize as long as after a load that merged as it
 * went (~0.37 s). Returns the function that restores merging as it goes.
 */
export function deferSearchMerges(db: Db): () => void {
  setMerges(db, 0, 64);
  return () => setMerges(db, AUTOMERGE, CRISISMERGE);
}

/** Restores merging as it goes if a bulk load stopped before it could (the settings persist). */
export function repairSearchMerges(db: Db): void {
  const automerge = db.prepare<[], string | number>("SELECT v FROM search_fts_config WHERE k = 'automerge'").pluck().get();
  if (Number(automerge) === 0) setMerges(db, AUTOMERGE, CRISISMERGE);
}
