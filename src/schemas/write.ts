import { z } from 'zod';

// One path segment of a note's location: what a folder or file may be called on any OS we ingest from.
const UNSAFE = /[\u0000-\u001f\u007f\\]/;
const NOTE_FILE = /\.(md|markdown|txt)$/i;
export const MAX_PATH_LENGTH = 512;

export const CourseParam = z
  .string()
  .min(1)
  .max(100)
  .transform((value) => value.normalize('NFC'))
  .refine((value) => !UNSAFE.test(value) && !value.includes('/') && value !== '.' && value !== '..', {
    message: 'a course is one folder name: no slashes, backslashes, control characters, "." or ".."',
  })
  .describe('The course folder name, as in `documents[].course`.');

/**
 * A note's path inside its course folder, slashes allowed for sub-folders
 * (raw or percent-encoded as %2F). Normalised to NFC so a name typed on macOS
 * and on Windows is the same document. Anything that could step outside the
 * course folder is refused rather than resolved.
 */
export const NotePathParam = z
  .string()
  .min(1, 'the note path is missing')
  .max(MAX_PATH_LENGTH, `a note path is at most ${MAX_PATH_LENGTH} characters`)
  .transform((value) => value.normalize('NFC'))
  .refine((value) => !UNSAFE.test(value), 'a note path may not contain control characters, NUL or backslashes')
  .refine((value) => !value.startsWith('/'), 'a note path is relative to its course folder')
  .refine(
    (value) => value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'),
    'a note path may not contain empty, "." or ".." segments',
  )
  .refine((value) => NOTE_FILE.test(value), 'a note path ends in .md, .markdown or .txt, as the ingest tool expects')
  .describe('Path of the note inside the course folder, as in `documents[].path`; may contain `/`.');

export const WriteParams = z.object({ course: CourseParam, '*': NotePathParam });

export const DocumentIdParam = z
  .string()
  .regex(/^d_[0-9a-f]{20}$/, 'a document id looks like d_ followed by 20 hex digits')
  .describe('Document id (`d_…`).');

export const RevisionParam = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'a revision is a positive whole number')
  .transform(Number)
  .describe('Revision number, from 1.');

export const RevisionSourceParams = z.object({ id: DocumentIdParam, rev: RevisionParam });

const IdList = z.array(z.string());
const ItemChanges = z
  .object({ added: IdList, removed: IdList, changed: IdList })
  .meta({ id: 'ItemChanges', description: 'Ids of the items this write added, removed or changed.' });

export const DocumentChanges = z
  .object({ topics: ItemChanges, concepts: ItemChanges, blocks: ItemChanges, figures: ItemChanges })
  .meta({ id: 'DocumentChanges' });

export const WriteResult = z
  .object({
    documentId: z.string(),
    course: z.string(),
    path: z.string(),
    chapter: z.string(),
    revision: z.number().int().describe('The revision now current.'),
    status: z
      .enum(['added', 'updated', 'unchanged', 'restored', 'deleted'])
      .describe('`unchanged`: the same bytes were already current and nothing was written; `restored`: a deleted note is back.'),
    etag: z.string().describe('The document ETag to send as If-Match with the next write.'),
    changes: DocumentChanges,
  })
  .meta({ id: 'WriteResult' });

export type WriteResult = z.infer<typeof WriteResult>;
export type DocumentChanges = z.infer<typeof DocumentChanges>;

export const NoteBody = z
  .any()
  .meta({ type: 'string', description: 'The note: markdown as UTF-8 bytes, stored byte for byte.' });
