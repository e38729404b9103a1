import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.js';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Checks `Authorization: Bearer <token>` against the configured tokens.
 * Tokens are compared as SHA-256 digests with timingSafeEqual, and every
 * configured token is compared every time, so the answer time tells nothing
 * about a token's content, its length, or which token came close.
 */
export class BearerTokens {
  private readonly digests: Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  get configured(): boolean {
    return this.digests.length > 0;
  }

  /** The digest of a valid presented token (a stable client key), or null. */
  verify(header: string | undefined): string | null {
    const presented = header ? BEARER.exec(header)?.[1] : undefined;
    if (!presented) return null;
    const candidate = digest(presented);
    let ok = false;
    for (const known of this.digests) ok = timingSafeEqual(candidate, known) || ok;
    return ok ? candidate.toString('hex') : null;
  }

  /** Throws the problem a client should see when it may not write. */
  requireWriter(request: FastifyRequest): void {
    if (!this.configured) {
      throw new HttpProblem(403, 'Forbidden', 'writes are turned off on this server: no API_TOKENS are configured');
    }
    this.requireToken(request, 'writing');
  }

  requireToken(request: FastifyRequest, what: string): void {
    if (this.verify(request.headers.authorization) !== null) return;
    const detail = request.headers.authorization
      ? `the bearer token is not valid for ${what}`
      : `${what} needs an Authorization: Bearer <token> header`;
    throw new HttpProblem(401, 'Unauthorized', detail, {
      headers: { 'www-authenticate': request.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer' },
    });
  }
}

/** READS_REQUIRE_AUTH: every GET/HEAD under /v1/ needs a token too (writes check their own). */
export function requireTokenForReads(app: FastifyInstance, tokens: BearerTokens): void {
  app.addHook('onRequest', async (request) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url.startsWith('/v1/')) return;
    if (!tokens.configured) throw new HttpProblem(403, 'Forbidden', 'reads need a token on this server, but no API_TOKENS are configured');
    tokens.requireToken(request, 'reading');
  });
}
