import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { NoteLocation } from './compile-note.js';

const NOTE_FILE = /\.(md|markdown|txt)$/i;

export interface NoteFile extends NoteLocation {
  file: string;
}

/**
 * Expands CLI arguments into note files. A folder given is either a course
 * (its notes sit in it) or a library of courses (its sub-folders are
 * courses): a note's course is the first folder below the argument, or the
 * argument's own name for notes directly inside it. Hidden folders
 * (`.obsidian`, `.git`) and symlinks are skipped.
 */
export function collectNoteFiles(args: string[]): NoteFile[] {
  const files: NoteFile[] = [];
  for (const arg of args) {
    const root = resolve(arg);
    const stat = statSync(root);
    if (stat.isFile()) {
      files.push({ file: root, course: basename(dirname(root)), path: basename(root) });
      continue;
    }
    for (const file of walk(root)) {
      const parts = relative(root, file).split(sep);
      const course = parts.length > 1 ? parts[0]! : basename(root);
      const path = (parts.length > 1 ? parts.slice(1) : parts).join('/');
      files.push({ file, course: course.normalize('NFC'), path: path.normalize('NFC') });
    }
  }
  return files;
}

function* walk(dir: string): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile() && NOTE_FILE.test(entry.name)) yield full;
  }
}
