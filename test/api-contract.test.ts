import { describe, expect, it } from 'vitest';
import { spec } from './openapi-contract.js';

/** A minimal lint of the committed spec: what a client generator and a reader of /docs rely on. */
describe('openapi.yaml', () => {
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, path, operation })),
  );

  it('documents every read endpoint of the issue', () => {
    expect(Object.keys(spec.paths).sort()).toEqual(
      expect.arrayContaining([
        '/v1/courses',
        '/v1/courses/{course}/chapters',
        '/v1/courses/{course}/chapters/{chapter}',
        '/v1/courses/{course}/chapters/{chapter}/figures',
        '/v1/courses/{course}/chapters/{chapter}/terms',
        '/v1/topics/{id}',
        '/v1/concepts/{id}',
        '/v1/figures/{id}',
        '/v1/documents/{id}/source',
        '/v1/documents/{id}/revisions',
        '/health',
        '/ready',
      ]),
    );
  });

  it('gives every operation a unique operationId, a summary and a tag', () => {
    const ids = operations.map((o) => o.operation.operationId);
    for (const { where, operation } of operations) {
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags?.length, where).toBeGreaterThan(0);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents every error as application/problem+json, and 400/404/304 on every /v1 read', () => {
    for (const { where, path, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) expect(Object.keys(response.content ?? {}), `${where} ${status}`).toEqual(['application/problem+json']);
      }
      if (!path.startsWith('/v1/')) continue;
      expect(Object.keys(operation.responses), where).toEqual(expect.arrayContaining(['200', '400', '500']));
      if (!where.startsWith('GET ')) continue;
      expect(Object.keys(operation.responses), where).toContain('304');
      expect(Object.keys(operation.responses['200']?.headers ?? {}), where).toEqual(['ETag', 'Cache-Control']);
      if (path.includes('{')) expect(Object.keys(operation.responses), where).toContain('404');
    }
  });

  it('resolves every $ref to a component', () => {
    const refs = JSON.stringify(spec).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.slice(ref.lastIndexOf('/') + 1, -1);
      expect(spec.components.schemas[name], ref).toBeDefined();
    }
  });
});

describe('the contract check itself', () => {
  it('rejects a body missing a documented field, and an undocumented status', async () => {
    const { assertMatchesSpec } = await import('./openapi-contract.js');
    const headers = { 'content-type': 'application/json; charset=utf-8' };
    expect(() => assertMatchesSpec('GET', '/v1/courses', { statusCode: 200, headers, body: '{"items":[{"id":"x"}],"nextCursor":null}' })).toThrow(/chapterCount/);
    expect(() => assertMatchesSpec('GET', '/v1/courses', { statusCode: 418, headers, body: '{}' })).toThrow(/not documented/);
  });
});
