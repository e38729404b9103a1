import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { collectNoteFiles } from '../src/ingest/collect-files.js';
import { CompilePool } from '../src/ingest/compile-pool.js';
import { compileWorkerEntry, LOADER_ENTRY, workerBundle } from '../src/ingest/compile-worker-entry.js';
import { ingestFiles, type IngestOptions } from '../src/ingest/ingest-files.js';
import { openDatabase } from '../src/store/database.js';
import { OPTIMIZE_AFTER } from '../src/store/bulk-load.js';
import type { Db } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';
import { deferSearchMerges } from '../src/store/search-index.js';
import { postings } from './helpers.js';

// A bulk ingest hands reading, hashing and parsing to worker threads; what
// it reports and stores must be exactly what an in-process ingest gives.
const root = mkdtempSync(join(tmpdir(), 'pool-'));
const course = join(root, 'net');
mkdirSync(course);
const files: Record<string, string | Buffer> = {
  'ch1.md': '---\nchapter: 1\n---\n# 소켓\n- **소켓**은 문이다\n',
  'ch2.md': `---\nchapter: 2\n---\n# Big\n${'- 항목 하나 둘 셋\n'.repeat(500)}`, // over 4 KiB: its own buffer
  'bad.md': Buffer.from([0x2d, 0x20, 0xff, 0xfe, 0x0a]), // not UTF-8
  'gone.md': '- removed before it is read\n',
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(course, name), text);
const collected = collectNoteFiles([root]);
rmSync(join(course, 'gone.md'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function ingest(options: IngestOptions) {
  const db = openDatabase(':memory:');
  const writer = new DocumentWriter(db);
  const run = async () => {
    const out: string[] = [];
    for await (const o of ingestFiles(writer, collected, { batch: 2, ...options })) {
      out.push(`${o.file.path} ${o.status}${o.status === 'rejected' ? `: ${o.reason.split(':')[0]}` : ''}`);
    }
    return out;
  };
  const first = await run();
  const again = await run();
  const stored = db.prepare('SELECT d.path, r.source, (SELECT count(*) FROM concepts WHERE seq >> 23 = d.seq) AS concepts FROM documents d JOIN revisions r ON r.document_id = d.id ORDER BY d.path').all();
  db.close();
  return { first, again, stored };
}

/** One worker's reply to one file, from the given worker script. */
async function compileWith(script: URL, file: string): Promise<unknown> {
  const worker = new Worker(script);
  try {
    const reply = new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    worker.postMessage({ seq: 1, location: { course: 'net', path: 'ch2.md' }, file, knownHash: null });
    return await reply;
  } finally {
    await worker.terminate();
  }
}

describe('the parse worker script', () => {
  it('is the bundle of the current sources, and compiles exactly as through the TypeScript loader (its fallback)', async () => {
    expect(compileWorkerEntry().pathname).toMatch(/\/node_modules\/\.cache\/course-notes-api\/compile-worker-[0-9a-f]{16}\.mjs$/);
    const [bundled, loaded] = await Promise.all([compileWorkerEntry(), LOADER_ENTRY].map((script) => compileWith(script, join(course, 'ch2.md'))));
    expect((bundled as { compiled?: { rows: { concepts: unknown[] } } }).compiled?.rows.concepts.length).toBe(500 * 10);
    expect(bundled).toEqual(loaded);
  });

  it('is built once and reused while every file it was built from is unchanged; a changed one makes a new build', () => {
    const cache = join(root, 'bundle-cache');
    const bundle = workerBundle(cache);
    const manifest = JSON.parse(readFileSync(join(cache, 'compile-worker.json'), 'utf8')) as { bundle: string; inputs: Record<string, string> };
    expect(join(cache, manifest.bundle)).toBe(bundle);
    // Built from the project's modules and the packages, all in the one file: a worker opens nothing else.
    expect(Object.keys(manifest.inputs)).toEqual(expect.arrayContaining(['src/ingest/compile-worker.ts', 'src/notes/parse-note.ts']));
    expect(Object.keys(manifest.inputs).some((path) => path.startsWith('node_modules/markdown-it/'))).toBe(true);
    expect(readFileSync(bundle, 'utf8')).not.toMatch(/^import .* from "(markdown-it|yaml|zod|es-hangul)";$/m);

    // Reused: the manifest is not rewritten.
    const written = statSync(join(cache, 'compile-worker.json')).mtimeMs;
    expect(workerBundle(cache)).toBe(bundle);
    expect(statSync(join(cache, 'compile-worker.json')).mtimeMs).toBe(written);

    // An input that no longer hashes as recorded (as after an edit): built again, and the manifest records it as it is.
    manifest.inputs['src/notes/parse-note.ts'] = '0'.repeat(64);
    writeFileSync(join(cache, 'compile-worker.json'), JSON.stringify(manifest));
    expect(workerBundle(cache)).toBe(bundle); // same sources, same content, same name
    const rebuilt = JSON.parse(readFileSync(join(cache, 'compile-worker.json'), 'utf8')) as typeof manifest;
    expect(rebuilt.inputs['src/notes/parse-note.ts']).toMatch(/^[0-9a-f]{64}$/);
    expect(rebuilt.inputs['src/notes/parse-note.ts']).not.toBe('0'.repeat(64));
    // A missing bundle file is rebuilt too; no partial files are left behind.
    rmSync(bundle);
    expect(workerBundle(cache)).toBe(bundle);
    expect(statSync(bundle).size).toBeGreaterThan(0);
    expect(readdirSync(cache).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('ingesting through the worker pool', () => {
  it('reports and stores exactly what an in-process ingest does, re-ingests as unchanged, and rejects unreadable files', async () => {
    const pool = new CompilePool(1);
    try {
      const pooled = await ingest({ pool });
      const inline = await ingest({});
      expect(pooled).toEqual(inline);
      expect(pooled.first.map((s) => s.split(':')[0])).toEqual(['bad.md rejected', 'ch1.md added', 'ch2.md added', 'gone.md rejected']);
      expect(pooled.first.find((s) => s.startsWith('gone.md'))).toMatch(/rejected: ENOENT/);
      expect(pooled.again.filter((s) => s.endsWith('unchanged'))).toEqual(['ch1.md unchanged', 'ch2.md unchanged']);
      expect((pooled.stored as { concepts: number }[]).map((r) => r.concepts)).toEqual([1, 500]);
      expect((pooled.stored as { source: Buffer }[])[1]!.source.equals(Buffer.from(files['ch2.md'] as string))).toBe(true);
    } finally {
      pool.close();
    }
  });
});

describe('a bulk load', () => {
  it('leaves the pages in the database file, an empty WAL and the usual checkpoint interval', async () => {
    const path = join(root, 'bulk.db');
    const db = openDatabase(path);
    const statuses: string[] = [];
    for await (const o of ingestFiles(new DocumentWriter(db), collected, { batch: 2, bulk: true })) statuses.push(o.status);
    expect(statuses.filter((s) => s === 'added')).toHaveLength(2);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('SELECT count(*) FROM concepts').pluck().get()).toBe(501);
    db.close();
  });

  it('merges the search index into one segment at the end of a large load, with the postings of a note-by-note load', async () => {
    const big = join(root, 'big');
    mkdirSync(join(big, 'net'), { recursive: true });
    for (let i = 0; i < OPTIMIZE_AFTER; i++) writeFileSync(join(big, 'net', `n${i}.md`), `---\nchapter: ${i % 7}\n---\n# 소켓 ${i}\n- **포트** ${i}번은 프로세스를 가리킨다\n`);
    const notes = collectNoteFiles([big]);
    const load = async (path: string, options: IngestOptions) => {
      const db = openDatabase(path);
      for await (const o of ingestFiles(new DocumentWriter(db), notes, options)) expect(o.status).toBe('added');
      return db;
    };
    const bulk = await load(join(root, 'big-bulk.db'), { batch: 16, bulk: true });
    const single = await load(join(root, 'big-single.db'), { batch: 1 });
    expect(segments(bulk)).toBe(1);
    expect(segments(single)).toBeGreaterThan(1);
    expect(postings(bulk)).toEqual(postings(single));
    expect(postings(bulk).length).toBeGreaterThan(OPTIMIZE_AFTER * 5);
    expect(mergeSettings(bulk)).toEqual({ automerge: 8, crisismerge: 16 });
    // The load's pages were copied aside while the index merged, the rest after: the WAL is empty.
    expect(statSync(join(root, 'big-bulk.db-wal')).size).toBe(0);
    bulk.close();
    single.close();
  });

  it('leaves merging as it goes on again when a load stopped before restoring it', () => {
    const path = join(root, 'interrupted.db');
    const db = openDatabase(path);
    deferSearchMerges(db);
    expect(mergeSettings(db)).toEqual({ automerge: 0, crisismerge: 64 });
    db.close();
    const reopened = openDatabase(path);
    expect(mergeSettings(reopened)).toEqual({ automerge: 8, crisismerge: 16 });
    reopened.close();
  });
});

/** FTS5 segments: a segment's pages have rowids with the segment id above bit 37 (fts5Int.h); rowids 1 and 10 are not pages. */
function segments(db: Db): number {
  return db.prepare('SELECT count(DISTINCT rowid >> 37) FROM search_fts_data WHERE rowid > 10').pluck().get() as number;
}

function mergeSettings(db: Db): { automerge: number; crisismerge: number } {
  const value = (k: string) => Number(db.prepare('SELECT v FROM search_fts_config WHERE k = ?').pluck().get(k));
  return { automerge: value('automerge'), crisismerge: value('crisismerge') };
}
