import { MAX_NESTING } from './markdown.js';
import { NoteError } from './note-error.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * A linear pre-scan, before any markdown parsing, that refuses notes whose
 * lists or quotes nest more than MAX_NESTING deep (`> > > …` on one line,
 * or list items indented under each other ten thousand times). markdown-it's
 * own cap stays as the exact backstop (it counts tokens, so it already stops
 * at about half this depth); this scan makes hostile notes cost milliseconds
 * whatever shape they take. It tracks the content column of the list items
 * open above each line, like a CommonMark container parser would, and skips
 * fenced code, where indentation is content.
 */
export function rejectDeepNesting(lines: readonly string[], firstLine = 0): void {
  let fence: string | null = null;
  const open: number[] = []; // content columns of list items still open
  // Reused for every line: one Prefix per line was ~5% of the parse's garbage.
  const prefix: Prefix = { indent: 0, markers: 0, quoted: false, contentColumns: [], columnCount: 0 };
  for (let i = firstLine; i < lines.length; i++) {
    const line = lines[i]!;
    const first = line.charCodeAt(0);
    // Only a line starting with a space, ` or ~ can be a fence.
    const opener = first === 0x20 || first === 0x60 || first === 0x7e ? FENCE.exec(line)?.[1] : undefined;
    if (fence !== null) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = null;
      continue;
    }
    if (opener) {
      fence = opener;
      continue;
    }
    if (startsUnindentedText(first)) {
      // No indent and no marker: every list above ends here (what readPrefix would find, without its work).
      open.length = 0;
      continue;
    }
    if (!readPrefix(line, prefix)) continue; // blank lines keep lists open
    while (open.length > 0 && open.at(-1)! > prefix.indent) open.pop();
    if (open.length + prefix.markers > MAX_NESTING) {
      throw new NoteError(`lists or quotes are nested deeper than ${MAX_NESTING} levels`, i + 1);
    }
    if (!prefix.quoted) for (let c = 0; c < prefix.columnCount; c++) open.push(prefix.contentColumns[c]!);
  }
}

/** True for a line's first char code that is neither whitespace, a quote or list marker, nor absent (NaN). */
function startsUnindentedText(first: number): boolean {
  return !(first === 0x20 || first === 0x09 || first === 0x3e || first === 0x2d || first === 0x2a || first === 0x2b || (first >= 0x30 && first <= 0x39) || Number.isNaN(first));
}

interface Prefix {
  /** Columns of whitespace before the first marker. */
  indent: number;
  /** Quote and list markers opening on this line. */
  markers: number;
  quoted: boolean;
  /** Where the content of each list item opened on this line starts: the first columnCount entries. */
  contentColumns: number[];
  columnCount: number;
}

/** Reads the container markers a line starts with into `prefix`; false for a blank line. Stops once past the limit. */
function readPrefix(line: string, prefix: Prefix): boolean {
  let column = 0;
  let pos = 0;
  let indent = -1;
  let quoted = false;
  const contentColumns = prefix.contentColumns;
  let columns = 0;
  let markers = 0;
  while (pos < line.length && markers <= MAX_NESTING) {
    const ch = line.charCodeAt(pos);
    if (ch === 0x20 || ch === 0x09) {
      column += ch === 0x09 ? 4 - (column % 4) : 1;
      pos++;
      continue;
    }
    if (indent < 0) indent = column;
    if (ch === 0x3e /* > */) {
      quoted = true;
      markers++;
      pos++;
      column++;
      continue;
    }
    const end = listMarkerEnd(line, pos);
    if (end < 0) break;
    markers++;
    column += end - pos;
    pos = end;
    contentColumns[columns++] = column + 1;
  }
  if (indent < 0) return false;
  prefix.indent = indent;
  prefix.markers = markers;
  prefix.quoted = quoted;
  prefix.columnCount = columns;
  return true;
}

/** Index just past a list marker (`-`, `*`, `+`, `1.`, `1)`) followed by a space, tab or line end; -1 if none. */
function listMarkerEnd(line: string, pos: number): number {
  let end = pos;
  const ch = line.charCodeAt(pos);
  if (ch === 0x2d || ch === 0x2a || ch === 0x2b) end = pos + 1;
  else {
    while (end < line.length && end - pos < 9 && line.charCodeAt(end) >= 0x30 && line.charCodeAt(end) <= 0x39) end++;
    const delimiter = line.charCodeAt(end);
    if (end === pos || (delimiter !== 0x2e && delimiter !== 0x29)) return -1;
    end++;
  }
  const next = line.charCodeAt(end);
  return end === line.length || next === 0x20 || next === 0x09 ? end : -1;
}
