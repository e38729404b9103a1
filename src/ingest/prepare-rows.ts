import type { LineRange, ParsedNote } from '../notes/model.js';
import { HangulGrams, indexTexts } from '../search/index-text.js';

/**
 * A note's items as the store writes them: per table, the column values of
 * every row laid end to end in one flat array (COLUMNS says which, in order),
 * per searchable kind each item's FTS text value, and the codes of the note's
 * Hangul tokens (for initial-consonant search: search-index.ts).
 *
 * Why flat arrays of strings and numbers: a CompilePool worker computes them
 * next to the parse and posts them to the main thread, the single SQLite
 * writer and the bulk ingest's bottleneck. Arrays of primitives are the
 * cheapest thing to structured-clone and leave the writer nothing to do but
 * bind and step (per-item objects cost it clone time and garbage collection).
 */
export interface ItemRows {
  topics: Cell[];
  concepts: Cell[];
  terms: Cell[];
  blocks: Cell[];
  figures: Cell[];
  fts: { topic: string[]; concept: string[]; term: string[]; figure: string[] };
  /** HangulGrams codes: every Hangul token in `fts`, nearly without repeats. */
  grams: number[];
}

export type Cell = string | number | null;

/** Each table's columns in ItemRows order (the store adds the key, `seq`). */
export const COLUMNS = {
  topics: ['id', 'parent_id', 'level', 'title', 'section', 'markdown', 'position', 'line', 'lines'],
  concepts: ['id', 'topic_id', 'parent_id', 'depth', 'ordered', 'markdown', 'own_text', 'position', 'line', 'lines'],
  terms: ['concept_id', 'term', 'position'],
  blocks: ['id', 'topic_id', 'kind', 'markdown', 'text', 'position', 'line', 'lines'],
  figures: ['id', 'topic_id', 'concept_id', 'block_id', 'kind', 'target', 'label', 'position', 'line'],
} as const;

export type ItemTable = keyof typeof COLUMNS;

/** How many rows a flat array holds. */
export function rowCount(rows: ItemRows, table: ItemTable): number {
  return rows[table].length / COLUMNS[table].length;
}

export function prepareRows(note: ParsedNote): ItemRows {
  const rows: ItemRows = {
    topics: [],
    concepts: [],
    terms: [],
    blocks: [],
    figures: [],
    fts: { topic: [], concept: [], term: [], figure: [] },
    grams: [],
  };
  const terms: string[] = [];
  for (const t of note.topics) {
    rows.topics.push(t.id, t.parentId, t.level, t.title, t.section, t.markdown, t.position, t.line, linesJson(t.lines));
  }
  for (const c of note.concepts) {
    // own_text only where the plain text differs from the markdown (see migrations/005).
    const ownText = c.text === c.markdown ? null : c.text;
    rows.concepts.push(c.id, c.topicId, c.parentId, c.depth, c.ordered ? 1 : 0, c.markdown, ownText, c.position, c.line, linesJson(c.lines));
    c.terms.forEach((term, position) => {
      rows.terms.push(c.id, term, position);
      terms.push(term);
    });
  }
  for (const b of note.blocks) {
    rows.blocks.push(b.id, b.topicId, b.kind, b.markdown, b.text, b.position, b.line, linesJson(b.lines));
  }
  for (const f of note.figures) {
    rows.figures.push(f.id, f.topicId, f.conceptId, f.blockId, f.kind, f.target, f.label, f.position, f.line);
  }
  // Each kind's FTS values in one pass (indexTexts builds them as one string: cheapest for many short ones).
  const grams = new HangulGrams();
  rows.fts.topic = indexTexts(note.topics.map((t) => t.title), grams);
  rows.fts.concept = indexTexts(note.concepts.map((c) => c.text), grams);
  rows.fts.term = indexTexts(terms, grams);
  // What search_fts indexes for a figure, as SEARCH_SOURCE says: coalesce(label, target).
  rows.fts.figure = indexTexts(note.figures.map((f) => f.label ?? f.target), grams);
  rows.grams = grams.codes;
  return rows;
}

/** JSON.stringify(lines) ([[8, 8]] -> '[[8,8]]') without its generic walk: it runs for every item. */
export function linesJson(lines: LineRange[]): string {
  let json = '[';
  for (let i = 0; i < lines.length; i++) json += `${i === 0 ? '' : ','}[${lines[i]![0]},${lines[i]![1]}]`;
  return `${json}]`;
}
