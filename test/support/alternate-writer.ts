// Writes `count` revisions of one note into a database file, alternating two versions, from its own process.
import { readFileSync } from 'node:fs';
import { compileNote } from '../../src/ingest/compile-note.js';
import { openDatabase } from '../../src/store/database.js';
import { DocumentWriter } from '../../src/store/document-writer.js';

const [dbPath, course, path, fileA, fileB, count] = process.argv.slice(2) as [string, string, string, string, string, string];
const db = openDatabase(dbPath);
const writer = new DocumentWriter(db);
const versions = [readFileSync(fileA), readFileSync(fileB)];
for (let i = 0; i < Number(count); i++) {
  writer.save(compileNote({ course, path }, versions[i % 2]!));
  console.log(`wrote ${i + 1}`);
}
db.close();
