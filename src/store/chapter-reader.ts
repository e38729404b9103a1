import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { DocumentRow } from './course-reader.js';
import { DOCUMENT_SPAN, itemBase } from './item-rows.js';

export interface TopicRow {
  id: string;
  documentId: string;
  parentId: string | null;
  level: number;
  title: string;
  section: string | null;
  line: number;
}

export interface ConceptRow {
  id: string;
  documentId: string;
  topicId: string | null;
  parentId: string | null;
  markdown: string;
  text: string;
  line: number;
}

export interface TermRow {
  conceptId: string;
  term: string;
}

export interface BlockRow {
  id: string;
  documentId: string;
  topicId: string | null;
  kind: string;
  markdown: string;
  line: number;
}

export interface FigureRow {
  id: string;
  documentId: string;
  topicId: string | null;
  conceptId: string | null;
  blockId: string | null;
  kind: 'embed' | 'image' | 'mention';
  target: string;
  label: string | null;
  line: number;
}

/** Everything a chapter tree is built from, in reading order. */
export interface ChapterRows {
  documents: (DocumentRow & { seq: number })[];
  topics: TopicRow[];
  concepts: ConceptRow[];
  terms: TermRow[];
  blocks: BlockRow[];
  figures: FigureRow[];
}

// The document's id (items rows don't carry it) and its items' key range.
type Range = [{ documentId: string; first: number; last: number }];

/**
 * Reads the items of a chapter's documents: one key-range scan per document
 * and table (a document's items of a kind are one range, in note order; see
 * item-rows.ts).
 */
export class ChapterReader {
  private readonly documents: Statement<[string, string], DocumentRow & { seq: number }>;
  private readonly topics: Statement<Range, TopicRow>;
  private readonly concepts: Statement<Range, ConceptRow>;
  private readonly terms: Statement<[{ first: number; last: number }], TermRow>;
  private readonly blocks: Statement<Range, BlockRow>;
  private readonly figures: Statement<Range, FigureRow>;

  constructor(db: Db) {
    this.documents = db.prepare(`SELECT id, seq, chapter, path, current_revision AS revision, updated_at AS updatedAt
      FROM documents WHERE course = ? AND chapter = ? AND deleted_at IS NULL ORDER BY sort_order IS NULL, sort_order, path`);
    const range = 'WHERE seq BETWEEN @first AND @last ORDER BY seq';
    this.topics = db.prepare(`SELECT id, @documentId AS documentId, parent_id AS parentId, level, title, section, line FROM topics ${range}`);
    this.concepts = db.prepare(`SELECT id, @documentId AS documentId, topic_id AS topicId, parent_id AS parentId, markdown, text, line
      FROM concepts ${range}`);
    this.terms = db.prepare(`SELECT concept_id AS conceptId, term FROM terms ${range}`);
    this.blocks = db.prepare(`SELECT id, @documentId AS documentId, topic_id AS topicId, kind, markdown, line FROM blocks ${range}`);
    this.figures = db.prepare(`SELECT id, @documentId AS documentId, topic_id AS topicId, concept_id AS conceptId, block_id AS blockId,
      kind, target, label, line FROM figures ${range}`);
  }

  /** Call inside a read transaction so the rows and the ETag read with them agree. */
  read(course: string, chapter: string): ChapterRows {
    const rows: ChapterRows = { documents: this.documents.all(course, chapter), topics: [], concepts: [], terms: [], blocks: [], figures: [] };
    for (const { id, seq } of rows.documents) {
      const first = itemBase(seq);
      const range = { documentId: id, first, last: first + DOCUMENT_SPAN - 1 };
      // Appended one by one: spreading a 100k-row array into push() overflows the call stack.
      for (const row of this.topics.iterate(range)) rows.topics.push(row);
      for (const row of this.concepts.iterate(range)) rows.concepts.push(row);
      for (const row of this.terms.iterate({ first: range.first, last: range.last })) rows.terms.push(row);
      for (const row of this.blocks.iterate(range)) rows.blocks.push(row);
      for (const row of this.figures.iterate(range)) rows.figures.push(row);
    }
    return rows;
  }
}
