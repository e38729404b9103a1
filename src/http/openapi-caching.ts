import type { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Document = ReturnType<typeof jsonSchemaTransformObject>;
type Operation = { responses?: Record<string, { headers?: Record<string, unknown> }> };

const ETAG = {
  description: 'Names the content version this response shows; send it back as `If-None-Match` to get a 304.',
  schema: { type: 'string' },
};
const CACHE_CONTROL = {
  description: 'How long a CDN or browser may reuse the response before revalidating.',
  schema: { type: 'string' },
};

/**
 * Every GET under /v1 answers with `ETag` and `Cache-Control` (a test checks the
 * real responses); this declares those headers in the spec in one place instead
 * of on each route's schema.
 */
export function documentCachingHeaders(document: Document): Document {
  for (const [path, methods] of Object.entries((document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {})) {
    const get = methods.get;
    if (!path.startsWith('/v1/') || !get?.responses) continue;
    for (const status of ['200', '304']) {
      const response = get.responses[status];
      if (response) response.headers = { ...response.headers, ETag: ETAG, 'Cache-Control': CACHE_CONTROL };
    }
  }
  return document;
}
