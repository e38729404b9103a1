import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileNote } from '../src/ingest/compile-note.js';
import { openDatabase } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';
import { chapterSnapshot } from './support/chapter-snapshot.js';
import { exited, runTs } from './support/processes.js';
import { MARKDOWN, tempDir, writableApp } from './write-helpers.js';

const COURSE = 'networks';
const PATH = 'ch05-link-layer.md';
const OLD = `---\ntitle: Link layer\n---\n# 5.1 Introduction\n${Array.from({ length: 60 }, (_, i) => `- **frame ${i}**: old text ${i}`).join('\n')}\n`;
const NEW = `---\ntitle: Link layer, revised\n---\n# 5.1 Introduction\n## 5.1.1 Services\n${Array.from({ length: 80 }, (_, i) => `- **frame ${i}**: new text ${i}`).join('\n')}\n`;
const READERS = 50;

type Built = Awaited<ReturnType<typeof writableApp>>;
let built: Built;
let base: string;
let dbPath: string;
let dir: string;

beforeAll(async () => {
  dir = tempDir('concurrency');
  dbPath = join(dir, 'notes.db');
  const db = openDatabase(dbPath);
  new DocumentWriter(db).save(compileNote({ course: COURSE, path: PATH }, Buffer.from(OLD)));
  // Until the read API is merged, a route that reads the chapter the way it must: one snapshot.
  built = await writableApp({}, db, (app) => app.get('/test/chapter', async () => chapterSnapshot(db, COURSE, '5')));
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(built.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await built.app.close();
  built.db.close();
});

// Revision numbers and timestamps grow with every write even when the content flips back; the content may not.
const VOLATILE = /^(revision|currentRevision|current_revision|updatedAt|updated_at|createdAt|created_at)$/;
function content(body: string): string {
  return JSON.stringify(JSON.parse(body), (key, value) => (VOLATILE.test(key) ? undefined : value));
}

/** The two chapters a reader may see, serialised by the same route, with the store at each version. */
async function expectedBodies(url: string): Promise<Set<string>> {
  const put = (text: string) => fetch(`${base}/v1/courses/${COURSE}/documents/${PATH}`, { method: 'PUT', headers: MARKDOWN, body: text });
  await put(NEW);
  const newBody = content(await (await fetch(`${base}${url}`)).text());
  await put(OLD);
  const oldBody = content(await (await fetch(`${base}${url}`)).text());
  expect(newBody).not.toBe(oldBody);
  return new Set([oldBody, newBody]);
}

async function readUntil(url: string, done: () => boolean) {
  const seen = { responses: 0, fiveXx: 0, bodies: [] as string[] };
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      while (!done()) {
        const res = await fetch(`${base}${url}`);
        seen.responses++;
        if (res.status >= 500) seen.fiveXx++;
        seen.bodies.push(res.status === 200 ? content(await res.text()) : `${res.status}`);
      }
    }),
  );
  return seen;
}

async function checkReadsDuringWrites(url: string) {
  const allowed = await expectedBodies(url);
  // Writer 1: new revisions over HTTP PUT, interleaved with the readers on this server's event loop.
  let httpWrites = 0;
  let writing = true;
  const httpWriter = (async () => {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${base}/v1/courses/${COURSE}/documents/${PATH}`, { method: 'PUT', headers: MARKDOWN, body: i % 2 ? OLD : NEW });
      expect(res.status).toBeLessThan(300);
      httpWrites++;
    }
  })();
  // Writer 2: another process committing to the same file, so reads can land between its transactions.
  writeFileSync(join(dir, 'old.md'), OLD);
  writeFileSync(join(dir, 'new.md'), NEW);
  const other = runTs('test/support/alternate-writer.ts', [dbPath, COURSE, PATH, join(dir, 'new.md'), join(dir, 'old.md'), '40']);
  const otherDone = exited(other).then((result) => ((writing = false), result));
  const seen = await readUntil(url, () => !writing);
  await httpWriter;
  expect((await otherDone).code).toBe(0);
  const mixed = seen.bodies.filter((body) => !allowed.has(body));
  console.log(`${url}: ${seen.responses} reads by ${READERS} readers during ${httpWrites} HTTP writes + 40 out-of-process writes; 5xx: ${seen.fiveXx}; mixed: ${mixed.length}`);
  expect(seen.fiveXx).toBe(0);
  expect(mixed).toEqual([]);
  expect(seen.responses).toBeGreaterThan(READERS);
}

describe('a chapter read while it is being rewritten', () => {
  it('is always exactly the old or the new chapter, never a mix, with zero 5xx (store snapshot over HTTP)', async () => {
    await checkReadsDuringWrites('/test/chapter');
  });

  it('is always exactly the old or the new chapter through GET /v1/courses/{course}/chapters/{chapter}', async () => {
    await checkReadsDuringWrites(`/v1/courses/${COURSE}/chapters/5`);
  });
});
