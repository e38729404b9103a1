import { fork } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { openDatabase } from '../src/store/database.js';
import { loadCorpus, writeCorpus } from './corpus.js';

// GET of one chapter against a baseline route sending the same bytes from a constant string,
// and a 304 revalidation against a hello-world route, side by side in one run. The server runs
// in a child process so autocannon does not share its event loop.
//   npm run bench:api [-- concepts seconds]   (defaults: 200000 concepts, 5 s per measurement)
const CHAPTER_URL = '/v1/courses/bench-chapter/chapters/1';
const dir = join(import.meta.dirname, '.corpus', 'api');
const dbPath = join(import.meta.dirname, '.corpus', 'api.db');

if (process.argv[2] === '--serve') await serve();
else await measure(Number(process.argv[2] ?? 200_000), Number(process.argv[3] ?? 5));

async function serve() {
  const db = openDatabase(dbPath);
  // Rate limiting off: one client sending thousands of requests is the point here.
  const app = await buildApp({ db, config: defaultConfig({ RATE_LIMIT_MAX: 0 }) });
  let bytes = '';
  app.get('/bench/baseline', { schema: { hide: true } }, (_request, reply) => reply.type('application/json; charset=utf-8').send(bytes));
  app.get('/bench/hello', { schema: { hide: true } }, async () => ({ hello: 'world' }));
  const chapter = await app.inject(CHAPTER_URL);
  if (chapter.statusCode !== 200) throw new Error(`${CHAPTER_URL}: ${chapter.statusCode} ${chapter.body}`);
  bytes = chapter.body;
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.send!({ url, etag: chapter.headers.etag, bytes: Buffer.byteLength(bytes) });
}

async function measure(concepts: number, seconds: number) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const conceptsPerNote = 200;
  let started = performance.now();
  const corpus = writeCorpus(join(dir, 'corpus'), { notes: Math.max(1, Math.round(concepts / conceptsPerNote)), conceptsPerNote });
  // The measured chapter: one 300-concept note in a course of its own.
  writeCorpus(join(dir, 'one'), { notes: 1, conceptsPerNote: 300, courses: 1, seed: 7 });
  rmSync(join(dir, 'one', 'bench-chapter'), { recursive: true, force: true });
  renameSync(join(dir, 'one', 'course-00'), join(dir, 'one', 'bench-chapter'));
  const db = openDatabase(dbPath);
  await loadCorpus(db, join(dir, 'corpus'));
  await loadCorpus(db, join(dir, 'one'));
  db.close();
  console.log(`corpus: ${corpus.concepts.toLocaleString('en')} + 300 concepts loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const server = await new Promise<{ url: string; etag: string; bytes: number }>((resolve) => child.once('message', resolve as never));
  console.log(`chapter ${CHAPTER_URL}: ${server.bytes.toLocaleString('en')} bytes, ETag ${server.etag}; ${seconds} s per run, 10 connections`);
  try {
    const run = async (name: string, path: string, headers: Record<string, string> = {}, status = 200) => {
      const result = await autocannon({ url: server.url + path, connections: 10, duration: seconds, headers });
      const wrong = status === 200 ? result.non2xx : result.requests.total - (result.statusCodeStats?.['304']?.count ?? 0);
      if (wrong > 0 || result.errors > 0) throw new Error(`${name}: ${wrong} unexpected statuses, ${result.errors} errors`);
      return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
    };
    started = performance.now();
    const rows: { name: string; rps: number; p50: number; p99: number }[] = [];
    // Interleaved twice so drift on a shared machine hits both sides alike; the better of each is kept.
    for (let round = 0; round < 2; round++) {
      rows.push(await run('baseline (constant string)', '/bench/baseline'));
      rows.push(await run('GET chapter', CHAPTER_URL));
      rows.push(await run('hello world', '/bench/hello'));
      rows.push(await run('GET chapter, If-None-Match → 304', CHAPTER_URL, { 'if-none-match': server.etag }, 304));
    }
    const best = (name: string) =>
      rows.filter((r) => r.name === name).reduce((a, b) => (b.rps > a.rps ? { ...b, p99: Math.min(a.p99, b.p99) } : { ...a, p99: Math.min(a.p99, b.p99) }));
    const table = ['baseline (constant string)', 'GET chapter', 'hello world', 'GET chapter, If-None-Match → 304'].map(best);
    console.log(`\n${'route'.padEnd(36)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`);
    for (const r of table) console.log(`${r.name.padEnd(36)} ${Math.round(r.rps).toString().padStart(9)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}`);
    const [baseline, chapter, hello, revalidate] = table as [typeof table[0], typeof table[0], typeof table[0], typeof table[0]];
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    console.log(`\nchapter / baseline throughput: ${ratio(chapter.rps, baseline.rps)}× (target ≥ 0.80)`);
    console.log(`chapter / baseline p99:        ${ratio(chapter.p99, baseline.p99)}× (target ≤ 2.00)`);
    console.log(`304 / hello-world throughput:  ${ratio(revalidate.rps, hello.rps)}× (target ≥ 0.90)`);
    console.log(`(measured in ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    child.kill();
  }
}
