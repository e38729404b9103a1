import { readFileSync } from 'node:fs';
import { compileNote, hashNote, type CompiledNote, type NoteLocation } from './compile-note.js';

/** A note file as a bulk ingest loads it: compiled, or the same bytes as the stored current revision. */
export type LoadedNote = { compiled: CompiledNote } | { unchanged: true };

/**
 * Reads and hashes a note file and, unless its hash is `knownHash`, compiles it. Throws a
 * NoteError for a bad note and the file error for an unreadable file. The same work on
 * either thread: in a CompilePool worker, or in-process when an ingest has no pool.
 */
export function loadNote(location: NoteLocation, file: string, knownHash: string | null): LoadedNote {
  const bytes = readFileSync(file);
  const hash = hashNote(bytes);
  if (hash === knownHash) return { unchanged: true };
  // The parse stays behind: the writer needs only the rows.
  const { note: _parse, ...compiled } = compileNote(location, bytes, hash);
  return { compiled };
}
