import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AssembledChapter } from '../chapters/assemble-chapter.js';
import { breadcrumbOf } from '../chapters/breadcrumb.js';
import type { ChapterCache } from '../chapters/chapter-cache.js';
import { notModified } from '../http/cache-control.js';
import { documentVersion } from '../http/etag.js';
import { notFound } from '../http/problem.js';
import { IdParams, NotModified, problemResponses } from '../schemas/common.js';
import { ConceptItem, FigureItem, TopicItem } from '../schemas/items.js';
import type { Db } from '../store/database.js';
import { ItemReader, type ItemKind } from '../store/item-reader.js';

/**
 * One topic, concept or figure by its stable id, with its breadcrumb. Items
 * come from the chapter tree cached per ETag; their own ETag is their
 * document's current revision.
 */
export const itemRoutes: FastifyPluginAsyncZod<{ db: Db; cache: ChapterCache }> = async (app, { db, cache }) => {
  const items = new ItemReader(db);

  /** The item's chapter tree, or null when a 304 was sent. */
  function chapterOf(kind: ItemKind, id: string, request: Parameters<typeof notModified>[0], reply: Parameters<typeof notModified>[1]) {
    const location = items.find(kind, id);
    if (!location) throw notFound(kind, id);
    if (notModified(request, reply, documentVersion(location.hash, location.revision))) return null;
    const row = cache.courses.chapterVersion(location.course, location.chapter);
    const chapter: AssembledChapter | undefined = row && cache.assembled(row);
    if (!chapter) throw notFound(kind, id);
    return chapter;
  }

  const schema = (operationId: string, summary: string, item: typeof TopicItem | typeof ConceptItem | typeof FigureItem) => ({
    operationId,
    tags: ['items'],
    summary,
    params: IdParams,
    response: { 200: item, ...NotModified, ...problemResponses(400, 404) },
  });

  app.get('/topics/:id', { schema: schema('getTopic', 'A topic with its subtree and breadcrumb', TopicItem) }, async (request, reply) => {
    const { id } = request.params;
    const chapter = chapterOf('topic', id, request, reply);
    if (!chapter) return reply;
    const found = chapter.topicById.get(id);
    if (!found) throw notFound('topic', id);
    return { ...found.node, parentId: found.parentId, breadcrumb: breadcrumbOf(chapter, { topicId: id, includeTopic: false }) };
  });

  app.get('/concepts/:id', { schema: schema('getConcept', 'A concept (list item) with its nested items and breadcrumb', ConceptItem) }, async (request, reply) => {
    const { id } = request.params;
    const chapter = chapterOf('concept', id, request, reply);
    if (!chapter) return reply;
    const found = chapter.conceptById.get(id);
    if (!found) throw notFound('concept', id);
    const breadcrumb = breadcrumbOf(chapter, { topicId: found.topicId, includeTopic: true, conceptId: found.parentId });
    return { ...found.node, topicId: found.topicId, parentId: found.parentId, documentId: found.documentId, breadcrumb };
  });

  app.get('/figures/:id', { schema: schema('getFigure', 'A figure reference with its breadcrumb', FigureItem) }, async (request, reply) => {
    const { id } = request.params;
    const chapter = chapterOf('figure', id, request, reply);
    if (!chapter) return reply;
    const found = chapter.figureById.get(id);
    if (!found) throw notFound('figure', id);
    return { ...found, breadcrumb: breadcrumbOf(chapter, { topicId: found.topicId, includeTopic: true, conceptId: found.conceptId }) };
  });
};
