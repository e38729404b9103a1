import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../http/problem.js';
import type { Db } from '../store/database.js';
import { pendingMigrations } from '../store/migrate.js';

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const Ready = z.object({ status: z.literal('ready'), documents: z.number().int() }).meta({ id: 'Ready' });

/** Liveness (the process answers) and readiness (the database is open and fully migrated). */
export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get('/health', { schema: { operationId: 'getHealth', tags: ['health'], summary: 'Liveness', response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/ready',
    {
      schema: {
        operationId: 'getReady',
        tags: ['health'],
        summary: 'Readiness: database open and migrated',
        response: { 200: Ready, 503: { description: 'Not ready.', content: { 'application/problem+json': { schema: Problem } } } },
      },
    },
    async (request, reply) => {
      try {
        if (!db.open || pendingMigrations(db) > 0) throw new Error('database not migrated');
        const { n } = db.prepare('SELECT count(*) AS n FROM documents WHERE deleted_at IS NULL').get() as { n: number };
        return { status: 'ready' as const, documents: n };
      } catch (error) {
        request.log.warn({ err: error }, 'not ready');
        return reply.code(503).type('application/problem+json').send({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'the database is not open or not migrated',
        });
      }
    },
  );
};
