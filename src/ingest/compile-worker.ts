import { parentPort } from 'node:worker_threads';
import { NoteError } from '../notes/note-error.js';
import { compileNote } from './compile-note.js';
import type { CompileReply, CompileRequest } from './compile-protocol.js';
import { loadNote } from './load-note.js';

// Worker thread of CompilePool and OffThreadCompiler: compiles the notes it is sent, off the event loop.

parentPort!.on('message', (request: CompileRequest) => {
  try {
    if ('file' in request) {
      load(request);
      return;
    }
    // The parse stays here (the writer needs only the rows) and the bytes are the caller's: cloning either costs the main thread.
    const { note: _parse, bytes: _bytes, ...compiled } = compileNote(request.location, request.bytes, request.hash);
    parentPort!.postMessage({ seq: request.seq, compiled } satisfies CompileReply);
  } catch (error) {
    fail(request.seq, error);
  }
});

/** Reads and hashes a file here, so the main thread (the SQLite writer) does neither. */
function load(request: Extract<CompileRequest, { file: string }>): void {
  const loaded = loadNote(request.location, request.file, request.knownHash);
  if ('unchanged' in loaded) {
    parentPort!.postMessage({ seq: request.seq, unchanged: true } satisfies CompileReply);
    return;
  }
  const { bytes: read, ...compiled } = loaded.compiled;
  // A small file's Buffer is a slice of a shared pool, which must not be transferred: copy it out first.
  const bytes = read.byteLength === read.buffer.byteLength ? read : new Uint8Array(read);
  parentPort!.postMessage({ seq: request.seq, compiled, bytes } satisfies CompileReply, [bytes.buffer as ArrayBuffer]);
}

function fail(seq: number, error: unknown): void {
  const expected = error instanceof NoteError;
  const line = expected ? error.line : null;
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
  parentPort!.postMessage({ seq, error: { message: (error as Error).message, line, expected, code } } satisfies CompileReply);
}
