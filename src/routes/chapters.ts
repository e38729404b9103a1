import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChapterCache } from '../chapters/chapter-cache.js';
import { figureList, subtreeOf, termIndex, termsAfter } from '../chapters/chapter-indexes.js';
import { resolveChapter } from '../chapters/resolve-chapter.js';
import { preferredEncoding } from '../http/accept-encoding.js';
import { notModified } from '../http/cache-control.js';
import { badCursor, decodeCursor, pageOf } from '../http/cursor.js';
import { etagOf, ifNoneMatchHits } from '../http/etag.js';
import { notFound } from '../http/problem.js';
import { ChapterView, INCLUDES, type Include } from '../schemas/chapter.js';
import { NotModified, page, PageQuery, PathText, problemResponses, queryInteger } from '../schemas/common.js';
import { FigureListItem, TermEntry } from '../schemas/items.js';
import { CourseParams } from './courses.js';

const ChapterParams = CourseParams.extend({
  chapter: PathText('The chapter (`2`), or a section number (`2.2.1`) to get that topic\'s subtree.'),
});

const ChapterQuery = z.object({
  include: z
    .string()
    .max(100)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return new Set<Include>(INCLUDES);
      const parts = value.split(',').filter(Boolean);
      const unknown = parts.filter((p) => !(INCLUDES as readonly string[]).includes(p));
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown part ${JSON.stringify(unknown[0])}; use ${INCLUDES.join(', ')}` });
      return new Set(parts as Include[]);
    })
    .describe(`Comma-separated parts to include: ${INCLUDES.join(', ')} (default all; empty for topics only).`),
  depth: queryInteger(1, 100, 'Topic levels to include below the top (1 = top-level topics only); default all.')
    .optional()
    .transform((value) => value ?? Infinity),
  format: z.enum(['tree', 'flat']).default('tree').describe('`tree` (nested, default) or `flat` (lists with parent ids).'),
});

// Compressing below this costs more than it saves (the app-wide @fastify/compress threshold too).
const COMPRESS_FROM = 1024;

/** One chapter: its tree (served from a per-ETag cache), its figure list and its key-term index. */
export const chapterRoutes: FastifyPluginAsyncZod<{ cache: ChapterCache }> = async (app, { cache }) => {
  app.get(
    '/courses/:course/chapters/:chapter',
    {
      schema: {
        operationId: 'getChapter',
        tags: ['chapters'],
        summary: 'A whole chapter (or one section) as a tree of topics, concepts, terms, blocks and figures',
        description:
          'Topics nest by heading level; each carries its concepts (nested list items), blocks and figure references. ' +
          'Cacheable: `ETag` names the chapter content, so `If-None-Match` revalidation is a 304.',
        params: ChapterParams,
        querystring: ChapterQuery,
        response: { 200: ChapterView, ...NotModified, ...problemResponses(400, 404) },
      },
      // Revalidation of the plain chapter URL (what a CDN or browser cache sends) is answered before
      // validation and parsing: only an exact, current chapter ETag qualifies, so anything else
      // (NFD names, sections, query options, stale tags) takes the full path below.
      onRequest: (request, reply, done) => {
        const { course, chapter } = request.params as { course: string; chapter: string };
        const header = request.headers['if-none-match'];
        const version = header && !request.url.includes('?') ? cache.courses.chapterVersion(course, chapter) : undefined;
        if (version && ifNoneMatchHits(header, etagOf(version.etag))) {
          reply.header('vary', 'Accept-Encoding');
          notModified(request, reply, version.etag);
          return;
        }
        done();
      },
    },
    async (request, reply) => {
      const { chapter, topicId } = resolveChapter(cache.courses, request.params.course, request.params.chapter);
      reply.header('vary', 'Accept-Encoding');
      if (notModified(request, reply, chapter.etag)) return reply;
      const view = cache.rendered(chapter, { ...request.query, topicId });
      if (!view) throw notFound('chapter', request.params.chapter);
      if (view.etag !== chapter.etag) reply.header('etag', etagOf(view.etag));
      reply.type('application/json; charset=utf-8');
      const encoding = view.body.length >= COMPRESS_FROM ? preferredEncoding(request.headers['accept-encoding']) : null;
      // Sent as a Buffer, so Fastify skips serialization: the view was validated when it was cached.
      if (encoding) return reply.header('content-encoding', encoding).send(cache.encode(view, encoding) as never);
      return reply.send(view.body as never);
    },
  );

  app.get(
    '/courses/:course/chapters/:chapter/figures',
    {
      schema: {
        operationId: 'listChapterFigures',
        tags: ['chapters'],
        summary: "A chapter's figures: embeds, images and `Figure N.N` mentions, with where each stands",
        params: ChapterParams,
        querystring: PageQuery,
        response: { 200: page(FigureListItem, 'FigurePage'), ...NotModified, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { chapter, topicId } = resolveChapter(cache.courses, request.params.course, request.params.chapter);
      const list = `figures:${chapter.id}:${topicId ?? ''}`;
      const after = decodeCursor(request.query.cursor, list);
      if (notModified(request, reply, chapter.etag)) return reply;
      const assembled = cache.assembled(chapter);
      if (!assembled) throw notFound('chapter', request.params.chapter);
      const figures = figureList(assembled, subtreeOf(assembled, topicId));
      const start = after === null ? 0 : figures.findIndex((f) => f.id === after) + 1;
      if (start === 0 && after !== null) throw badCursor('the chapter changed since this cursor was issued; start again');
      return pageOf(figures.slice(start, start + request.query.limit + 1), request.query.limit, list, (f) => f.id);
    },
  );

  app.get(
    '/courses/:course/chapters/:chapter/terms',
    {
      schema: {
        operationId: 'listChapterTerms',
        tags: ['chapters'],
        summary: "A chapter's key-term index: each bold term and the concepts it appears in",
        params: ChapterParams,
        querystring: PageQuery,
        response: { 200: page(TermEntry, 'TermPage'), ...NotModified, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { chapter, topicId } = resolveChapter(cache.courses, request.params.course, request.params.chapter);
      const list = `terms:${chapter.id}:${topicId ?? ''}`;
      const after = decodeCursor(request.query.cursor, list);
      if (notModified(request, reply, chapter.etag)) return reply;
      const assembled = cache.assembled(chapter);
      if (!assembled) throw notFound('chapter', request.params.chapter);
      const entries = termsAfter(termIndex(assembled, subtreeOf(assembled, topicId)), after);
      return pageOf(entries.slice(0, request.query.limit + 1), request.query.limit, list, (e) => e.term);
    },
  );
};
