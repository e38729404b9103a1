import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contentHash, documentId } from '../src/notes/ids.js';
import { rederiveStale } from '../src/ingest/rederive.js';
import type { Db } from '../src/store/database.js';
import { listMigrations, migrate } from '../src/store/migrate.js';
import { note, SEED_COURSE, SEED_PATH, seedBytes, seededDb } from './helpers.js';

// A database written before migration 005 (items keyed by document ranges)
// must come out of the upgrade serving what a fresh load of its stored notes
// serves: the migration empties the derived tables, rederiveStale re-reads
// every current revision's stored bytes.
const quiet = { info: () => {}, warn: () => {} };

function snapshot(db: Db) {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.postings USING fts5vocab('main', 'search_fts', 'instance')");
  const all = (sql: string) => db.prepare(sql).raw(true).all();
  return {
    chapters: all('SELECT id, title, etag, topic_count, concept_count, figure_count, document_count FROM chapters'),
    topics: all('SELECT id, parent_id, title, section, line FROM topics ORDER BY seq'),
    concepts: all('SELECT id, topic_id, parent_id, markdown, text, line FROM concepts ORDER BY seq'),
    terms: all('SELECT concept_id, term FROM terms ORDER BY seq'),
    figures: all('SELECT id, concept_id, target FROM figures ORDER BY seq'),
    postings: all('SELECT term, col, offset FROM temp.postings ORDER BY doc, col, offset'),
    initials: all('SELECT initials, term FROM search_initials ORDER BY initials, term'),
  };
}

/** A current document and its one revision as an older version stored them (parser_version 1). */
function storedNote(db: Database.Database, course: string, path: string, bytes: Buffer, chapter: string): void {
  const now = new Date().toISOString();
  const hash = contentHash(bytes);
  const id = documentId(course, path);
  db.prepare(`INSERT INTO documents (id, course, path, chapter, title, sort_order, current_revision, hash, parser_version, created_at, updated_at)
    VALUES (?, ?, ?, ?, NULL, NULL, 1, ?, 1, ?, ?)`).run(id, course, path, chapter, hash, now, now);
  // From migration 005 on, a document has a number, as the writer gave it.
  const numbered = (db.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).some((c) => c.name === 'seq');
  if (numbered) db.prepare('UPDATE documents SET seq = rowid WHERE id = ?').run(id);
  db.prepare(`INSERT INTO revisions (document_id, revision, hash, source, chapter, title, meta, created_at) VALUES (?, 1, ?, ?, ?, NULL, '{}', ?)`)
    .run(id, hash, bytes, chapter, now);
}

describe('upgrading a database from before item key ranges', () => {
  it('re-reads the stored notes and serves what a fresh load serves', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, listMigrations().filter((m) => m.version <= 4));
    storedNote(db, SEED_COURSE, SEED_PATH, seedBytes(), '2');
    const id = documentId(SEED_COURSE, SEED_PATH);
    // Rows in the old layout, which the upgrade must not leave behind.
    db.prepare(`INSERT INTO topics VALUES ('t_stale', ?, NULL, 1, 'stale', NULL, '# stale', 0, 1, '[[1,1]]')`).run(id);
    db.prepare(`INSERT INTO search_fts (rowid, text, choseong, scope) VALUES (1, 'stale', '', 'x')`).run();

    migrate(db);
    expect(rederiveStale(db, quiet)).toBe(1);

    const fresh = seededDb().db;
    const upgraded = snapshot(db);
    expect(upgraded.concepts.length).toBe(29);
    expect(upgraded).toEqual(snapshot(fresh));
    // Nothing to do on the next start.
    expect(rederiveStale(db, quiet)).toBe(0);
  });
});

describe('upgrading a search index from before migration 009 (token positions, row sizes, tokens of initials)', () => {
  it('re-indexes every note, leaving the rows a fresh load leaves', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, listMigrations().filter((m) => m.version <= 6));
    const other = '---\nchapter: 1\n---\n# 소켓\n- **소켓**은 문이다\n';
    storedNote(db, SEED_COURSE, SEED_PATH, seedBytes(), '2');
    storedNote(db, 'other', 'ch1.md', Buffer.from(other), '1');
    // Index rows as those versions wrote them, which the upgrade must not leave behind.
    db.prepare(`INSERT INTO search_fts (rowid, text, choseong, scope) VALUES (1, 'stale 소켓', '·ㅅㅋ', 'x')`).run();
    expect(db.prepare('SELECT count(*) FROM search_fts_docsize').pluck().get()).toBe(1);

    migrate(db);
    expect(rederiveStale(db, quiet)).toBe(2);

    const fresh = seededDb();
    fresh.writer.save(note('other', 'ch1.md', other));
    expect(snapshot(db)).toEqual(snapshot(fresh.db));
    expect(db.prepare(`SELECT count(*) FROM search_fts WHERE search_fts MATCH '"소켓"'`).pluck().get()).toBeGreaterThan(2);
    expect(db.prepare(`SELECT count(*) FROM search_fts WHERE search_fts MATCH '"stale"'`).pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM search_initials WHERE initials = 'ㅅㅋ'").pluck().get()).toBeGreaterThan(0);
  });
});
