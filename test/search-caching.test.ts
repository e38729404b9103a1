import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { note, seededDb } from './helpers.js';

const URL = `/v1/search?q=${encodeURIComponent('소켓')}`;

describe('search responses are cacheable', () => {
  it('carry an ETag, revalidate to 304, and change ETag as soon as any note changes', async () => {
    const { db, writer } = seededDb();
    const app = await buildApp({ db, config: defaultConfig() });
    const first = await app.inject(URL);
    const etag = first.headers.etag as string;
    expect(first.statusCode).toBe(200);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toContain('max-age=');
    expect((await app.inject({ url: URL, headers: { 'if-none-match': etag } })).statusCode).toBe(304);

    // Another query is another representation.
    const other = await app.inject(`/v1/search?q=${encodeURIComponent('서버')}`);
    expect(other.headers.etag).not.toBe(etag);

    // A note elsewhere in the corpus changes what a search may return.
    writer.save(note('other-course', 'ch01.md', '# 소켓 정리\n- 소켓은 새로 추가된 개념\n'));
    const after = await app.inject({ url: URL, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().items.some((hit: { course: string }) => hit.course === 'other-course')).toBe(true);
  });
});
