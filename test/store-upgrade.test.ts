import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contentHash, documentId } from '../src/notes/ids.js';
import { rederiveStale } from '../src/ingest/rederive.js';
import type { Db } from '../src/store/database.js';
import { listMigrations, migrate } from '../src/store/migrate.js';
import { DocumentWriter } from '../src/store/document-writer.js';
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
  };
}

describe('upgrading a database from before item key ranges', () => {
  it('re-reads the stored notes and serves what a fresh load serves', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, listMigrations().filter((m) => m.version <= 4));
    const bytes = seedBytes();
    const id = documentId(SEED_COURSE, SEED_PATH);
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO documents (id, course, path, chapter, title, sort_order, current_revision, hash, parser_version, created_at, updated_at)
      VALUES (?, ?, ?, '2', NULL, NULL, 1, ?, 1, ?, ?)`).run(id, SEED_COURSE, SEED_PATH, contentHash(bytes), now, now);
    db.prepare(`INSERT INTO revisions (document_id, revision, hash, source, chapter, title, meta, created_at) VALUES (?, 1, ?, ?, '2', NULL, '{}', ?)`)
      .run(id, contentHash(bytes), bytes, now);
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

describe('upgrading a search index that kept token positions (before migration 007)', () => {
  it('re-indexes every note, leaving the rows a fresh load leaves', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, listMigrations().filter((m) => m.version <= 6));
    const writer = new DocumentWriter(db);
    const other = '---\nchapter: 1\n---\n# 소켓\n- **소켓**은 문이다\n';
    writer.save(note(SEED_COURSE, SEED_PATH, seedBytes().toString('utf8')));
    writer.save(note('other', 'ch1.md', other));
    expect(db.prepare('SELECT count(*) FROM search_fts_docsize').pluck().get()).toBeGreaterThan(29);

    migrate(db);
    expect(rederiveStale(db, quiet)).toBe(2);

    const fresh = seededDb();
    fresh.writer.save(note('other', 'ch1.md', other));
    expect(snapshot(db)).toEqual(snapshot(fresh.db));
    expect(db.prepare(`SELECT count(*) FROM search_fts WHERE search_fts MATCH '"소켓"'`).pluck().get()).toBeGreaterThan(2);
  });
});
