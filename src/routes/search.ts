import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem } from '../http/problem.js';
import { listVersion, notModified } from '../http/cache-control.js';
import { NotModified, problemResponses } from '../schemas/common.js';
import { SearchQuery, SearchResults } from '../schemas/search.js';
import { searchNotes } from '../search/search-notes.js';
import type { Db } from '../store/database.js';
import { contentVersionReader } from '../store/content-version.js';
import { SearchReader } from '../store/search-reader.js';

/** GET /search: ranked, highlighted hits over topics, key terms, concepts and figures. */
export const searchRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const reader = new SearchReader(db);
  const contentVersion = contentVersionReader(db);
  app.get(
    '/search',
    {
      schema: {
        operationId: 'searchNotes',
        tags: ['search'],
        summary: 'Search notes (Korean-aware)',
        description:
          'All words must match (a Korean word matches with or without its particle); if none does, hits matching some words are returned with `fallback: "loose"`. Initial consonants (`ㅅㅋ`) and Hangul typed in English keyboard mode (`thzpt`) are understood. Topic titles and key terms rank above body text. No hits is a 200 with an empty list.',
        querystring: SearchQuery,
        response: { 200: SearchResults, ...NotModified, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      // Results depend on every note in scope, so their ETag is the content version with the query.
      if (notModified(request, reply, listVersion([String(contentVersion()), JSON.stringify(request.query)]))) return reply;
      const result = searchNotes(reader, request.query);
      if ('error' in result) {
        throw new HttpProblem(400, 'Bad Request', result.error, { invalidParams: [{ name: result.error.startsWith('cursor') ? 'query.cursor' : 'query.q', reason: result.error }] });
      }
      return result;
    },
  );
};
