import type { ParsedNote } from '../notes/model.js';
import { choseongWords, fastIndexText } from '../search/index-text.js';

/**
 * The strings the writer derives from a note's items besides the items
 * themselves: FTS column values (index text, choseong) and `lines` as JSON.
 * A CompilePool worker computes them next to the parse, so the main thread,
 * which is the single SQLite writer and the bulk ingest's bottleneck, only
 * binds and steps statements. (They were ~1/4 of its time on 2,000 notes.)
 * Arrays are in the note's item order; terms in concept order; FTS values
 * as flat [text, choseong] pairs (cheap to structured-clone).
 */
export interface PreparedRows {
  fts: { topic: string[]; concept: string[]; term: string[]; figure: string[] };
  lines: { topic: string[]; concept: string[]; block: string[] };
}

export function prepareRows(note: ParsedNote): PreparedRows {
  const pairs = (texts: string[]) => texts.flatMap((text) => [fastIndexText(text), choseongWords(text)]);
  return {
    fts: {
      topic: pairs(note.topics.map((t) => t.title)),
      concept: pairs(note.concepts.map((c) => c.text)),
      term: pairs(note.concepts.flatMap((c) => c.terms)),
      // What search_fts indexes for a figure, as SEARCH_SOURCE says: coalesce(label, target).
      figure: pairs(note.figures.map((f) => f.label ?? f.target)),
    },
    lines: {
      topic: note.topics.map((t) => JSON.stringify(t.lines)),
      concept: note.concepts.map((c) => JSON.stringify(c.lines)),
      block: note.blocks.map((b) => JSON.stringify(b.lines)),
    },
  };
}
