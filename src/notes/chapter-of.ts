import { basename } from 'node:path';
import { NoteError } from './note-error.js';

/**
 * The chapter a note belongs to: front matter `chapter`, else the first
 * number in the file name (`ch02-application-layer.md` → `2`). Numbers lose
 * leading zeros so `02`, `2` and `chapter: 2` are one chapter.
 */
export function chapterOf(frontMatterChapter: string | null, path: string): string {
  const raw = frontMatterChapter?.trim() || /\d+/.exec(basename(path))?.[0];
  if (!raw) {
    throw new NoteError('no chapter: set `chapter:` in the front matter or put the chapter number in the file name', 1);
  }
  if (raw.length > 64 || /[\p{Cc}/\\]/u.test(raw)) {
    throw new NoteError('`chapter` must be at most 64 characters without slashes or control characters', 1);
  }
  return /^\d+$/.test(raw) ? String(Number.parseInt(raw, 10)) : raw.normalize('NFC');
}

/** A readable title for a chapter whose notes set none: the file name without its number prefix. */
export function titleFromPath(path: string): string {
  const stem = basename(path).replace(/\.[^.]+$/, '');
  const words = stem.replace(/^(ch(apter)?)?[\s_-]*\d+[\s_.-]*/i, '').replace(/[_-]+/g, ' ').trim() || stem;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
