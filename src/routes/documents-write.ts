import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CompiledNote } from '../ingest/compile-note.js';
import { CompilerBusy, OffThreadCompiler, ParseTimeout } from '../ingest/off-thread-compiler.js';
import type { BearerTokens } from '../http/auth.js';
import { documentVersion, etagOf, ifMatchHits, ifNoneMatchHits } from '../http/etag.js';
import { acceptMarkdownBodies, NOTE_MEDIA_TYPES } from '../http/markdown-body.js';
import { HttpProblem } from '../http/problem.js';
import { problemResponses } from '../schemas/common.js';
import { documentId as documentIdOf } from '../notes/ids.js';
import { NoteError } from '../notes/note-error.js';
import { NoteBody, RevisionSourceParams, WriteParams, WriteResult, type DocumentChanges } from '../schemas/write.js';
import type { Db } from '../store/database.js';
import { DocumentWriter } from '../store/document-writer.js';
import type { ItemDiff } from '../store/item-rows.js';
import { RevisionReader, type CurrentDocument } from '../store/revision-reader.js';

export interface WriteRoutesOptions {
  db: Db;
  tokens: BearerTokens;
  bodyLimit: number;
  parseTimeoutMs: number;
}

const Preconditions = z.object({
  'if-match': z.string().optional().describe('Write only if the document is still at this ETag (412 otherwise).'),
  'if-none-match': z.string().optional().describe('`*`: create only; 412 if the note already exists.'),
});

/**
 * The authenticated write path: PUT creates or replaces one note, DELETE
 * takes it out of the current view; every revision stays readable byte for
 * byte. Parsing happens before the write lock is taken; the precondition
 * check and the write share one IMMEDIATE transaction, so two editors (or two
 * processes) cannot both pass the same If-Match.
 */
