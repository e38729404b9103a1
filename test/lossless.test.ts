import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectNoteFiles } from '../src/ingest/collect-files.js';
import { decodeNote } from '../src/notes/decode.js';
import { splitLines } from '../src/notes/lines.js';
import type { ParsedNote } from '../src/notes/model.js';
import { parseNote } from '../src/notes/parse-note.js';

/** Every non-blank source line must be owned by exactly one stored item (or the front matter). */
function owners(note: ParsedNote, lineCount: number): number[] {
  const count = new Array<number>(lineCount + 1).fill(0);
  for (let line = 1; line <= note.frontMatter.lineCount; line++) count[line]!++;
  for (const item of [...note.topics, ...note.concepts, ...note.blocks]) {
    for (const [first, last] of item.lines) for (let line = first; line <= last; line++) count[line]!++;
  }
  return count;
}

const files = [...collectNoteFiles(['seed']), ...collectNoteFiles(['test/fixtures'])];

describe('lossless parsing', () => {
  it('has notes to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files.map((f) => [f.path, f.file]))('%s: every non-blank line belongs to exactly one item', (_path, file) => {
    const text = decodeNote(readFileSync(file));
    const lines = splitLines(text);
    const note = parseNote(text, { documentId: 'd' });
    const count = owners(note, lines.length);
    const wrong = lines.flatMap((line, i) => (line.trim() !== '' && count[i + 1] !== 1 ? [`${i + 1}: ${count[i + 1]}× ${line}`] : []));
    expect(wrong).toEqual([]);
    // And each item's stored markdown is made of its own source lines.
    for (const topic of note.topics) expect(topic.markdown).toBe(lines.slice(topic.line - 1, topic.lines[0]![1]).join('\n'));
  });
});
