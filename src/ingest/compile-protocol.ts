import { NoteError } from '../notes/note-error.js';
import type { CompiledNote, NoteLocation } from './compile-note.js';
import type { LoadedNote } from './load-note.js';

/**
 * What CompilePool and OffThreadCompiler send to compile-worker.ts: a note's
 * bytes (a PUT has them in hand), or a file for the worker to read and hash
 * itself (a bulk ingest; `knownHash` is the stored current revision's, so an
 * unchanged file is answered without parsing).
 */
export type CompileRequest =
  | { seq: number; location: NoteLocation; bytes: Uint8Array; hash: string }
  | { seq: number; location: NoteLocation; file: string; knownHash: string | null };

export type CompileReply =
  /** `bytes` only when the worker read the file (transferred, not copied). */
  | { seq: number; compiled: Omit<CompiledNote, 'bytes'>; bytes?: Uint8Array }
  | { seq: number; unchanged: true }
  | { seq: number; error: { message: string; line: number | null; expected: boolean; code: string | null } };

/**
 * The compiled note from a reply, or the error the worker hit (a NoteError
 * stays a NoteError, so callers answer 422 / "rejected" with its line; a
 * file error keeps its code). `bytes` are the caller's own when it sent
 * them: the worker does not send them back (SQLite must store the BLOB from
 * a Buffer, and cloning them costs time).
 */
export function readReply(reply: CompileReply, bytes?: Buffer): LoadedNote {
  if ('unchanged' in reply) return reply;
  if ('compiled' in reply) {
    const own = bytes ?? (reply.bytes && Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
    if (!own) throw new Error('compile worker: a reply without the note bytes');
    return { compiled: { ...reply.compiled, bytes: own } };
  }
  const { message, line, expected, code } = reply.error;
  if (expected) throw new NoteError(message, line);
  throw Object.assign(new Error(message), code ? { code } : {});
}
