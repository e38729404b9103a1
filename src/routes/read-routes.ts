import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChapterCache } from '../chapters/chapter-cache.js';
import type { Db } from '../store/database.js';
import { chapterRoutes } from './chapters.js';
import { courseRoutes } from './courses.js';
import { documentRoutes } from './documents.js';
import { itemRoutes } from './items.js';

/** The read API under `/v1`; one chapter cache shared by every route that serves chapter content. */
export const readRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const cache = new ChapterCache(db);
  await app.register(courseRoutes, { cache });
  await app.register(chapterRoutes, { cache });
  await app.register(itemRoutes, { db, cache });
  await app.register(documentRoutes, { db });
};
