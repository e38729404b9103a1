import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const ApiIndex = z
  .object({
    name: z.string(),
    version: z.string(),
    docs: z.string().describe('Swagger UI'),
    openapi: z.string().describe('The live OpenAPI 3.1 document'),
    links: z.record(z.string(), z.string()).describe('Where to start: the main resources, by name'),
  })
  .meta({ id: 'ApiIndex' });

/** `GET /`: what someone opening the server's address in a browser or with curl needs to find their way. */
export const apiIndexRoutes: FastifyPluginAsyncZod<{ version: string }> = async (app, { version }) => {
  const index = {
    name: 'Course notes API',
    version,
    docs: '/docs',
    openapi: '/openapi.json',
    links: {
      courses: '/v1/courses',
      chapter: '/v1/courses/{course}/chapters/{chapter}',
      search: '/v1/search?q={query}',
      health: '/health',
      ready: '/ready',
    },
  };
  app.get('/', { schema: { operationId: 'getApiIndex', tags: ['health'], summary: 'Where to start', response: { 200: ApiIndex } } }, async () => index);
};
