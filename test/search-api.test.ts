import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import type { SearchResults } from '../src/schemas/search.js';
import { EXTRA_COURSE, searchDb, TRANSPORT } from './search-fixtures.js';
import { note, postings, SEED_COURSE } from './helpers.js';

let app: App;
const { db, writer } = searchDb();
beforeAll(async () => {
  app = await buildApp({ db, config: defaultConfig() });
});
afterAll(async () => {
  await app.close();
  db.close();
});

async function search(query: Record<string, string | number>): Promise<SearchResults> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await app.inject({ url: `/v1/search?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser would send it). */
const encode = (q: string) => [...Buffer.from(q, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const marked = (r: SearchResults) => r.items.flatMap((i) => i.highlights.map((h) => i.text.slice(h.start, h.end)));

describe('GET /v1/search', () => {
  it('finds 소켓 in text that says 소켓은/소켓에/소켓을 and marks only the noun', async () => {
    const r = await search({ q: '소켓은' });
    expect(r.fallback).toBeNull();
    expect(r.items.length).toBeGreaterThan(3);
    expect(new Set(marked(r))).toEqual(new Set(['소켓']));
    for (const item of r.items) expect(item.snippet.html).toContain('<mark>소켓</mark>');
  });

  it('points highlights at the matched spans of text, also for mixed and English words', async () => {
    const r = await search({ q: 'IP 주소' });
    expect(r.items.length).toBeGreaterThan(0);
    for (const item of r.items) {
      const spans = item.highlights.map((h) => item.text.slice(h.start, h.end).toLowerCase());
      expect(spans.some((s) => s.includes('ip'))).toBe(true);
      expect(spans.some((s) => s.includes('주소'))).toBe(true);
    }
  });

  it('ranks topic titles and key terms above body text', async () => {
    const r = await search({ q: 'socket' });
    expect(r.items.slice(0, 2).map((i) => i.type)).toEqual(['topic', 'term']);
    expect(r.items[2]!.type).toBe('concept');
  });

  it('gives each hit its course, chapter and topic breadcrumb', async () => {
    const r = await search({ q: '체크섬' });
    expect(r.items[0]).toMatchObject({ type: 'concept', course: EXTRA_COURSE, chapter: '3' });
    expect(r.items[0]!.breadcrumb.topics.map((t) => [t.title, t.section])).toEqual([
      ['전송 계층', null],
      ['UDP', '3.2'],
    ]);
    expect(r.items[0]!.topicId).toBe(r.items[0]!.breadcrumb.topics[1]!.id);
  });

  it('filters by course, chapter and type', async () => {
    const all = await search({ q: '서버', limit: 50 });
    expect(new Set(all.items.map((i) => i.course))).toEqual(new Set([SEED_COURSE, EXTRA_COURSE]));
    const extra = await search({ q: '서버', course: EXTRA_COURSE, limit: 50 });
    expect(extra.items.length).toBeGreaterThan(0);
    expect(extra.items.every((i) => i.course === EXTRA_COURSE)).toBe(true);
    const ch2 = await search({ q: '서버', chapter: '2', course: EXTRA_COURSE });
    expect(ch2.items.length).toBeGreaterThan(0);
    expect(ch2.items.every((i) => i.chapter === '2' && i.course === EXTRA_COURSE)).toBe(true);
    const chapter2 = await search({ q: '서버', chapter: '2', limit: 50 });
    expect(new Set(chapter2.items.map((i) => i.course))).toEqual(new Set([SEED_COURSE, EXTRA_COURSE]));
    expect(chapter2.items.every((i) => i.chapter === '2')).toBe(true);
    expect((await search({ q: '서버', chapter: 'no-such-chapter' })).items).toEqual([]);
    const topics = await search({ q: 'architecture', type: 'topic' });
    expect(topics.items.map((i) => i.text)).toEqual(expect.arrayContaining(['Client-Server Architecture']));
    expect(topics.items.every((i) => i.type === 'topic')).toBe(true);
    expect((await search({ q: '소켓', course: 'no-such-course' })).items).toEqual([]);
  });

  it('pages through every hit once with nextCursor', async () => {
    const whole = await search({ q: '프로세스', limit: 50 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SearchResults = await search({ q: '프로세스', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => `${i.type}:${i.id}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.items.map((i) => `${i.type}:${i.id}`));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a cursor from another search, a forged cursor and an out-of-range limit with 400', async () => {
    const first = await search({ q: '프로세스', limit: 2 });
    for (const url of [
      `/v1/search?q=${encodeURIComponent('소켓')}&cursor=${first.nextCursor}`,
      '/v1/search?q=a&cursor=bm9wZQ',
      '/v1/search?q=a&limit=0',
      '/v1/search?q=a&limit=51',
      '/v1/search?q=a&type=block',
      '/v1/search',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers a query with no hits with 200 and an empty list', async () => {
    expect(await search({ q: '블록체인' })).toEqual({ items: [], nextCursor: null, fallback: null, correctedQuery: null });
  });

  it('falls back to any word when 포트번호 is written 포트 번호 in the notes, and says so', async () => {
    const r = await search({ q: '포트번호' });
    expect(r.fallback).toBe('loose');
    expect(r.items.slice(0, 2).map((i) => i.text)).toEqual(['포트 번호와 다중화', expect.stringContaining('포트 번호는')]);
  });

  it('understands initial consonants, wrong keyboard mode and NFD input', async () => {
    const cho = await search({ q: 'ㄷㅇㅅㅌㄹ' });
    expect(cho.items[0]!.text).toContain('다익스트라');
    expect(marked(cho)).toContain('다익스트라');
    const qwerty = await search({ q: 'thzpt' });
    expect(qwerty).toMatchObject({ fallback: 'qwerty', correctedQuery: '소켓' });
    expect(marked(qwerty)).toContain('소켓');
    const nfd = await search({ q: '라우터는'.normalize('NFD') });
    expect(nfd.items[0]!.text).toBe('라우터는 포워딩 테이블을 보고 패킷을 다음 링크로 전달한다.');
  });

  it('finds a one-syllable word at the end of a compound', async () => {
    const r = await search({ q: '망' });
    expect(r.items[0]!.text).toContain('통신망');
    expect(marked(r)).toContain('망');
  });
});

