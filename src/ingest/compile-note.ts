import { chapterOf, titleFromPath } from '../notes/chapter-of.js';
import { decodeNote } from '../notes/decode.js';
import { contentHash, documentId } from '../notes/ids.js';
import type { ParsedNote } from '../notes/model.js';
import { NoteError } from '../notes/note-error.js';
import { parseNote } from '../notes/parse-note.js';
import { prepareRows, type ItemRows } from './prepare-rows.js';

/** Bumped when the parser's output changes, so stored notes are re-read even if their bytes are not. */
export const PARSER_VERSION = 1;

// A note larger than this is not study notes; refusing it bounds memory and parse time per request.
export const MAX_NOTE_BYTES = 8 * 1024 * 1024;

export interface NoteLocation {
  /** The course folder's name; front matter `course:` overrides it. */
  course: string;
  /** Path inside the course folder, `/`-separated. */
  path: string;
}

/** Everything the store writes for a note (what a compile worker posts back, bytes aside). */
export interface CompiledNote {
  documentId: string;
  course: string;
  path: string;
  chapter: string;
  /** The chapter title this note offers: front matter `title`, else one made from the file name. */
  title: string;
  /** Front matter `title` as written, if any. */
  declaredTitle: string | null;
  /** Front matter as JSON, unknown keys included (kept with the revision). */
  meta: string;
  order: number | null;
  hash: string;
  bytes: Uint8Array;
  rows: ItemRows;
}

/** A compiled note with the parse it came from, for callers in the same thread. */
export interface CompiledNoteWithParse extends CompiledNote {
  note: ParsedNote;
}

export function hashNote(bytes: Uint8Array): string {
  return contentHash(bytes);
}

/** Bytes and where they came from → everything the store writes. Throws NoteError. */
export function compileNote(location: NoteLocation, bytes: Uint8Array, hash = hashNote(bytes)): CompiledNoteWithParse {
  if (bytes.length > MAX_NOTE_BYTES) {
    throw new NoteError(`the note is ${bytes.length} bytes; the limit is ${MAX_NOTE_BYTES}`);
  }
  const text = decodeNote(bytes);
  let course = location.course;
  const note = parseNote(text, {
    documentId: (frontMatter) => {
      course = frontMatter.course?.normalize('NFC') ?? location.course;
      return documentId(course, location.path);
    },
  });
  const fm = note.frontMatter;
  return {
    documentId: documentId(course, location.path),
    course,
    path: location.path,
    chapter: chapterOf(fm.chapter, location.path),
    title: fm.title ?? titleFromPath(location.path),
    declaredTitle: fm.title,
    meta: JSON.stringify(fm.meta),
    order: fm.order,
    hash,
    bytes,
    rows: prepareRows(note),
    note,
  };
}