export const documentWriteRoutes: FastifyPluginAsyncZod<WriteRoutesOptions> = async (app, { db, tokens, bodyLimit, parseTimeoutMs }) => {
  acceptMarkdownBodies(app, bodyLimit);
  const compiler = new OffThreadCompiler({ timeoutMs: parseTimeoutMs, maxQueue: 16 });
  app.addHook('onClose', () => compiler.close());
  const writer = new DocumentWriter(db);
  const reader = new RevisionReader(db);
  // Before the body is read: an anonymous client cannot make us buffer or parse anything.
  const writersOnly = async (request: FastifyRequest) => tokens.requireWriter(request);

  app.put(
    '/v1/courses/:course/documents/*',
    {
      bodyLimit,
      onRequest: writersOnly,
      schema: {
        operationId: 'putDocument',
        tags: ['write'],
        summary: 'Create or replace a note',
        description:
          'The body is the note as `text/markdown` (UTF-8). `{path}` is the path inside the course folder, sub-folders ' +
          'included (`/` raw or as `%2F`). Needs `Authorization: Bearer <token>`. 201 when the note is new, 200 otherwise.',
        consumes: [...NOTE_MEDIA_TYPES],
        security: [{ bearer: [] }],
        params: WriteParams,
        headers: Preconditions,
        body: NoteBody,
        response: { 200: WriteResult, 201: WriteResult, ...problemResponses(400, 401, 403, 412, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const { course, '*': path } = request.params;
      const bytes = requireBody(request.body);
      const compiled = await compile(compiler, course, path, bytes);
      const result = db
        .transaction(() => {
          checkPreconditions(request, reader.current(compiled.documentId));
          return writer.save(compiled);
        })
        .immediate();
      const etag = etagOf(documentVersion(compiled.hash, result.revision));
      reply.code(result.status === 'added' || result.status === 'restored' ? 201 : 200);
      reply.header('etag', etag).header('location', `/v1/documents/${result.documentId}/revisions/${result.revision}/source`);
      return { ...result, course, path, etag, changes: byKind(result.changes) };
    },
  );

  app.delete(
    '/v1/courses/:course/documents/*',
    {
      onRequest: writersOnly,
      schema: {
        operationId: 'deleteDocument',
        tags: ['write'],
        summary: 'Remove a note from the current view (its revisions stay)',
        security: [{ bearer: [] }],
        params: WriteParams,
        headers: Preconditions.pick({ 'if-match': true }),
        response: { 200: WriteResult, ...problemResponses(400, 401, 403, 404, 412, 429, 503) },
      },
    },
    async (request) => {
      const { course, '*': path } = request.params;
      const id = documentIdOf(course, path);
      return db
        .transaction(() => {
          const current = reader.current(id);
          if (!current || current.deleted) throw new HttpProblem(404, 'Not Found', `no note ${path} in course ${course}`);
          checkPreconditions(request, current);
          const removed = writer.delete(id)!;
          const etag = etagOf(documentVersion(current.hash, current.revision));
          return { documentId: id, course, path, chapter: removed.chapter, revision: removed.revision, status: 'deleted' as const, etag, changes: byKind(removed.changes) };
        })
        .immediate();
    },
  );

  app.get(
    '/v1/documents/:id/revisions/:rev/source',
    {
      schema: {
        operationId: 'getRevisionSource',
        tags: ['documents'],
        summary: 'The exact bytes of one revision of a note',
        params: RevisionSourceParams,
        response: {
          200: { description: 'The note as it was written', content: { 'text/markdown': { schema: NoteBody } } },
          304: z.null().describe('Not modified'),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { id, rev } = request.params;
      const revision = reader.source(id, rev);
      if (!revision) throw new HttpProblem(404, 'Not Found', `document ${id} has no revision ${rev}`);
      const etag = etagOf(documentVersion(revision.hash, revision.revision));
      // A revision never changes once written.
      reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable');
      if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      return reply.type('text/markdown; charset=utf-8').send(revision.source);
    },
  );
};

function requireBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new HttpProblem(415, 'Unsupported Media Type', `send the note as the body, with Content-Type: ${NOTE_MEDIA_TYPES.join(', ')}`);
}

async function compile(compiler: OffThreadCompiler, course: string, path: string, bytes: Buffer): Promise<CompiledNote> {
  try {
    const compiled = await compiler.compile({ course, path }, bytes);
    if (compiled.course !== course) {
      throw new NoteError(`the front matter puts this note in course "${compiled.course}", but the URL names "${course}"`, 1);
    }
    return compiled;
  } catch (error) {
    if (error instanceof CompilerBusy) {
      throw new HttpProblem(503, 'Service Unavailable', `${error.message}; retry shortly`, { headers: { 'retry-after': '2' } });
    }
    if (error instanceof ParseTimeout) throw new HttpProblem(422, 'Unprocessable Content', `${error.message}; nothing was stored`);
    if (!(error instanceof NoteError)) throw error;
    const where = error.line ? ` (line ${error.line})` : '';
    throw new HttpProblem(422, 'Unprocessable Content', `${error.message}${where}; nothing was stored`, {
      ...(error.line ? { line: error.line } : {}),
    });
  }
}

/** RFC 9110 preconditions against the current document; a deleted one counts as absent. */
function checkPreconditions(request: FastifyRequest, current: CurrentDocument | null): void {
  const live = current && !current.deleted ? current : null;
  const etag = live ? etagOf(documentVersion(live.hash, live.revision)) : null;
  const ifMatch = request.headers['if-match'];
  if (ifMatch !== undefined && (etag === null || !ifMatchHits(ifMatch, etag))) {
    throw new HttpProblem(412, 'Precondition Failed', etag ? `the note has changed: it is now at ${etag}` : 'the note does not exist', {
      headers: etag ? { etag } : {},
    });
  }
  const ifNoneMatch = request.headers['if-none-match'];
  if (etag !== null && ifNoneMatchHits(typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined, etag)) {
    throw new HttpProblem(412, 'Precondition Failed', `the note already exists at ${etag}`, { headers: { etag } });
  }
}

function byKind(diff: ItemDiff): DocumentChanges {
  const kinds = { topics: 't_', concepts: 'c_', blocks: 'b_', figures: 'f_' } as const;
  const pick = (ids: string[], prefix: string) => ids.filter((id) => id.startsWith(prefix));
  const entries = Object.entries(kinds).map(([kind, prefix]) => [
    kind,
    { added: pick(diff.added, prefix), removed: pick(diff.removed, prefix), changed: pick(diff.changed, prefix) },
  ]);
  return Object.fromEntries(entries) as DocumentChanges;
}
