import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMMUTABLE, notModified } from '../http/cache-control.js';
import { badCursor, decodeCursor, pageOf } from '../http/cursor.js';
import { documentVersion } from '../http/etag.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { IdParams, NotModified, page, PageQuery, problemResponses, queryInteger } from '../schemas/common.js';
import { Revision } from '../schemas/documents.js';
import type { Db } from '../store/database.js';
import { DocumentReader } from '../store/document-reader.js';

const SourceQuery = z.object({
  revision: queryInteger(1, 999_999_999, 'A stored revision (see `/revisions`); default the current one.').optional(),
});

/** The exact stored markdown of a document, current or at any revision, and its revision history. */
export const documentRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const documents = new DocumentReader(db);

  app.get(
    '/documents/:id/source',
    {
      schema: {
        operationId: 'getDocumentSource',
        tags: ['documents'],
        summary: 'The exact stored markdown bytes of a note',
        description: 'With `revision`, that revision\'s bytes, cacheable forever; without, the current revision.',
        params: IdParams,
        querystring: SourceQuery,
        response: {
          200: { description: 'The note as stored, byte for byte.', content: { 'text/markdown': { schema: z.string() } } },
          ...NotModified,
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const doc = documents.find(id);
      if (!doc) throw notFound('document', id);
      const asked = request.query.revision;
      if (asked === undefined && doc.deletedAt) {
        throw new HttpProblem(404, 'Not Found', `document ${id} was deleted; its revisions remain readable with ?revision=`);
      }
      const revision = asked ?? doc.revision;
      const stored = documents.sourceOf(id, revision);
      if (!stored) throw notFound('revision', `${id}@${revision}`);
      if (notModified(request, reply, documentVersion(stored.hash, revision), asked === undefined ? undefined : IMMUTABLE)) return reply;
      // A Buffer is sent as is: no serializer, no re-encoding of the author's bytes.
      return reply.type('text/markdown; charset=utf-8').send(stored.source as never);
    },
  );

  app.get(
    '/documents/:id/revisions',
    {
      schema: {
        operationId: 'listDocumentRevisions',
        tags: ['documents'],
        summary: "A note's revision history, newest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(Revision, 'RevisionPage'), ...NotModified, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { limit, cursor } = request.query;
      const list = `revisions:${id}`;
      const after = decodeCursor(cursor, list);
      const before = after === null ? Number.MAX_SAFE_INTEGER : Number(after);
      if (!Number.isSafeInteger(before)) throw badCursor('is not a cursor returned by this API');
      const doc = documents.find(id);
      if (!doc) throw notFound('document', id);
      const version = `${documentVersion(doc.hash, doc.revision)}${doc.deletedAt ? '-deleted' : ''}`;
      if (notModified(request, reply, version)) return reply;
      const rows = documents.listRevisions(id, before, limit + 1);
      const body = pageOf(rows, limit, list, (row) => row.revision);
      return { ...body, items: body.items.map((row) => ({ ...row, current: row.revision === doc.revision && !doc.deletedAt })) };
    },
  );
};
