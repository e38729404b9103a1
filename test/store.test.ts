import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectNoteFiles } from '../src/ingest/collect-files.js';
import { ingestFiles } from '../src/ingest/ingest-files.js';
import { openDatabase } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';
import { listMigrations } from '../src/store/migrate.js';
import { note, SEED_COURSE, SEED_PATH, seedBytes, seededDb } from './helpers.js';

const ids = (db: ReturnType<typeof seededDb>['db'], table: string) =>
  (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((r) => r.id);

describe('migrations', () => {
  it('apply once, in order, and are recorded', () => {
    const db = openDatabase(':memory:');
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
      (r) => r.version,
    );
    expect(versions).toEqual(listMigrations().map((m) => m.version));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('document writes', () => {
  it('stores the seed with its items and a chapter summary', () => {
    const { db } = seededDb();
    const chapter = db.prepare('SELECT * FROM chapters').get() as Record<string, unknown>;
    expect(chapter).toMatchObject({ course: 'computer-networking', chapter: '2', topic_count: 8, concept_count: 29, figure_count: 1 });
    expect((db.prepare('SELECT count(*) AS n FROM terms').get() as { n: number }).n).toBe(5);
  });

  it('writes nothing when the same bytes are ingested again, and keeps every id', () => {
    const { db, writer } = seededDb();
    const before = { topics: ids(db, 'topics'), concepts: ids(db, 'concepts'), changes: db.prepare('SELECT total_changes() AS n').get() };
    const result = writer.save(note(SEED_COURSE, SEED_PATH, seedBytes().toString('utf8')));
    expect(result.status).toBe('unchanged');
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(before.changes);
    expect(ids(db, 'topics')).toEqual(before.topics);
    expect(ids(db, 'concepts')).toEqual(before.concepts);
  });

  it('makes an edit a new revision and leaves the ids of untouched topics alone', () => {
    const db = openDatabase(':memory:');
    const writer = new DocumentWriter(db);
    const v1 = '# A\n- a1\n# B\n- b1\n# C\n- c1\n';
    const first = writer.save(note('c', 'ch1.md', v1));
    const topicsBefore = db.prepare('SELECT title, id FROM topics').all();
    const second = writer.save(note('c', 'ch1.md', '# A\n- a1\n# B\n- b1 edited\n- b2\n# C\n- c1\n'));
    expect([first.revision, second.revision, second.status]).toEqual([1, 2, 'updated']);
    expect(db.prepare('SELECT title, id FROM topics').all()).toEqual(topicsBefore);
    expect(second.changes.added).toHaveLength(2);
    expect(second.changes.removed).toHaveLength(1);
    expect(second.changes.added.every((id) => id.startsWith('c_'))).toBe(true);
    const revisions = db.prepare('SELECT revision, CAST(source AS TEXT) AS source FROM revisions ORDER BY revision').all();
    expect(revisions).toEqual([
      { revision: 1, source: v1 },
      { revision: 2, source: '# A\n- a1\n# B\n- b1 edited\n- b2\n# C\n- c1\n' },
    ]);
  });

  it('moves a note between chapters in one write and updates both summaries', () => {
    const db = openDatabase(':memory:');
    const writer = new DocumentWriter(db);
    writer.save(note('c', 'a.md', '---\nchapter: 1\n---\n- x\n'));
    writer.save(note('c', 'b.md', '---\nchapter: 1\n---\n- y\n'));
    writer.save(note('c', 'b.md', '---\nchapter: 2\n---\n- y\n'));
    expect(db.prepare('SELECT chapter, concept_count, document_count FROM chapters ORDER BY chapter').all()).toEqual([
      { chapter: '1', concept_count: 1, document_count: 1 },
      { chapter: '2', concept_count: 1, document_count: 1 },
    ]);
  });

  it('summarises, after a bulk batch, every chapter its saved notes touched and none a failed note touched', () => {
    const db = openDatabase(':memory:');
    const writer = new DocumentWriter(db);
    writer.save(note('c', 'b.md', '---\nchapter: 1\n---\n- y\n- z\n'));
    const broken = note('c', 'x.md', '---\nchapter: 9\n---\n- w\n');
    // A second concept row without an id (NOT NULL) fails the note's savepoint after its first row is written.
    const failing = { ...broken, rows: { ...broken.rows, concepts: [...broken.rows.concepts, null, ...broken.rows.concepts.slice(1)] } };
    const results = writer.saveMany([
      note('c', 'a.md', '---\nchapter: 1\n---\n- x\n'),
      failing,
      note('c', 'b.md', '---\nchapter: 2\n---\n- y\n'), // moves from chapter 1
      note('d', 'a.md', '---\nchapter: 1\n---\n- v\n- u\n- t\n'),
    ]);
    expect(results.map((r) => ('error' in r ? 'error' : r.status))).toEqual(['added', 'error', 'updated', 'added']);
    expect(db.prepare('SELECT course, chapter, concept_count, document_count FROM chapters ORDER BY course, chapter').all()).toEqual([
      { course: 'c', chapter: '1', concept_count: 1, document_count: 1 },
      { course: 'c', chapter: '2', concept_count: 1, document_count: 1 },
      { course: 'd', chapter: '1', concept_count: 3, document_count: 1 },
    ]);
  });

  it('deletes from the current view but keeps revisions', () => {
    const { db, writer } = seededDb();
    const { id } = db.prepare('SELECT id FROM documents').get() as { id: string };
    expect(writer.delete(id)?.changes.removed.length).toBeGreaterThan(29);
    expect(ids(db, 'concepts')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM chapters').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 1 });
  });
});

describe('ingesting folders', () => {
  it("loads good files, rejects bad ones with a reason and line, and keeps what was stored", async () => {
    const root = mkdtempSync(join(tmpdir(), 'notes-'));
    mkdirSync(join(root, 'net'));
    writeFileSync(join(root, 'net', 'ch01-intro.md'), '# Intro\n- hello\n');
    writeFileSync(join(root, 'net', 'no-number.md'), '# Missing chapter\n');
    writeFileSync(join(root, 'net', 'ch09-binary.md'), Buffer.from([0xc3, 0x28]));
    writeFileSync(join(root, 'net', 'ch03-bad-yaml.md'), '---\na: [\n---\n');
    const db = openDatabase(':memory:');
    const writer = new DocumentWriter(db);
    const outcomes = await collect(ingestFiles(writer, collectNoteFiles([root])));
    const byPath = Object.fromEntries(outcomes.map((o) => [o.file.path, o]));
    expect(byPath['ch01-intro.md']).toMatchObject({ status: 'added' });
    expect(byPath['no-number.md']).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/no chapter/) });
    expect(byPath['ch09-binary.md']).toMatchObject({ status: 'rejected', reason: 'the file is not valid UTF-8', line: 1 });
    expect(byPath['ch03-bad-yaml.md']).toMatchObject({ status: 'rejected', line: expect.any(Number) });
    expect(outcomes.every((o) => o.file.course === 'net')).toBe(true);

    writeFileSync(join(root, 'net', 'ch01-intro.md'), '---\na: &x [*x]\n---\n');
    const again = await collect(ingestFiles(writer, collectNoteFiles([join(root, "net", "ch01-intro.md")])));
    expect(again[0]!.status).toBe('rejected');
    expect(db.prepare('SELECT text FROM concepts').all()).toEqual([{ text: 'hello' }]);
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
