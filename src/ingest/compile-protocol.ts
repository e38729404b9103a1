import { NoteError } from '../notes/note-error.js';
import type { CompiledNote, NoteLocation } from './compile-note.js';

/** What CompilePool and OffThreadCompiler send to compile-worker.ts, and what comes back. */
export interface CompileRequest {
  seq: number;
  location: NoteLocation;
  bytes: Uint8Array;
  hash: string;
}

export type CompileReply =
  | { seq: number; compiled: Omit<CompiledNote, 'bytes'> }
  | { seq: number; error: { message: string; line: number | null; expected: boolean } };

export const COMPILE_WORKER = new URL('./compile-worker.mjs', import.meta.url);

/**
 * The compiled note from a reply, or the error the worker hit (a NoteError
 * stays a NoteError, so callers answer 422 / "rejected" with its line).
 * `bytes` are the caller's own: the worker does not send them back (SQLite
 * must store the BLOB from a Buffer, and cloning them costs time).
 */
export function readReply(reply: CompileReply, bytes: Buffer): CompiledNote {
  if ('compiled' in reply) return { ...reply.compiled, bytes };
  if (reply.error.expected) throw new NoteError(reply.error.message, reply.error.line);
  throw new Error(reply.error.message);
}
