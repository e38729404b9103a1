import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

export const PROBLEM_TYPE = 'application/problem+json';

export const InvalidParam = z
  .object({
    name: z.string().describe('Where the bad value was: `query.limit`, `params.id`, `body`, …'),
    reason: z.string(),
  })
  .meta({ id: 'InvalidParam' });

/** RFC 9457 problem details: the one error shape every route returns. */
export const Problem = z
  .object({
    type: z.string().describe('A URI naming the kind of problem; `about:blank` when the status says it all.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    invalidParams: z.array(InvalidParam).optional(),
    line: z.number().int().optional().describe('For a note that could not be read: the 1-based line to look at.'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof Problem>;

/** Thrown by handlers and hooks; the error handler turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Partial<Problem> & { headers?: Record<string, string> } = {},
  ) {
    super(detail ?? title);
  }
}

export function notFound(what: string, id: string): HttpProblem {
  return new HttpProblem(404, 'Not Found', `no ${what} with id ${JSON.stringify(id.slice(0, 200))}`);
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Omit<Problem, 'type' | 'instance'> & { type?: string }) {
  const body: Problem = { type: 'about:blank', instance: safeInstance(request), ...problem };
  return reply.code(problem.status).type(PROBLEM_TYPE).send(JSON.stringify(body));
}

/** The path the client asked for, bounded so a 10 KB URL is not echoed back whole. */
function safeInstance(request: FastifyRequest): string {
  const url = request.raw.url ?? request.url ?? '';
  return url.split('?')[0]!.slice(0, 512);
}
