import { documentId } from '../notes/ids.js';
import { NoteError } from '../notes/note-error.js';
import { beginBulkLoad } from '../store/bulk-load.js';
import type { DocumentWriter } from '../store/document-writer.js';
import type { NoteFile } from './collect-files.js';
import type { CompiledNote } from './compile-note.js';
import type { CompilePool } from './compile-pool.js';
import { loadNote } from './load-note.js';

export type IngestOutcome =
  | { file: NoteFile; status: 'added' | 'updated' | 'unchanged' | 'restored'; documentId: string; revision: number }
  | { file: NoteFile; status: 'rejected'; reason: string; line: number | null };

export interface IngestOptions {
  /** Worker threads that read, hash and parse the files; without one, this thread does. */
  pool?: CompilePool;
  /** Notes loaded ahead of the writer; bounds memory while keeping compilers busy. */
  window?: number;
  /** Notes per write transaction (each note still its own savepoint); commits dominate small writes. */
  batch?: number;
  /** A bulk load: checkpoint the WAL and merge the search index once, at the end (see beginBulkLoad). */
  bulk?: boolean;
}

type Loaded = { file: NoteFile; compiled: CompiledNote } | IngestOutcome;

/**
 * Loads files in order: unchanged bytes are recognised by hash before any
 * parsing (a re-ingest is nearly free); a rejected note is reported and
 * skipped while every good one still lands; each note is atomic.
 */
export async function* ingestFiles(writer: DocumentWriter, files: NoteFile[], options: IngestOptions = {}): AsyncGenerator<IngestOutcome> {
  const { pool, window = 64, batch = 1 } = options;
  const bulk = options.bulk ? beginBulkLoad(writer.db, files.length) : null;
  let written = 0;
  try {
    for await (const outcome of writeInOrder(writer, files, pool, window, batch)) {
      if (outcome.status === 'added' || outcome.status === 'updated' || outcome.status === 'restored') {
        written++;
        bulk?.wrote(written);
      }
      yield outcome;
    }
  } finally {
    await bulk?.end(written);
  }
}

async function* writeInOrder(writer: DocumentWriter, files: NoteFile[], pool: CompilePool | undefined, window: number, batch: number) {
  const queue: Promise<Loaded>[] = [];
  let next = 0;
  const fill = () => {
    while (next < files.length && queue.length < window) queue.push(start(writer, files[next++]!, pool));
  };
  fill();
  while (queue.length) {
    // Take the loaded notes at the head of the queue, up to a batch, and write them together.
    const taken: Loaded[] = [];
    const ready: { file: NoteFile; compiled: CompiledNote }[] = [];
    while (queue.length && ready.length < batch) {
      const head = queue.shift()!;
      fill();
      const loaded = await head;
      taken.push(loaded);
      if (!('status' in loaded)) ready.push(loaded);
    }
    const written = writer.saveMany(ready.map((r) => r.compiled));
    // Outcomes in file order, however the batches fell.
    let i = 0;
    for (const loaded of taken) {
      if ('status' in loaded) {
        yield loaded;
        continue;
      }
      const result = written[i++]!;
      yield 'error' in result ? rejection(loaded.file, result.error) : { file: loaded.file, status: result.status, documentId: result.documentId, revision: result.revision };
    }
  }
}

function start(writer: DocumentWriter, file: NoteFile, pool: CompilePool | undefined): Promise<Loaded> {
  // Front matter may move a note to another course; only the folder's id can be checked unparsed.
  const guess = documentId(file.course, file.path);
  const known = writer.currentVersion(guess);
  const unchanged = (): Loaded => ({ file, status: 'unchanged', documentId: guess, revision: known!.revision });
  const loaded: Promise<Loaded> = pool
    ? pool.load(file, known?.hash ?? null).then((result) => ('compiled' in result ? { file, compiled: result.compiled } : unchanged()))
    : Promise.resolve().then(() => {
        const result = loadNote(file, file.file, known?.hash ?? null);
        return 'compiled' in result ? { file, compiled: result.compiled } : unchanged();
      });
  // Awaited in order later; a rejection becomes the file's outcome (or, if unexpected, the generator's error).
  return loaded.catch((error: unknown) => rejection(file, error));
}

function rejection(file: NoteFile, error: unknown): IngestOutcome {
  if (!(error instanceof NoteError) && !isFileError(error)) throw error;
  return { file, status: 'rejected', reason: (error as Error).message, line: (error as NoteError).line ?? null };
}

function isFileError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E');
}
