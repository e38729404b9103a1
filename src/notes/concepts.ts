import type { Token } from 'markdown-it';
import type { LineRange } from './model.js';
import type { NoteBuilder } from './note-builder.js';
import { readRange } from './read-range.js';
import { closeOf } from './tokens.js';

/**
 * Length of the list marker a line starts with, with the whitespace around it:
 * what /^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/ matches, 0 when it does not.
 * Only used on the first line of a list item markdown-it already found, to cut
 * its marker; a loop because a regex match per concept was a measurable share
 * of the parse's garbage.
 */
export function markerLength(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09) i++;
  const c = line.charCodeAt(i);
  if (c === 0x2d || c === 0x2b || c === 0x2a) {
    i++;
  } else {
    const digits = i;
    while (i - digits < 9 && line.charCodeAt(i) >= 0x30 && line.charCodeAt(i) <= 0x39) i++;
    const delimiter = line.charCodeAt(i);
    if (i === digits || (delimiter !== 0x2e && delimiter !== 0x29)) return 0;
    i++;
  }
  if (i === line.length) return i;
  const after = i;
  while (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09) i++;
  return i === after ? 0 : i;
}

/**
 * Turns a list (bullet or ordered, any depth) into concepts: each item keeps
 * its own text, terms and figures, and its nested items become child concepts.
 */
export function addList(
  note: NoteBuilder,
  tokens: readonly Token[],
  open: number,
  topicId: string | null,
  parentId: string | null,
  depth: number,
): void {
  const close = closeOf(tokens, open);
  const ordered = tokens[open]!.type === 'ordered_list_open';
  for (let i = open + 1; i < close; i++) {
    const item = tokens[i]!;
    if (item.type !== 'list_item_open') continue;
    const itemClose = closeOf(tokens, i);
    const content = readRange(tokens, i + 1, itemClose, item.level + 1);
    const lines = ownLines(item.map!, content.lists, tokens);
    const concept = note.addConcept({
      topicId,
      parentId,
      depth,
      ordered,
      markdown: ownMarkdown(note.source(lines), lines[0]?.[0] === item.map![0] + 1),
      text: content.text.trim(),
      terms: content.terms.length < 2 ? content.terms : [...new Set(content.terms)],
      lines,
      id: '', // placed by the builder
      position: 0,
      line: 0,
    });
    if (content.figures.length > 0) {
      const owner = { topicId, conceptId: concept.id, blockId: null };
      for (let f = 0; f < content.figures.length; f++) note.addFigure(content.figures[f]!, content.figureLines[f]!, owner);
    }
    for (const list of content.lists) addList(note, tokens, list, topicId, concept.id, depth + 1);
    i = itemClose;
  }
}

/** The item's lines minus those of its nested lists (markdown-it maps are 0-based, end-exclusive). */
function ownLines(item: [number, number], lists: number[], tokens: readonly Token[]): LineRange[] {
  if (lists.length === 0) return item[1] > item[0] ? [[item[0] + 1, item[1]]] : [];
  const ranges: LineRange[] = [];
  let next = item[0];
  for (const list of lists) {
    const [start, end] = tokens[list]!.map!;
    if (start > next) ranges.push([next + 1, start]);
    next = Math.max(next, end);
  }
  if (item[1] > next) ranges.push([next + 1, item[1]]);
  return ranges;
}

/** The item's markdown without its list marker, continuation lines de-indented to match. */
function ownMarkdown(lines: string[], startsWithMarker: boolean): string {
  if (!startsWithMarker || lines.length === 0) return dedent(lines, 0).join('\n').trim();
  const marker = markerLength(lines[0]!);
  if (lines.length === 1) return lines[0]!.slice(marker).trim();
  return [lines[0]!.slice(marker), ...dedent(lines.slice(1), marker)].join('\n').trim();
}

function dedent(lines: string[], width: number): string[] {
  const indent = width || Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)));
}
