import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { collectNoteFiles } from '../src/ingest/collect-files.js';
import { CompilePool } from '../src/ingest/compile-pool.js';
import { compileWorkerEntry, LOADER_ENTRY } from '../src/ingest/compile-worker-entry.js';
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

/** `setUp` makes the options (starting any worker pool) inside the first ingest's time. */
async function run(name: string, setUp: () => IngestOptions) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const db = openDatabase(dbPath);
  let options: IngestOptions = {};
  // A bulk load ends with the search index merged into one segment (beginBulkLoad), so this is
  // the whole of what `npm run ingest` does: notes committed and searchable at full speed.
  const first = await time(() => {
    options = setUp();
    return loadCorpus(db, dir, options);
  });
  const again = await time(() => loadCorpus(db, dir, options));
  options.pool?.close();
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

const pooled = await run('pool', () => ({ pool: new CompilePool(), batch: 64, window: 256, bulk: true }));
const inline = await run('in-process', () => ({ batch: 64, bulk: true }));
console.log(`pool speed-up over in-process parsing: ${(inline / pooled).toFixed(2)}×  (targets: ≥ 10 MB/s first ingest, re-ingest ≤ 5%)`);

// What a pool's first note waits for: a parse worker from the esbuild bundle vs through the
// TypeScript loader (its fallback), alternated, each a fresh thread.
const first = collectNoteFiles([dir])[0]!;
async function firstReply(script: URL): Promise<number> {
  const started = performance.now();
  const worker = new Worker(script);
  await new Promise((resolve, reject) => {
    worker.once('message', resolve).once('error', reject);
    worker.postMessage({ seq: 1, location: { course: first.course, path: first.path }, file: first.file, knownHash: null });
  });
  const ms = performance.now() - started;
  await worker.terminate();
  return ms;
}
// The pool above found it current in the cache or built it (inside its first ingest's time); memoized here.
const bundle = compileWorkerEntry();
const starts = { bundle: [] as number[], loader: [] as number[] };
for (let i = 0; i < 5; i++) {
  starts.bundle.push(await firstReply(bundle));
  starts.loader.push(await firstReply(LOADER_ENTRY));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `parse worker, start to first note (median of 5): bundle ${median(starts.bundle).toFixed(0)} ms, ` +
    `through the TypeScript loader ${median(starts.loader).toFixed(0)} ms = ${(median(starts.loader) / median(starts.bundle)).toFixed(2)}×`,
);
