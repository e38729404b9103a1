import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { BearerTokens } from './auth.js';
import { HttpProblem, sendProblem } from './problem.js';

// Liveness must answer even when the server sheds load or a client is throttled.
const EXEMPT = new Set(['/health']);
const RETRY_AFTER_SECONDS = 2;

type Limits = Pick<Config, 'RATE_LIMIT_MAX' | 'RATE_LIMIT_WINDOW_MS' | 'MAX_EVENT_LOOP_DELAY_MS' | 'MAX_IN_FLIGHT'>;

/**
 * Load shedding and per-client rate limiting, both answering problem+json
 * with Retry-After. Registered before the routes: rate-limit attaches itself
 * to routes as they are added. Each limit is off when configured as 0.
 */
export async function registerProtection(app: FastifyInstance, limits: Limits, tokens: BearerTokens): Promise<void> {
  if (limits.MAX_IN_FLIGHT > 0) shedBeyondInFlight(app, limits.MAX_IN_FLIGHT);
  if (limits.MAX_EVENT_LOOP_DELAY_MS > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: limits.MAX_EVENT_LOOP_DELAY_MS,
      retryAfter: RETRY_AFTER_SECONDS,
      pressureHandler: (request, reply, type) => {
        if (EXEMPT.has(request.url)) return undefined;
        // As under-pressure documents: a reply sent here ends the request.
        shed(request, reply, `the server is overloaded (${type}); retry in ${RETRY_AFTER_SECONDS}s`);
        return undefined;
      },
    });
  }
  if (limits.RATE_LIMIT_MAX > 0) {
    await app.register(rateLimit, {
      max: limits.RATE_LIMIT_MAX,
      timeWindow: limits.RATE_LIMIT_WINDOW_MS,
      // Per client: a valid token is the client; anyone else is their address.
      keyGenerator: (request) => tokens.verify(request.headers.authorization) ?? request.ip,
      allowList: (request) => EXEMPT.has(request.url),
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(429, 'Too Many Requests', `more than ${context.max} requests in ${context.after}; retry in ${context.ttl ? Math.ceil(context.ttl / 1000) : 1}s`),
    });
  }
}

/** A request beyond the cap is refused at once rather than queued behind the others. */
function shedBeyondInFlight(app: FastifyInstance, max: number): void {
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (EXEMPT.has(request.url)) return;
    if (inFlight >= max) return shed(request, reply, `more than ${max} requests are in progress; retry in ${RETRY_AFTER_SECONDS}s`);
    inFlight++;
    reply.raw.once('close', () => inFlight--);
  });
}

function shed(request: FastifyRequest, reply: FastifyReply, detail: string) {
  reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return sendProblem(request, reply, { status: 503, title: 'Service Unavailable', detail });
}
