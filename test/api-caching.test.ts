import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { apiApp, richDb } from './api-helpers.js';
import { assertMatchesSpec } from './openapi-contract.js';
import { note, SEED_COURSE } from './helpers.js';

const CH = `/v1/courses/${SEED_COURSE}/chapters`;

async function everyGetUrl(api: Awaited<ReturnType<typeof apiApp>>): Promise<string[]> {
  const chapter = JSON.parse((await api.get(`${CH}/3?format=flat`)).body);
  const doc = chapter.documents[0].id;
  return [
    '/v1/courses',
    CH,
    `${CH}/3`,
    `${CH}/3.1`,
    `${CH}/3/figures`,
    `${CH}/3/terms`,
    `/v1/topics/${chapter.topics[0].id}`,
    `/v1/concepts/${chapter.concepts[0].id}`,
    `/v1/figures/${chapter.figures[0].id}`,
    `/v1/documents/${doc}/source`,
    `/v1/documents/${doc}/source?revision=1`,
    `/v1/documents/${doc}/revisions`,
  ];
}

describe('HTTP caching', () => {
  it('every GET has an ETag and Cache-Control, and If-None-Match answers 304 with no body', async () => {
    const api = await apiApp(richDb().db);
    for (const url of await everyGetUrl(api)) {
      const first = await api.get(url);
      expect(first.statusCode, url).toBe(200);
      expect(first.headers.etag, url).toMatch(/^"[^"]+"$/);
      expect(first.headers['cache-control'], url).toMatch(/public, max-age=\d+/);
      const again = await api.get(url, { 'if-none-match': String(first.headers.etag) });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(first.headers.etag);
      expect((await api.get(url, { 'if-none-match': `W/${first.headers.etag}, "other"` })).statusCode, url).toBe(304);
    }
  });

  it('changes the ETag when a note in the chapter changes, and serves the new content', async () => {
    const { db, writer } = richDb();
    const api = await apiApp(db);
    const before = await api.get(`${CH}/3`);
    writer.save(note(SEED_COURSE, 'ch03-transport.md', '---\nchapter: 3\n---\n# Only\n- one\n'));
    const after = await api.get(`${CH}/3`, { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(JSON.parse(after.body).topics.map((t: { title: string }) => t.title)).toEqual(['Only']);
    // The seed chapter is untouched, so its ETag is too.
    const seed = await api.get(`${CH}/2`);
    expect((await api.get(`${CH}/2`, { 'if-none-match': String(seed.headers.etag) })).statusCode).toBe(304);
  });

  it('lets a CDN cache chapters and revalidate, and stored revisions forever', async () => {
    const api = await apiApp();
    expect((await api.get(`${CH}/2`)).headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    const doc = JSON.parse((await api.get(`${CH}/2`)).body).documents[0].id;
    expect((await api.get(`/v1/documents/${doc}/source?revision=1`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves the same chapter bytes compressed with br or gzip, and plain', async () => {
    const api = await apiApp();
    const plain = await api.get(`${CH}/2`);
    const br = await api.app.inject({ url: `${CH}/2`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const gzip = await api.app.inject({ url: `${CH}/2`, headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    expect([br.headers['content-encoding'], gzip.headers['content-encoding'], plain.headers['content-encoding']]).toEqual(['br', 'gzip', undefined]);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    expect(br.headers.etag).toBe(plain.headers.etag);
  });
});

describe('browsers', () => {
  it('answers a CORS preflight from a configured origin, and exposes the ETag', async () => {
    const api = await apiApp(undefined, { CORS_ORIGINS: ['https://lms.example'] });
    const preflight = await api.app.inject({
      method: 'OPTIONS',
      url: `${CH}/2`,
      headers: { origin: 'https://lms.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://lms.example');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('GET');
    const get = await api.get(`${CH}/2`, { origin: 'https://lms.example' });
    expect(get.headers['access-control-allow-origin']).toBe('https://lms.example');
    expect(String(get.headers['access-control-expose-headers'])).toContain('ETag');
    const other = await api.get(`${CH}/2`, { origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends security headers', async () => {
    const api = await apiApp();
    const response = await api.get(`${CH}/2`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });
});

describe('over a real socket', () => {
  it('serves a chapter, a Korean NFD course and a 304 through HTTP', async () => {
    const api = await apiApp(richDb().db);
    const base = await api.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const response = await fetch(`${base}${CH}/2`, { headers: { 'accept-encoding': 'br' } });
      const body = await response.text();
      assertMatchesSpec('GET', `${CH}/2`, { statusCode: response.status, headers: { 'content-type': response.headers.get('content-type') }, body });
      expect(JSON.parse(body).topics).toHaveLength(2);
      const revalidated = await fetch(`${base}${CH}/2`, { headers: { 'if-none-match': response.headers.get('etag')! } });
      expect(revalidated.status).toBe(304);
      const korean = await fetch(`${base}/v1/courses/${encodeURIComponent('컴퓨터구조'.normalize('NFD'))}/chapters/1`);
      expect(((await korean.json()) as { course: string }).course).toBe('컴퓨터구조');
    } finally {
      await api.app.close();
    }
  });
});
