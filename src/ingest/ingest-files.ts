import { readFileSync } from 'node:fs';
import { documentId } from '../notes/ids.js';
import { NoteError } from '../notes/note-error.js';
import type { DocumentWriter } from '../store/document-writer.js';
import type { NoteFile } from './collect-files.js';
import { compileNote, hashNote, type CompiledNote, type NoteLocation } from './compile-note.js';

export type IngestOutcome =
  | { file: NoteFile; status: 'added' | 'updated' | 'unchanged' | 'restored'; documentId: string; revision: number }
  | { file: NoteFile; status: 'rejected'; reason: string; line: number | null };

export interface IngestOptions {
  /** Where parsing happens: in this process (default) or a CompilePool's `compile`. */
  compile?: (location: NoteLocation, bytes: Uint8Array, hash: string) => CompiledNote | Promise<CompiledNote>;
  /** Notes compiled ahead of the writer; bounds memory while keeping compilers busy. */
  window?: number;
  /** Notes per write transaction (each note still its own savepoint); commits dominate small writes. */
  batch?: number;
}

type Pending = { file: NoteFile; result: Promise<CompiledNote> } | IngestOutcome;

/**
 * Loads files in order: unchanged bytes are recognised by hash before any
 * parsing (a re-ingest is nearly free); a rejected note is reported and
 * skipped while every good one still lands; each note is atomic.
 */
export async function* ingestFiles(writer: DocumentWriter, files: NoteFile[], options: IngestOptions = {}): AsyncGenerator<IngestOutcome> {
  const { compile = compileNote, window = 64, batch = 1 } = options;
  const queue: Pending[] = [];
  let next = 0;
  const fill = () => {
    while (next < files.length && queue.length < window) queue.push(start(writer, files[next++]!, compile));
  };
  fill();
  while (queue.length) {
    // Take the compiled notes at the head of the queue, up to a batch, and write them together.
    const ready: { file: NoteFile; compiled: CompiledNote }[] = [];
    const done: IngestOutcome[] = [];
    while (queue.length && ready.length < batch) {
      const head = queue.shift()!;
      fill();
      if ('status' in head) {
        done.push(head);
        continue;
      }
      try {
        ready.push({ file: head.file, compiled: await head.result });
      } catch (error) {
        done.push(rejection(head.file, error));
      }
    }
    yield* done;
    yield* writer.saveMany(ready.map((r) => r.compiled)).map((result, i): IngestOutcome => {
      const file = ready[i]!.file;
      return 'error' in result ? rejection(file, result.error) : { file, status: result.status, documentId: result.documentId, revision: result.revision };
    });
  }
}

function start(writer: DocumentWriter, file: NoteFile, compile: NonNullable<IngestOptions['compile']>): Pending {
  try {
    const bytes = readFileSync(file.file);
    const hash = hashNote(bytes);
    // Front matter may move a note to another course; only the folder's id can be checked unparsed.
    const guess = documentId(file.course, file.path);
    const current = writer.currentRevisionWith(guess, hash);
    if (current !== null) return { file, status: 'unchanged', documentId: guess, revision: current };
    const result = Promise.resolve().then(() => compile(file, bytes, hash));
    result.catch(() => {}); // Awaited in order later; don't report it as unhandled meanwhile.
    return { file, result };
  } catch (error) {
    return rejection(file, error);
  }
}

function rejection(file: NoteFile, error: unknown): IngestOutcome {
  if (!(error instanceof NoteError) && !isFileError(error)) throw error;
  return { file, status: 'rejected', reason: (error as Error).message, line: (error as NoteError).line ?? null };
}

function isFileError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E');
}
