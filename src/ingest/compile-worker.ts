import { parentPort } from 'node:worker_threads';
import { NoteError } from '../notes/note-error.js';
import { compileNote, type NoteLocation } from './compile-note.js';

export interface CompileJob {
  id: number;
  location: NoteLocation;
  bytes: Uint8Array;
}

export type CompileAnswer =
  | { id: number; ok: true; compiled: Omit<import('./compile-note.js').CompiledNote, 'bytes'> }
  | { id: number; ok: false; noteError: boolean; message: string; line: number | null };

// Runs compileNote on its own thread, so a note that takes seconds to parse never stalls the server.
parentPort?.on('message', ({ id, location, bytes }: CompileJob) => {
  let answer: CompileAnswer;
  try {
    const { bytes: _bytes, ...compiled } = compileNote(location, bytes);
    answer = { id, ok: true, compiled };
  } catch (error) {
    const noteError = error instanceof NoteError;
    answer = { id, ok: false, noteError, message: (error as Error).message, line: noteError ? error.line : null };
  }
  parentPort!.postMessage(answer);
});
