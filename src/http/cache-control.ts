import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, ifNoneMatchHits } from './etag.js';

/**
 * Content changes only when notes are re-ingested. A CDN or browser may serve
 * a response for a minute without asking, then keep serving it for five more
 * while it revalidates in the background; revalidation is a cheap 304 by ETag.
 */
export const REVALIDATE = 'public, max-age=60, stale-while-revalidate=300';
/** A stored revision's bytes never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Sets ETag and Cache-Control; true when the client's copy is current and a
 * bodiless 304 has been sent.
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, version: string, cacheControl = REVALIDATE): boolean {
  const etag = etagOf(version);
  reply.header('etag', etag).header('cache-control', cacheControl);
  if (!ifNoneMatchHits(request.headers['if-none-match'], etag)) return false;
  reply.code(304).send();
  return true;
}

/** A list's version: a digest of the content versions (chapter ETags) it shows. */
export function listVersion(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 27);
}
