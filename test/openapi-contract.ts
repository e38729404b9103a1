import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { LightMyRequestResponse } from 'fastify';
import { parse } from 'yaml';

/**
 * The committed openapi.yaml as a response validator: every response a test
 * receives is checked against the schema the spec documents for its path,
 * method, status and media type. (Ajv comes with Fastify; tests only.)
 */
interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }>;
}

export const spec = parse(readFileSync('openapi.yaml', 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'openapi', components: spec.components });

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** The spec's template for a concrete path (`/v1/topics/t_1` → `/v1/topics/{id}`). */
export function templateOf(path: string): string | undefined {
  return templates.find((t) => t.pattern.test(path))?.template;
}

/** Throws with the path, status and schema errors when a response is not what the spec says. */
export function assertMatchesSpec(method: string, url: string, response: LightMyRequestResponse | { statusCode: number; headers: Record<string, unknown>; body: string }): void {
  const path = url.split('?')[0]!;
  const template = templateOf(path);
  const where = `${method} ${url} → ${response.statusCode}`;
  if (!template) {
    // Only the catch-all 404 may answer a path the spec does not list.
    if (response.statusCode !== 404) throw new Error(`${where}: path not in openapi.yaml`);
    return;
  }
  const operation = spec.paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${where}: method not in openapi.yaml`);
  const documented = operation.responses[String(response.statusCode)];
  if (!documented) throw new Error(`${where}: status not documented`);
  if (response.statusCode === 304) {
    if (response.body !== '') throw new Error(`${where}: a 304 has a body`);
    return;
  }
  const mediaType = String(response.headers['content-type'] ?? '').split(';')[0]!.trim();
  const content = documented.content?.[mediaType];
  if (!content) throw new Error(`${where}: media type ${mediaType} not documented (has ${Object.keys(documented.content ?? {}).join(', ')})`);
  if (mediaType !== 'application/json' && mediaType !== 'application/problem+json') return;
  const pointer = ['paths', template, method.toLowerCase(), 'responses', String(response.statusCode), 'content', mediaType, 'schema']
    .map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/');
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(content.schema) as object);
    validators.set(pointer, validate);
  }
  if (!validate(JSON.parse(response.body))) {
    throw new Error(`${where}: body does not match openapi.yaml: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
  }
}

/** `#/components/schemas/X` inside a path's schema points into the registered `openapi` document. */
function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `openapi${value}` : rewriteRefs(value)]),
  );
}
