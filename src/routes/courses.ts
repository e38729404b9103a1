import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChapterCache } from '../chapters/chapter-cache.js';
import { listVersion, notModified } from '../http/cache-control.js';
import { decodeCursor, pageOf } from '../http/cursor.js';
import { notFound } from '../http/problem.js';
import { ChapterSummary, Course } from '../schemas/chapter.js';
import { NotModified, page, PageQuery, PathText, problemResponses } from '../schemas/common.js';

export const CourseParams = z.object({ course: PathText('Course id (its folder name); Korean works percent-encoded.') });

const CoursePage = page(Course, 'CoursePage');
const ChapterPage = page(ChapterSummary, 'ChapterPage');

/** The catalogue: courses, and each course's chapters in reading order. */
export const courseRoutes: FastifyPluginAsyncZod<{ cache: ChapterCache }> = async (app, { cache }) => {
  const { courses } = cache;

  app.get(
    '/courses',
    {
      schema: {
        operationId: 'listCourses',
        tags: ['courses'],
        summary: 'Courses with their chapter counts',
        querystring: PageQuery,
        response: { 200: CoursePage, ...NotModified, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { limit, cursor } = request.query;
      const rows = courses.listCourses(decodeCursor(cursor, 'courses') ?? '', limit + 1);
      const body = pageOf(rows, limit, 'courses', (row) => row.id);
      if (notModified(request, reply, listVersion(body.items.map((row) => `${row.id}:${row.etags}`)))) return reply;
      return { ...body, items: body.items.map(({ etags: _etags, ...course }) => course) };
    },
  );

  app.get(
    '/courses/:course/chapters',
    {
      schema: {
        operationId: 'listChapters',
        tags: ['courses'],
        summary: "A course's chapters in order, with counts and the notes they come from",
        params: CourseParams,
        querystring: PageQuery,
        response: { 200: ChapterPage, ...NotModified, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { course } = request.params;
      const { limit, cursor } = request.query;
      const list = `chapters:${course}`;
      const rows = courses.listChapters(course, decodeCursor(cursor, list), limit + 1);
      if (rows.length === 0 && cursor === undefined) throw notFound('course', course);
      const body = pageOf(rows, limit, list, (row) => row.chapter);
      if (notModified(request, reply, listVersion(body.items.map((row) => `${row.id}:${row.etag}`)))) return reply;
      const documents = courses.documentsByChapter(course);
      return {
        ...body,
        items: body.items.map(({ etag: _etag, ...row }) => ({
          ...row,
          documents: (documents.get(row.chapter) ?? []).map(({ id, path, revision, updatedAt }) => ({ id, path, revision, updatedAt })),
        })),
      };
    },
  );
};
