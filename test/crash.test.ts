import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { collectNoteFiles } from '../src/ingest/collect-files.js';
import { compileNote } from '../src/ingest/compile-note.js';
import { ingestFiles } from '../src/ingest/ingest-files.js';
import { openDatabase } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';
import { exited, runTs, writeNotes } from './support/processes.js';
import { tempDir, writableApp } from './write-helpers.js';

const NOTES = 250;
const KILL_AFTER = 40;

describe('an ingest killed with SIGKILL half-way', () => {
  it('leaves a database that passes integrity_check, loses no revision and serves each note whole', async () => {
    const dir = tempDir('crash');
    const dbPath = join(dir, 'notes.db');
    const library = join(dir, 'library');
    const files = writeNotes(library, 'big', NOTES, 80, 1);
    const first = openDatabase(dbPath);
    for await (const outcome of ingestFiles(new DocumentWriter(first), collectNoteFiles([library]))) expect(outcome.status).toBe('added');
    first.close();
    const edition1 = files.map((file) => readFileSync(file));

    // Every note changes; the ingest is killed once it has reported KILL_AFTER of them.
    writeNotes(library, 'big', NOTES, 80, 2);
    const ingest = runTs('src/cli/ingest.ts', ['--db', dbPath, library]);
    let reported = 0;
    let output = '';
    ingest.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      reported = output.split('\n').filter((line) => line.startsWith('updated')).length;
      if (reported >= KILL_AFTER && ingest.exitCode === null) ingest.kill('SIGKILL');
    });
    const result = await exited(ingest);
    expect(result.signal).toBe('SIGKILL');

    const db = new Database(dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const docs = db.prepare('SELECT id, path, current_revision AS revision, hash FROM documents ORDER BY path').all() as {
      id: string; path: string; revision: number; hash: string;
    }[];
    expect(docs).toHaveLength(NOTES);
    const updated = docs.filter((d) => d.revision === 2).length;
    console.log(`killed after ${reported} reported updates: ${updated} notes at revision 2, ${NOTES - updated} still at revision 1, revisions lost: ` +
      `${NOTES - (db.prepare('SELECT count(*) AS n FROM revisions WHERE revision = 1').get() as { n: number }).n}`);
    expect(updated).toBeGreaterThanOrEqual(reported);
    expect(updated).toBeLessThan(NOTES);

    // No revision lost: every note's first edition is there byte for byte.
    const source = db.prepare('SELECT source, hash FROM revisions WHERE document_id = ? AND revision = ?');
    docs.forEach((doc, i) => {
      const first = source.get(doc.id, 1) as { source: Buffer };
      expect(first.source.equals(edition1[i]!)).toBe(true);
    });
    // Each note's items are exactly those of its current revision: nothing half-written.
    const items = db.prepare("SELECT group_concat(id, ',') AS ids FROM (SELECT id FROM concepts WHERE seq >> 23 = (SELECT seq FROM documents WHERE id = ?) ORDER BY seq)");
    for (const doc of docs) {
      const current = source.get(doc.id, doc.revision) as { source: Buffer; hash: string };
      expect(current.hash).toBe(doc.hash);
      const compiled = compileNote({ course: 'big', path: doc.path }, current.source);
      expect((items.get(doc.id) as { ids: string }).ids).toBe(compiled.note.concepts.map((c) => c.id).join(','));
    }
    db.close();

    // On restart the server serves the previous revision of the notes the ingest never reached.
    const reopened = openDatabase(dbPath);
    const { app } = await writableApp({}, reopened);
    const untouched = docs.find((d) => d.revision === 1)!;
    const res = await app.inject({ url: `/v1/documents/${untouched.id}/revisions/1/source` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(edition1[docs.indexOf(untouched)]!)).toBe(true);
    await app.close();
    reopened.close();
  });
});
