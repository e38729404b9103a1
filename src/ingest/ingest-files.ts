import { readFileSync } from 'node:fs';
import { documentId } from '../notes/ids.js';
import { NoteError } from '../notes/note-error.js';
import type { DocumentWriter } from '../store/document-writer.js';
import type { NoteFile } from './collect-files.js';
import { compileNote, hashNote } from './compile-note.js';

export type IngestOutcome =
  | { file: NoteFile; status: 'added' | 'updated' | 'unchanged' | 'restored'; documentId: string; revision: number }
  | { file: NoteFile; status: 'rejected'; reason: string; line: number | null };

/**
 * Loads each file in its own transaction: a rejected note is reported and
 * skipped while every good one still lands. Unchanged bytes are recognised
 * by hash before any parsing, which is what makes a re-ingest cheap.
 */
export function* ingestFiles(writer: DocumentWriter, files: NoteFile[]): Generator<IngestOutcome> {
  for (const file of files) {
    try {
      const bytes = readFileSync(file.file);
      const hash = hashNote(bytes);
      // Front matter may move a note to another course; only the folder's id can be checked unparsed.
      const guess = documentId(file.course, file.path);
      const current = writer.currentRevisionWith(guess, hash);
      if (current !== null) {
        yield { file, status: 'unchanged', documentId: guess, revision: current };
        continue;
      }
      const result = writer.save(compileNote(file, bytes, hash));
      yield { file, status: result.status, documentId: result.documentId, revision: result.revision };
    } catch (error) {
      if (!(error instanceof NoteError) && !isFileError(error)) throw error;
      yield { file, status: 'rejected', reason: (error as Error).message, line: (error as NoteError).line ?? null };
    }
  }
}

function isFileError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E');
}
