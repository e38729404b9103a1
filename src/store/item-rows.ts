import type { RunResult, Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { CompiledNote } from '../ingest/compile-note.js';
import { prepareRows } from '../ingest/prepare-rows.js';
import type { SearchRows, SearchType } from './search-index.js';

/** Item ids (their prefix says the kind: t_ topic, c_ concept, b_ block, f_ figure). */
export interface ItemDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

// Children before parents, for the foreign keys.
const TABLES = ['terms', 'figures', 'blocks', 'concepts', 'topics'] as const;

interface Statements {
  topic: Statement;
  concept: Statement;
  term: Statement;
  block: Statement;
  figure: Statement;
  remove: Statement[];
  fingerprints: Statement<[string, string, string, string], { id: string; fp: string }>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      topic: db.prepare('INSERT INTO topics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      concept: db.prepare(`INSERT INTO concepts (id, document_id, topic_id, parent_id, depth, ordered, markdown, own_text, position, line, lines)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      term: db.prepare('INSERT INTO terms VALUES (?, ?, ?, ?)'),
      block: db.prepare('INSERT INTO blocks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      figure: db.prepare('INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      remove: TABLES.map((table) => db.prepare(`DELETE FROM ${table} WHERE document_id = ?`)),
      // What a reader would notice changing, per item; ids alone say added or removed.
      fingerprints: db.prepare(`
        SELECT id, level || '|' || coalesce(section, '') || '|' || coalesce(parent_id, '') || '|' || markdown AS fp FROM topics WHERE document_id = ?
        UNION ALL SELECT id, coalesce(topic_id, '') || '|' || coalesce(parent_id, '') || '|' || markdown FROM concepts WHERE document_id = ?
        UNION ALL SELECT id, coalesce(topic_id, '') || '|' || markdown FROM blocks WHERE document_id = ?
        UNION ALL SELECT id, coalesce(concept_id, block_id, topic_id, '') || '|' || coalesce(label, '') FROM figures WHERE document_id = ?`),
    };
    cache.set(db, s);
  }
  return s;
}

export function deleteItems(db: Db, documentId: string): void {
  for (const statement of statements(db).remove) statement.run(documentId);
}

/**
 * Inserts a note's items and stages their search rows (the FTS rowid is the
 * insert's own rowid plus the kind's offset: no read-back); returns their
 * fingerprints for diffing against the previous revision, or all items as
 * added when there was none (`diff` false).
 */
export function insertItems(db: Db, documentId: string, compiled: Pick<CompiledNote, 'note' | 'rows'>, diff: boolean, search: { rows: SearchRows; scope: string }): Map<string, string> {
  const s = statements(db);
  const { note } = compiled;
  const { fts, lines } = compiled.rows ?? prepareRows(note);
  const { rows, scope } = search;
  const stage = (type: SearchType, info: RunResult, pairs: string[], i: number) =>
    rows.add(type, Number(info.lastInsertRowid), [pairs[2 * i]!, pairs[2 * i + 1]!, scope]);
  note.topics.forEach((t, i) => {
    const info = s.topic.run(t.id, documentId, t.parentId, t.level, t.title, t.section, t.markdown, t.position, t.line, lines.topic[i]);
    stage('topic', info, fts.topic, i);
  });
  let term = 0;
  note.concepts.forEach((c, i) => {
    const info = s.concept.run(c.id, documentId, c.topicId, c.parentId, c.depth, c.ordered ? 1 : 0, c.markdown, c.text === c.markdown ? null : c.text, c.position, c.line, lines.concept[i]);
    stage('concept', info, fts.concept, i);
    c.terms.forEach((text, position) => stage('term', s.term.run(c.id, documentId, text, position), fts.term, term++));
  });
  note.blocks.forEach((b, i) => {
    s.block.run(b.id, documentId, b.topicId, b.kind, b.markdown, b.text, b.position, b.line, lines.block[i]);
  });
  note.figures.forEach((f, i) => {
    const info = s.figure.run(f.id, documentId, f.topicId, f.conceptId, f.blockId, f.kind, f.target, f.label, f.position, f.line);
    stage('figure', info, fts.figure, i);
  });
  if (diff) return readItemFingerprints(db, documentId);
  const ids = [...note.topics, ...note.concepts, ...note.blocks, ...note.figures].map((item) => [item.id, ''] as const);
  return new Map(ids);
}

export function readItemFingerprints(db: Db, documentId: string): Map<string, string> {
  const rows = statements(db).fingerprints.all(documentId, documentId, documentId, documentId);
  return new Map(rows.map((row) => [row.id, row.fp]));
}

export function diffItems(before: Map<string, string>, after: Map<string, string>): ItemDiff {
  const diff: ItemDiff = { added: [], removed: [], changed: [] };
  for (const [id, fp] of after) {
    const old = before.get(id);
    if (old === undefined) diff.added.push(id);
    else if (old !== fp) diff.changed.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) diff.removed.push(id);
  return diff;
}