describe('search index stays in step with documents', () => {
  it('replaces a document’s hits when it is edited and drops them when it is deleted', async () => {
    const before = await search({ q: '체크섬', course: EXTRA_COURSE });
    expect(before.items).toHaveLength(1);
    const edited = TRANSPORT.replace('UDP 체크섬은', 'UDP 검사합은');
    writer.save(note(EXTRA_COURSE, 'ch03-transport.md', edited));
    expect((await search({ q: '체크섬', course: EXTRA_COURSE })).items).toEqual([]);
    expect((await search({ q: '검사합', course: EXTRA_COURSE })).items).toHaveLength(1);
    // The index keeps no row count (migrations/008); every row holds at least its scope token.
    const rows = () => new Set(postings(db).map((p) => p.split('|')[1])).size;
    const items = () =>
      (db.prepare(`SELECT (SELECT count(*) FROM topics) + (SELECT count(*) FROM concepts) + (SELECT count(*) FROM terms)
        + (SELECT count(*) FROM figures) AS n`).get() as { n: number }).n;
    expect(rows()).toBe(items());
    const doc = db.prepare("SELECT id FROM documents WHERE path = 'ch03-transport.md'").get() as { id: string };
    writer.delete(doc.id);
    expect((await search({ q: '검사합' })).items).toEqual([]);
    expect((await search({ q: '혼잡', course: EXTRA_COURSE })).items).toEqual([]);
    expect(rows()).toBe(items());
    // Undo, so the order of the tests does not matter.
    writer.save(note(EXTRA_COURSE, 'ch03-transport.md', TRANSPORT));
    expect((await search({ q: '체크섬', course: EXTRA_COURSE })).items).toHaveLength(1);
  });
});

describe('hostile queries', () => {
  const HOSTILE = [
    '"', '""', '"소켓', '*', '소켓*', '(', ')', '(소켓', ':', 'text:소켓', 'scope:tconcept', '{scope}: tconcept', '-소켓', '^소켓',
    'NEAR(소켓 서버)', 'AND', 'OR', 'NOT', '소켓 OR 서버', '소켓 NOT 서버', 'a'.repeat(256), '소켓 '.repeat(40),
    '😀', '😀소켓😀', 'שלום', 'مرحبا سوكيت', '\u202E소켓', '\u200B', '\u0301', '\\', "'; DROP TABLE notes; --",
    'hkc', // English-mode keys no syllable can be built from: es-hangul throws on them
  ];

  it.each(HOSTILE)('answers %j with 200 or a clear 400, never 500', async (q) => {
    const res = await app.inject({ url: `/v1/search?q=${encodeURIComponent(q)}` });
    expect([200, 400]).toContain(res.statusCode);
    if (res.statusCode === 400) expect(res.json().detail).toMatch(/\w/);
  });

  it.each([
    ['a 10 KB query', `q=${'가'.repeat(10_000)}`],
    ['NUL', 'q=%00'],
    ['NUL inside a word', 'q=%EC%86%8C%00%EC%BC%93'],
    ['a lone surrogate', 'q=%ED%A0%80'],
    ['broken percent-encoding', 'q=%E0%A4%A'],
    ['invalid UTF-8', 'q=%FF%FE'],
    ['a repeated q', 'q=a&q=b'],
  ])('answers %s with 200 or a clear 400', async (_name, query) => {
    const res = await app.inject({ url: `/v1/search?${query}` });
    expect([200, 400]).toContain(res.statusCode);
    if (res.statusCode === 400) expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('never answers 5xx, whatever q is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
          fc.array(fc.constantFrom('"', '*', '(', ')', ':', '-', '^', 'NEAR', 'AND', 'OR', 'NOT', ' ', '소켓', 'ㅅ', '\u0000', '\uD800', 'text', '{', '}'), { minLength: 1, maxLength: 12 }).map((p) => p.join('')),
        ),
        async (q) => {
          const res = await app.inject({ url: `/v1/search?q=${encode(q)}` });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });
});
