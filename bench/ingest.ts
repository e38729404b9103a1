import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CompilePool } from '../src/ingest/compile-pool.js';
import type { IngestOptions } from '../src/ingest/ingest-files.js';
import { openDatabase } from '../src/store/database.js';
import { loadCorpus, writeCorpus } from './corpus.js';

// First ingest vs unchanged re-ingest of ~2,000 notes / ~200,000 concepts, measured in one run,
// with reading, hashing and parsing in worker threads (as `npm run ingest` does) and, for comparison, in-process.
const dir = join(import.meta.dirname, '.corpus', 'ingest');
const dbPath = join(import.meta.dirname, '.corpus', 'ingest.db');
const notes = Number(process.argv[2] ?? 2000);
const stats = writeCorpus(dir, { notes, conceptsPerNote: 100 });
const mb = stats.bytes / 1e6;
console.log(`corpus: ${stats.files} notes, ${mb.toFixed(1)} MB, ${stats.concepts.toLocaleString('en')} concepts`);

async function run(name: string, options: IngestOptions) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const db = openDatabase(dbPath);
  // A bulk load ends with the search index merged into one segment (beginBulkLoad), so this is
  // the whole of what `npm run ingest` does: notes committed and searchable at full speed.
  const first = await time(() => loadCorpus(db, dir, options));
  const again = await time(() => loadCorpus(db, dir, options));
  db.close();
  console.log(row(`${name}: first ingest`, first));
  console.log(row(`${name}: unchanged`, again));
  console.log(`${name}: re-ingest / first = ${((again.seconds / first.seconds) * 100).toFixed(1)}%`);
  return first.seconds;
}

async function time(load: () => Promise<number>) {
  const started = performance.now();
  const rejected = await load();
  return { seconds: (performance.now() - started) / 1000, rejected };
}

function row(name: string, r: { seconds: number; rejected: number }) {
  const rate = Math.round(stats.concepts / r.seconds).toLocaleString('en');
  return `${name.padEnd(28)} ${r.seconds.toFixed(2).padStart(6)} s ${(mb / r.seconds).toFixed(1).padStart(7)} MB/s ${rate.padStart(11)} concepts/s  rejected ${r.rejected}`;
}

const pool = new CompilePool();
const pooled = await run('pool', { pool, batch: 64, window: 256, bulk: true });
pool.close();
const inline = await run('in-process', { batch: 64, bulk: true });
console.log(`pool speed-up over in-process parsing: ${(inline / pooled).toFixed(2)}×  (targets: ≥ 10 MB/s first ingest, re-ingest ≤ 5%)`);
