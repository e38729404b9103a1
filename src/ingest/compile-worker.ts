import { parentPort } from 'node:worker_threads';
import { NoteError } from '../notes/note-error.js';
import { compileNote, type NoteLocation } from './compile-note.js';
import { prepareRows } from './prepare-rows.js';

/** Worker thread of CompilePool: compiles the notes it is sent, so parsing runs beside the database writer. */
export interface CompileRequest {
  seq: number;
  location: NoteLocation;
  bytes: Uint8Array;
  hash: string;
}

parentPort!.on('message', (request: CompileRequest) => {
  try {
    const compiled = compileNote(request.location, request.bytes, request.hash);
    compiled.rows = prepareRows(compiled.note);
    parentPort!.postMessage({ seq: request.seq, compiled });
  } catch (error) {
    const expected = error instanceof NoteError;
    const line = expected ? error.line : null;
    parentPort!.postMessage({ seq: request.seq, error: { message: (error as Error).message, line, expected } });
  }
});
