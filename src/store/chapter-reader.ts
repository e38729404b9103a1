import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { DocumentRow } from './course-reader.js';

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
  documents: DocumentRow[];
  topics: TopicRow[];
  concepts: ConceptRow[];
  terms: TermRow[];
  blocks: BlockRow[];
  figures: FigureRow[];
}

/** Reads the items of a chapter's documents, one indexed range scan per document and table. */
export class ChapterReader {
  private readonly documents: Statement<[string, string], DocumentRow>;
  private readonly topics: Statement<[string], TopicRow>;
  private readonly concepts: Statement<[string], ConceptRow>;
  private readonly terms: Statement<[string], TermRow>;
  private readonly blocks: Statement<[string], BlockRow>;
  private readonly figures: Statement<[string], FigureRow>;

  constructor(db: Db) {
    this.documents = db.prepare(`SELECT id, chapter, path, current_revision AS revision, updated_at AS updatedAt
      FROM documents WHERE course = ? AND chapter = ? AND deleted_at IS NULL ORDER BY sort_order IS NULL, sort_order, path`);
    this.topics = db.prepare(`SELECT id, document_id AS documentId, parent_id AS parentId, level, title, section, line
      FROM topics WHERE document_id = ? ORDER BY position`);
    this.concepts = db.prepare(`SELECT id, document_id AS documentId, topic_id AS topicId, parent_id AS parentId, markdown, text, line
      FROM concepts WHERE document_id = ? ORDER BY position`);
    this.terms = db.prepare('SELECT concept_id AS conceptId, term FROM terms WHERE document_id = ? ORDER BY rowid');
    this.blocks = db.prepare(`SELECT id, document_id AS documentId, topic_id AS topicId, kind, markdown, line
      FROM blocks WHERE document_id = ? ORDER BY position`);
    this.figures = db.prepare(`SELECT id, document_id AS documentId, topic_id AS topicId, concept_id AS conceptId, block_id AS blockId,
      kind, target, label, line FROM figures WHERE document_id = ? ORDER BY position`);
  }

  /** Call inside a read transaction so the rows and the ETag read with them agree. */
  read(course: string, chapter: string): ChapterRows {
    const rows: ChapterRows = { documents: this.documents.all(course, chapter), topics: [], concepts: [], terms: [], blocks: [], figures: [] };
    for (const { id } of rows.documents) {
      // Appended one by one: spreading a 100k-row array into push() overflows the call stack.
      for (const row of this.topics.iterate(id)) rows.topics.push(row);
      for (const row of this.concepts.iterate(id)) rows.concepts.push(row);
      for (const row of this.terms.iterate(id)) rows.terms.push(row);
      for (const row of this.blocks.iterate(id)) rows.blocks.push(row);
      for (const row of this.figures.iterate(id)) rows.figures.push(row);
    }
    return rows;
  }
}
