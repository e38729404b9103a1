import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { documentId } from '../src/notes/ids.js';
import { openDatabase } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';
import { note, SEED_COURSE, SEED_PATH, seedBytes } from './helpers.js';
import { AUTH, MARKDOWN, SEED_URL, tempDir, writableApp } from './write-helpers.js';

type App = Awaited<ReturnType<typeof writableApp>>['app'];
const apps: App[] = [];
async function app(...args: Parameters<typeof writableApp>) {
  const built = await writableApp(...args);
  apps.push(built.app);
  return built;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

const SEED_ID = documentId(SEED_COURSE, SEED_PATH);
const V2 = '---\ntitle: Application layer, rewritten\nchapter: 2\n---\n# 2.1 Principles\n- **socket**: a door\n- new concept\n';

describe('who may write', () => {
  it('says writes are off (403) when no token is configured', async () => {
    const { app: a } = await app({ API_TOKENS: [] });
    const res = await a.inject({ method: 'PUT', url: SEED_URL, headers: MARKDOWN, payload: V2 });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toMatch(/API_TOKENS/);
  });

  it('asks for a bearer token (401 + WWW-Authenticate) and refuses a wrong one', async () => {
    const { app: a } = await app();
    const none = await a.inject({ method: 'PUT', url: SEED_URL, headers: { 'content-type': 'text/markdown' }, payload: V2 });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    for (const authorization of ['Bearer wrong', 'Bearer test-token-10', 'Basic dGVzdA==', 'Bearer ', `Bearer ${'x'.repeat(5000)}`]) {
      const res = await a.inject({ method: 'DELETE', url: SEED_URL, headers: { authorization } });
      expect(res.statusCode, authorization.slice(0, 30)).toBe(401);
    }
  });

  it('accepts any one of several configured tokens', async () => {
    const { app: a } = await app({ API_TOKENS: ['first', 'second'] });
    const res = await a.inject({ method: 'PUT', url: '/v1/courses/c/documents/ch1.md', headers: { authorization: 'Bearer second', 'content-type': 'text/markdown' }, payload: '# A\n' });
    expect(res.statusCode).toBe(201);
  });

  it('keeps reads public by default and can require a token for them', async () => {
    const url = `/v1/documents/${SEED_ID}/revisions/1/source`;
    expect((await (await app()).app.inject({ url })).statusCode).toBe(200);
    const { app: closed } = await app({ READS_REQUIRE_AUTH: true });
    expect((await closed.inject({ url })).statusCode).toBe(401);
    expect((await closed.inject({ url, headers: AUTH })).statusCode).toBe(200);
    expect((await closed.inject({ url: '/health' })).statusCode).toBe(200);
  });
});

describe('PUT a note', () => {
  it('replaces a seed note in place as a new revision, and the old bytes stay readable', async () => {
    const { app: a } = await app();
    const res = await a.inject({ method: 'PUT', url: SEED_URL, headers: MARKDOWN, payload: V2 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ documentId: SEED_ID, course: SEED_COURSE, path: SEED_PATH, chapter: '2', revision: 2, status: 'updated' });
    expect(body.changes.topics.removed.length).toBeGreaterThan(0);
    expect(body.changes.concepts.added.length).toBeGreaterThan(0);
    expect(res.headers.etag).toBe(body.etag);
    expect(res.headers.location).toBe(`/v1/documents/${SEED_ID}/revisions/2/source`);

    const old = await a.inject({ url: `/v1/documents/${SEED_ID}/revisions/1/source` });
    expect(old.statusCode).toBe(200);
    expect(old.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(old.rawPayload.equals(seedBytes())).toBe(true);
    const current = await a.inject({ url: res.headers.location as string });
    expect(current.body).toBe(V2);
    const again = await a.inject({ url: res.headers.location as string, headers: { 'if-none-match': current.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('creates notes in sub-folders, with raw or percent-encoded slashes naming the same note', async () => {
    const { app: a } = await app();
    const created = await a.inject({ method: 'PUT', url: '/v1/courses/os/documents/part-1/ch03-memory.md', headers: MARKDOWN, payload: '# Memory\n- paging\n' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ path: 'part-1/ch03-memory.md', chapter: '3', status: 'added', revision: 1 });
    const same = await a.inject({ method: 'PUT', url: '/v1/courses/os/documents/part-1%2Fch03-memory.md', headers: MARKDOWN, payload: '# Memory\n- paging\n' });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ documentId: created.json().documentId, status: 'unchanged', revision: 1 });
  });

  it('stores a Korean path typed decomposed (NFD) as the same note as composed (NFC)', async () => {
    const { app: a } = await app();
    const nfc = encodeURIComponent('3장-메모리.md'.normalize('NFC'));
    const nfd = encodeURIComponent('3장-메모리.md'.normalize('NFD'));
    const first = await a.inject({ method: 'PUT', url: `/v1/courses/os/documents/${nfc}`, headers: MARKDOWN, payload: '# 메모리\n' });
    const second = await a.inject({ method: 'PUT', url: `/v1/courses/os/documents/${nfd}`, headers: MARKDOWN, payload: '# 메모리\n' });
    expect(second.json().documentId).toBe(first.json().documentId);
    expect(second.json().status).toBe('unchanged');
  });

  it('rejects a note that does not parse with 422, its reason and line, and keeps serving the previous revision', async () => {
    const { app: a, db } = await app();
    const res = await a.inject({ method: 'PUT', url: SEED_URL, headers: MARKDOWN, payload: '---\ntitle: x\ntitle: y\n---\n# A\n' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ status: 422, line: 3 });
    expect(res.json().detail).toMatch(/nothing was stored/);
    const row = db.prepare('SELECT current_revision, hash FROM documents WHERE id = ?').get(SEED_ID) as { current_revision: number };
    expect(row.current_revision).toBe(1);
    expect((await a.inject({ url: `/v1/documents/${SEED_ID}/revisions/2/source` })).statusCode).toBe(404);
  });

  it('refuses front matter that moves the note to another course than the URL names', async () => {
    const { app: a } = await app();
    const res = await a.inject({ method: 'PUT', url: '/v1/courses/a/documents/ch1.md', headers: MARKDOWN, payload: '---\ncourse: b\n---\n# A\n' });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/course "b"/);
  });

  it('refuses a note that takes too long to parse, and keeps answering other requests meanwhile', async () => {
    const { app: a } = await app({ PARSE_TIMEOUT_MS: 500 });
    const order: string[] = [];
    const slow = a
      .inject({ method: 'PUT', url: '/v1/courses/c/documents/ch1.md', headers: MARKDOWN, payload: `# A\n${'!['.repeat(2_000_000)}` })
      .then((res) => (order.push('put'), res));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await a.inject({ url: '/health' }).then((res) => (order.push('health'), res));
    const res = await slow;
    expect(health.statusCode).toBe(200);
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/could not be parsed within 500 ms/);
    expect(order).toEqual(['health', 'put']);
    const after = await a.inject({ method: 'PUT', url: '/v1/courses/c/documents/ch1.md', headers: MARKDOWN, payload: '# A\n' });
    expect(after.statusCode).toBe(201);
  });
});

describe('conditional writes', () => {
  it('lets the editor holding the current ETag write, and gives the one holding a stale ETag 412', async () => {
    const { app: a } = await app();
    const v1 = await a.inject({ url: `/v1/documents/${SEED_ID}/revisions/1/source` });
    const etag = v1.headers.etag as string;
    const alice = await a.inject({ method: 'PUT', url: SEED_URL, headers: { ...MARKDOWN, 'if-match': etag }, payload: V2 });
    expect(alice.statusCode).toBe(200);
    const bob = await a.inject({ method: 'PUT', url: SEED_URL, headers: { ...MARKDOWN, 'if-match': etag }, payload: '# Bob\n' });
    expect(bob.statusCode).toBe(412);
    expect(bob.headers.etag).toBe(alice.headers.etag);
    const source = await a.inject({ url: `/v1/documents/${SEED_ID}/revisions/2/source` });
    expect(source.body).toBe(V2);
  });

  it('gives 412 for If-Match on a note that does not exist and for If-None-Match: * on one that does', async () => {
    const { app: a } = await app();
    const missing = await a.inject({ method: 'PUT', url: '/v1/courses/c/documents/ch9.md', headers: { ...MARKDOWN, 'if-match': '"1-abc"' }, payload: '# A\n' });
    expect(missing.statusCode).toBe(412);
    const exists = await a.inject({ method: 'PUT', url: SEED_URL, headers: { ...MARKDOWN, 'if-none-match': '*' }, payload: V2 });
    expect(exists.statusCode).toBe(412);
    const createOnly = await a.inject({ method: 'PUT', url: '/v1/courses/c/documents/ch9.md', headers: { ...MARKDOWN, 'if-none-match': '*' }, payload: '# A\n' });
    expect(createOnly.statusCode).toBe(201);
  });

  it('answers 503 with Retry-After when another process holds the write lock, and writes nothing', async () => {
    const file = join(tempDir('busy'), 'notes.db');
    const db = openDatabase(file);
    new DocumentWriter(db).save(note(SEED_COURSE, SEED_PATH, seedBytes().toString('utf8')));
    db.pragma('busy_timeout = 50');
    const { app: a } = await app({}, db);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await a.inject({ method: 'PUT', url: SEED_URL, headers: MARKDOWN, payload: V2 });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n).toBe(1);
    const retry = await a.inject({ method: 'PUT', url: SEED_URL, headers: MARKDOWN, payload: V2 });
    expect(retry.statusCode).toBe(200);
  });
});

describe('DELETE a note', () => {
  it('removes it from the current view, keeps its revisions, and can bring it back', async () => {
    const { app: a, db } = await app();
    const res = await a.inject({ method: 'DELETE', url: SEED_URL, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'deleted', revision: 1, documentId: SEED_ID });
    expect(res.json().changes.concepts.removed).toHaveLength(29);
    expect((db.prepare('SELECT count(*) AS n FROM concepts').get() as { n: number }).n).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM chapters').get() as { n: number }).n).toBe(0);
    const old = await a.inject({ url: `/v1/documents/${SEED_ID}/revisions/1/source` });
    expect(old.rawPayload.equals(seedBytes())).toBe(true);
    expect((await a.inject({ method: 'DELETE', url: SEED_URL, headers: AUTH })).statusCode).toBe(404);
    const back = await a.inject({ method: 'PUT', url: SEED_URL, headers: MARKDOWN, payload: seedBytes() });
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ status: 'restored', revision: 1 });
  });

  it('honours If-Match', async () => {
    const { app: a } = await app();
    const res = await a.inject({ method: 'DELETE', url: SEED_URL, headers: { ...AUTH, 'if-match': '"1-stale"' } });
    expect(res.statusCode).toBe(412);
  });
});
