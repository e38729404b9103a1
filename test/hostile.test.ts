import fc from 'fast-check';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentId } from '../src/notes/ids.js';
import { SEED_COURSE, SEED_PATH, seedBytes } from './helpers.js';
import { hostileCases } from './hostile-catalogue.js';
import { TOKEN, writableApp } from './write-helpers.js';

type Built = Awaited<ReturnType<typeof writableApp>>;
let built: Built;
let port: number;
const tally = { tried: 0, fiveXx: 0 };

beforeAll(async () => {
  built = await writableApp({ PARSE_TIMEOUT_MS: 5_000, BODY_LIMIT_BYTES: 8 * 1024 * 1024 });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  port = (built.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  console.log(`hostile inputs tried: ${tally.tried}, 5xx seen: ${tally.fiveXx}`);
  await built.app.close();
});

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, name: string) {
  tally.tried++;
  if (res.statusCode >= 500) tally.fiveXx++;
  expect(res.statusCode, name).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], name).toContain('application/problem+json');
    const problem = JSON.parse(res.body);
    expect(problem.status, name).toBe(res.statusCode);
    expect(problem.title, name).toBeTypeOf('string');
    // Nothing echoes a 10 KB input back whole.
    expect(res.body.length, name).toBeLessThan(2_000);
  }
}

describe('the hostile-input catalogue', () => {
  const cases = hostileCases();

  it(`answers each of its ${cases.length} inputs with the expected 4xx (or 2xx), never a 5xx`, async () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await built.app.inject({ method: c.method ?? 'GET', url: c.url, headers: c.headers, payload: c.payload });
      expectProblem(res, c.name);
      if (![c.expect].flat().includes(res.statusCode)) wrong.push(`${c.name}: got ${res.statusCode} ${res.body.slice(0, 160)}`);
      if (res.statusCode === 405) expect(res.headers.allow, c.name).toBeTruthy();
    }
    expect(wrong).toEqual([]);
  });

  it('loses nothing: the seed note is still its first revision, byte for byte, and the store is intact', async () => {
    const id = documentId(SEED_COURSE, SEED_PATH);
    const res = await built.app.inject({ url: `/v1/documents/${id}/revisions/1/source` });
    expect(res.rawPayload.equals(seedBytes())).toBe(true);
    expect(built.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const row = built.db.prepare('SELECT current_revision FROM documents WHERE id = ?').get(id) as { current_revision: number };
    expect(row.current_revision).toBe(1);
  });

  it('stores embeds that point outside the notes as text and never reads them', async () => {
    // The embed is a figure reference whose target is kept as written; a file: image is not even a link to markdown-it.
    const figures = built.db.prepare("SELECT target FROM figures WHERE target LIKE '%passwd%'").all();
    expect(figures).toEqual([{ target: '../../../etc/passwd' }]);
    const concepts = built.db.prepare("SELECT markdown FROM concepts WHERE markdown LIKE '%passwd%' ORDER BY position").all();
    expect(concepts).toEqual([{ markdown: 'see ![[../../../etc/passwd]]' }, { markdown: 'and ![x](file:///etc/passwd)' }]);
  });
});

/** Raw bytes over a real socket: what inject cannot send (bad request lines, huge headers, lying lengths). */
function raw(request: string | Buffer, { endAfterWrite = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(10_000, () => reject(new Error('socket hung')));
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    socket.write(request);
    if (endAfterWrite) socket.end();
  });
}

function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
}

describe('malformed requests over a real socket', () => {
  const socketCases: [string, string | Buffer, number][] = [
    ['20 KB header', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_480)}\r\n\r\n`, 431],
    ['200 headers of 200 bytes', `GET /health HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 200 }, (_, i) => `X-${i}: ${'b'.repeat(200)}\r\n`).join('')}\r\n`, 431],
    ['garbage request line', 'GARBAGE\r\n\r\n', 400],
    ['binary junk', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a]), 400],
    ['unknown HTTP version', 'GET /health HTTP/9.9\r\nHost: x\r\n\r\n', 400],
    ['space in the path', 'GET /he alth HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['header without colon', 'GET /health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n', 400],
    ['bad chunk size', `PUT /v1/courses/c/documents/ch1.md HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: text/markdown\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n# A\r\n0\r\n\r\n`, 400],
    ['both Content-Length and chunked', `PUT /v1/courses/c/documents/ch1.md HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400],
    ['raw %zz in the path', 'GET /v1/documents/%zz/revisions/1/source HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['raw dot-dot path', 'GET /v1/documents/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n', 404],
    ['raw encoded dot-dot note path', `PUT /v1/courses/c/documents/%2e%2e/%2e%2e/x.md HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: text/markdown\r\nContent-Length: 4\r\n\r\n# A\n`, 400],
    ['absolute-form URL', 'GET http://evil.example/health HTTP/1.1\r\nHost: x\r\n\r\n', 200],
  ];

  for (const [name, request, status] of socketCases) {
    it(`answers ${name} with ${status} problem+json`, async () => {
      const answer = await raw(request);
      tally.tried++;
      expect(statusOf(answer), answer.slice(0, 300)).toBe(status);
      if (status >= 400) expect(answer.toLowerCase()).toContain('content-type: application/problem+json');
    });
  }

  it('refuses a declared 50 MB body with 413 before reading it', async () => {
    // Only the headers are sent: an answer proves nothing waited for (or buffered) the 50 MB.
    const head = `PUT /v1/courses/c/documents/ch1.md HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: text/markdown\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n# A\n`;
    const answer = await raw(head, { endAfterWrite: false });
    tally.tried++;
    expect(statusOf(answer)).toBe(413);
    expect(answer.toLowerCase()).toContain('application/problem+json');
  });

  it('refuses a chunked body that grows past the limit with 413', async () => {
    const small = await writableApp({ BODY_LIMIT_BYTES: 1024 });
    const res = await small.app.inject({
      method: 'PUT',
      url: '/v1/courses/c/documents/ch1.md',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/markdown', 'transfer-encoding': 'chunked' },
      payload: '# A\n'.repeat(1000),
    });
    await small.app.close();
    tally.tried++;
    expect(res.statusCode).toBe(413);
  });
});

describe('no query string or path produces a 5xx', () => {
  const segment = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))),
    fc.constantFrom('%zz', '%', '%2', '%00', '%ff', '%ED%A0%80', '%2e%2e', '%2F', '..', '.', '', "'", '"', 'd_00000000000000000000'),
    fc.constantFrom('v1', 'courses', 'documents', 'revisions', 'source', 'search', 'topics', 'concepts', 'figures', 'chapters', 'health'),
  );
  const path = fc.array(segment, { minLength: 1, maxLength: 7 }).map((parts) => `/${parts.join('/')}`);
  const query = fc.array(fc.tuple(fc.constantFrom('q', 'limit', 'offset', 'cursor', 'x', '__proto__'), segment), { maxLength: 5 });

  it('for random paths, queries and methods', async () => {
    await fc.assert(
      fc.asyncProperty(path, query, fc.constantFrom('GET', 'PUT', 'DELETE', 'POST', 'HEAD'), async (p, q, method) => {
        const url = q.length ? `${p}?${q.map(([k, v]) => `${k}=${v}`).join('&')}` : p;
        const res = await built.app.inject({
          method: method as 'GET',
          url,
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/markdown' },
          payload: method === 'PUT' || method === 'POST' ? '# A\n' : undefined,
        });
        tally.tried++;
        if (res.statusCode >= 500) tally.fiveXx++;
        return res.statusCode < 500;
      }),
      { numRuns: 400 },
    );
  });
});
