import { parentPort } from 'node:worker_threads';
import { NoteError } from '../notes/note-error.js';
import { compileNote } from './compile-note.js';
import type { CompileReply, CompileRequest } from './compile-protocol.js';

// Worker thread of CompilePool and OffThreadCompiler: compiles the notes it is sent, off the event loop.

parentPort!.on('message', (request: CompileRequest) => {
  try {
    // The parse stays here (the writer needs only the rows) and the bytes are the caller's: cloning either costs the main thread.
    const { note: _parse, bytes: _bytes, ...compiled } = compileNote(request.location, request.bytes, request.hash);
    parentPort!.postMessage({ seq: request.seq, compiled } satisfies CompileReply);
  } catch (error) {
    const expected = error instanceof NoteError;
    const line = expected ? error.line : null;
    parentPort!.postMessage({ seq: request.seq, error: { message: (error as Error).message, line, expected } } satisfies CompileReply);
  }
});
