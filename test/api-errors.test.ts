import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/http/cursor.js';
import { apiApp, richDb } from './api-helpers.js';
import { SEED_COURSE } from './helpers.js';

const CH = `/v1/courses/${SEED_COURSE}/chapters`;

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, field?: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response.body);
  expect(problem).toMatchObject({ type: 'about:blank', title: expect.any(String), status, instance: expect.stringMatching(/^\//) });
  if (field) expect(problem.invalidParams.map((p: { name: string }) => p.name)).toContain(field);
  return problem;
}

describe('unknown ids are 404 problems', () => {
  it.each([
    '/v1/courses/nope/chapters',
    `${CH}/99`,
    `${CH}/9.9.9`,
    `${CH}/99/figures`,
    `${CH}/99/terms`,
    '/v1/courses/nope/chapters/2',
    '/v1/topics/t_nope',
    '/v1/concepts/c_nope',
    '/v1/figures/f_nope',
    '/v1/documents/d_nope/source',
    '/v1/documents/d_nope/revisions',
    '/v1/nothing-here',
  ])('%s', async (url) => {
    const api = await apiApp();
    expectProblem(await api.get(url), 404);
  });

  it('a revision that does not exist, and a deleted note\'s current source', async () => {
    const { db, writer } = richDb();
    const api = await apiApp(db);
    const id = JSON.parse((await api.get(`${CH}/3`)).body).documents[0].id;
    expectProblem(await api.get(`/v1/documents/${id}/source?revision=7`), 404);
    writer.delete(id);
    expect(expectProblem(await api.get(`/v1/documents/${id}/source`), 404).detail).toMatch(/deleted/);
    expect((await api.get(`/v1/documents/${id}/source?revision=1`)).statusCode).toBe(200);
    expectProblem(await api.get(`${CH}/3`), 404);
  });
});

describe('bad parameters are 400 problems naming the field', () => {
  const badLimits = ['0', '-1', '1.5', '1e3', '0x10', '201', '99999999999999999999', '', ' 5', '+5', '05', 'ten'];
  it.each(badLimits)('limit=%j', async (limit) => {
    const api = await apiApp();
    expectProblem(await api.get(`/v1/courses?limit=${encodeURIComponent(limit)}`), 400, 'query.limit');
    expectProblem(await api.get(`${CH}/2/figures?limit=${encodeURIComponent(limit)}`), 400, 'query.limit');
  });

  it('a repeated parameter', async () => {
    const api = await apiApp();
    expectProblem(await api.get('/v1/courses?limit=1&limit=2'), 400, 'query.limit');
    expectProblem(await api.get(`${CH}/2?format=flat&format=tree`), 400, 'query.format');
  });

  it.each([
    ['garbage', 'abc'],
    ['not base64url', 'a+b/c='],
    ['JSON of the wrong shape', Buffer.from('[1,2]').toString('base64url')],
    ['another list\'s cursor', encodeCursor('terms:x:', 'a')],
    ['not canonical base64url', `${encodeCursor('courses', 'a')}A`],
  ])('cursor: %s', async (_name, cursor) => {
    const api = await apiApp();
    expectProblem(await api.get(`/v1/courses?cursor=${encodeURIComponent(cursor)}`), 400, 'query.cursor');
  });

  it('a stale figure cursor, a bad revision cursor', async () => {
    const api = await apiApp();
    expectProblem(await api.get(`${CH}/2/figures?cursor=${encodeCursor(`figures:x:`, 'f_gone')}`), 400, 'query.cursor');
    const id = JSON.parse((await api.get(`${CH}/2`)).body).documents[0].id;
    expectProblem(await api.get(`/v1/documents/${id}/revisions?cursor=${encodeCursor(`revisions:${id}`, 'x')}`), 400, 'query.cursor');
  });

  it.each([
    ['include=pictures', 'query.include'],
    ['depth=0', 'query.depth'],
    ['depth=1.0', 'query.depth'],
    ['format=xml', 'query.format'],
  ])('chapter %s', async (query, field) => {
    const api = await apiApp();
    expectProblem(await api.get(`${CH}/2?${query}`), 400, field);
  });

  it('revision=abc, an over-long id, malformed percent-encoding', async () => {
    const api = await apiApp();
    expectProblem(await api.get('/v1/documents/d_x/source?revision=abc'), 400, 'query.revision');
    expectProblem(await api.get(`/v1/topics/${'t'.repeat(300)}`), 400, 'params.id');
    expectProblem(await api.app.inject('/v1/topics/%E0%A4%A'), 400);
  });
});

describe('nothing a client sends causes a 500', () => {
  it('survives odd input on every route', async () => {
    const api = await apiApp();
    const odd = ['%00', '..', '%2F', '%F0%9F%98%80', encodeURIComponent('가'.repeat(256)), "'; DROP TABLE topics; --", '2.', '.2', '1.2.3.4.5.6.7'];
    const routes = (v: string) => [
      `/v1/courses/${v}/chapters`,
      `${CH}/${v}`,
      `${CH}/${v}/figures`,
      `${CH}/${v}/terms`,
      `/v1/topics/${v}`,
      `/v1/concepts/${v}`,
      `/v1/figures/${v}`,
      `/v1/documents/${v}/source`,
      `/v1/documents/${v}/revisions`,
      `/v1/courses?cursor=${v}`,
      `${CH}/2?include=${v}&depth=${v}&format=${v}`,
    ];
    for (const value of odd) {
      for (const url of routes(value)) {
        const response = await api.app.inject(url);
        expect(response.statusCode, url).toBeLessThan(500);
      }
    }
  });

  it('answers a failure inside the server with a 500 that leaks nothing', async () => {
    const { db } = richDb();
    const api = await apiApp(db);
    db.close();
    const response = await api.app.inject(`${CH}/2`);
    const problem = expectProblem(response, 500);
    expect(problem.detail).not.toMatch(/database|sqlite|connection|Error/i);
  });
});
