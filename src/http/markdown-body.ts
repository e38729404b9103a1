import type { FastifyInstance } from 'fastify';
import { NoteError } from '../notes/note-error.js';
import { decodeNote } from '../notes/decode.js';
import { HttpProblem } from './problem.js';

export const NOTE_MEDIA_TYPES = ['text/markdown', 'text/x-markdown', 'text/plain'] as const;

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * Makes the routes of this (encapsulated) plugin accept exactly one kind of
 * body: a markdown note as UTF-8 bytes. Every other parser is removed, so JSON
 * or form bodies get 415; bodies over `bodyLimit` get 413 from Content-Length
 * alone, before a byte is buffered (or as soon as a chunked body crosses it).
 * The bytes are kept as sent, because revisions are stored byte for byte.
 */
export function acceptMarkdownBodies(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(NOTE_MEDIA_TYPES as unknown as string[], { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    try {
      const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') {
        throw new HttpProblem(415, 'Unsupported Media Type', `notes are UTF-8; charset=${charset.slice(0, 40)} is not accepted`);
      }
      // Strict decoding: a replaced byte would silently corrupt the note.
      decodeNote(body as Buffer);
      done(null, body);
    } catch (error) {
      if (error instanceof NoteError) {
        done(new HttpProblem(400, 'Bad Request', `the body ${error.message.replace(/^the file /, '')}`, { line: error.line ?? undefined }));
      } else done(error as Error, undefined);
    }
  });
}
