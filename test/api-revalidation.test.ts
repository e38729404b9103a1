import { describe, expect, it } from 'vitest';
import { note } from './helpers.js';
import { apiApp, richDb } from './api-helpers.js';

const CHAPTER = '/v1/courses/computer-networking/chapters/2';

describe('chapter revalidation (the 304 fast path a CDN hits)', () => {
  it('answers a current ETag with a bodiless 304 carrying the same caching headers as the 200', async () => {
    const api = await apiApp();
    const first = await api.get(CHAPTER);
    const again = await api.get(CHAPTER, { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
    expect(again.headers.vary).toBe('Accept-Encoding');
  });

  it('sends the new chapter once a write changed it, even right after a 304', async () => {
    const { db, writer } = richDb();
    const api = await apiApp(db);
    const first = await api.get(CHAPTER);
    const etag = first.headers.etag as string;
    expect((await api.get(CHAPTER, { 'if-none-match': etag })).statusCode).toBe(304);
    writer.save(note('computer-networking', 'ch02-application-layer.md', '---\nchapter: 2\n---\n# Changed\n- new concept\n'));
    const after = await api.get(CHAPTER, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().topics[0].title).toBe('Changed');
  });

  it('still validates query options: a bad one is a 400 even with a matching ETag', async () => {
    const api = await apiApp();
    const etag = (await api.get(CHAPTER)).headers.etag as string;
    const bad = await api.get(`${CHAPTER}?depth=0x10`, { 'if-none-match': etag });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].name).toBe('query.depth');
  });

  it('matches NFD chapter URLs through the full path, not the fast one', async () => {
    const { db } = richDb();
    const api = await apiApp(db);
    const nfd = encodeURIComponent('컴퓨터구조'.normalize('NFD'));
    const first = await api.get(`/v1/courses/${nfd}/chapters/1`);
    expect(first.statusCode).toBe(200);
    expect((await api.get(`/v1/courses/${nfd}/chapters/1`, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);
  });
});
