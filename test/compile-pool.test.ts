import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { collectNoteFiles } from '../src/ingest/collect-files.js';
import { CompilePool } from '../src/ingest/compile-pool.js';
import { compileWorkerEntry, LOADER_ENTRY } from '../src/ingest/compile-worker-entry.js';
import { ingestFiles, type IngestOptions } from '../src/ingest/ingest-files.js';
import { openDatabase } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';

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
});
