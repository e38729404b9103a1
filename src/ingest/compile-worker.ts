import { parentPort } from 'node:worker_threads';
import { NoteError } from '../notes/note-error.js';
import { compileNote } from './compile-note.js';
import type { CompileReply, CompileRequest } from './compile-protocol.js';
import { prepareRows } from './prepare-rows.js';

// Worker thread of CompilePool and OffThreadCompiler: compiles the notes it is sent, off the event loop.

parentPort!.on('message', (request: CompileRequest) => {
  try {
    const compiled = compileNote(request.location, request.bytes, request.hash);
    compiled.rows = prepareRows(compiled.note);
    parentPort!.postMessage({ seq: request.seq, compiled } satisfies CompileReply);
  } catch (error) {
    const expected = error instanceof NoteError;
    const line = expected ? error.line : null;
    parentPort!.postMessage({ seq: request.seq, error: { message: (error as Error).message, line, expected } } satisfies CompileReply);
  }
});
