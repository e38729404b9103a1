import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { handleFrameworkError, registerErrorHandling } from './http/error-handler.js';
import { handleClientError } from './http/client-error.js';
import { BearerTokens, requireTokenForReads } from './http/auth.js';
import { trackRoutes } from './http/method-not-allowed.js';
import { documentCachingHeaders } from './http/openapi-caching.js';
import { registerProtection } from './http/protection.js';
import { documentWriteRoutes } from './routes/documents-write.js';
import { apiIndexRoutes } from './routes/api-index.js';
import { healthRoutes } from './routes/health.js';
import { readRoutes } from './routes/read-routes.js';
import { searchRoutes } from './routes/search.js';
import type { Db } from './store/database.js';

export interface AppOptions {
  db: Db;
  config: Config;
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger;
}

export const API_VERSION = '1.0.0';

/**
 * Builds the HTTP app around an open database. Never listens: `server.ts`
 * does that, and tests inject requests into the same app.
 */
export async function buildApp({ db, config, logger = false }: AppOptions) {
  const app = Fastify({
    ...(logger && typeof logger === 'object' && 'child' in logger ? { loggerInstance: logger } : { logger }),
    // A Korean course or chapter name percent-encoded (NFD even more so) easily passes the default 100.
    routerOptions: { maxParamLength: 2048 },
    // Framework-level rejections (malformed URL encoding) get the same problem shape as ours.
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  }).withTypeProvider<ZodTypeProvider>();

  const tokens = new BearerTokens(config.API_TOKENS);
  const routes = trackRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Course notes API',
        version: API_VERSION,
        description: 'Markdown study notes compiled into courses, chapters, topics, concepts, key terms and figure references.',
        license: { name: 'UNLICENSED', identifier: 'UNLICENSED' },
      },
      servers: [{ url: '/' }],
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'courses', description: 'Courses and their chapters' },
        { name: 'chapters', description: 'One chapter: its tree, figures and key terms' },
        { name: 'items', description: 'Topics, concepts and figures by stable id, with breadcrumbs' },
        { name: 'documents', description: 'Stored notes: exact bytes and revision history' },
        { name: 'search', description: 'Korean-aware full-text search' },
        { name: 'write', description: 'Creating, replacing and removing notes (bearer token)' },
      ],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from API_TOKENS' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => documentCachingHeaders(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // A JSON API serves no HTML of its own; the docs page sets its own CSP.
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } });
  await app.register(cors, {
    origin: config.CORS_ORIGINS.includes('*') ? '*' : config.CORS_ORIGINS,
    exposedHeaders: ['ETag', 'Location', 'Retry-After'],
    maxAge: 600,
  });
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });

  await registerProtection(app, config, tokens);
  if (config.READS_REQUIRE_AUTH) requireTokenForReads(app, tokens);

  await app.register(apiIndexRoutes, { version: API_VERSION });
  await app.register(healthRoutes, { db });
  await app.register(readRoutes, { db, prefix: '/v1' });
  await app.register(searchRoutes, { db, prefix: '/v1' });
  await app.register(documentWriteRoutes, { db, tokens, bodyLimit: config.BODY_LIMIT_BYTES, parseTimeoutMs: config.PARSE_TIMEOUT_MS });
  // Last: every path registered above gets 405 + Allow for the methods it lacks.
  routes.answerOtherMethods();
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
