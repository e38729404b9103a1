import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/** A search row with what ranking and the response need. */
export interface CandidateRow {
  rowid: number;
  kind: number;
  itemId: string;
  course: string;
  chapter: string;
  text: string;
  topicId: string | null;
}

export interface TopicRow {
  id: string;
  title: string;
  section: string | null;
  parentId: string | null;
}

/**
 * Read side of the search index. Every MATCH string comes from
 * src/search/query.ts (quoted tokens only), never from user input.
 */
export class SearchReader {
  private readonly candidatesStmt: Statement<[string, number], CandidateRow>;
  private readonly topic: Statement<[string], TopicRow>;

  constructor(db: Db) {
    // Newest-first rowid scan with a LIMIT instead of ORDER BY bm25: FTS5 walks
    // the doclists in rowid order and stops at the cap, so a word found in
    // 60,000 concepts costs ~1 ms instead of ~30 ms (bm25 scores every match
    // and, for its IDF, re-runs each phrase over the whole index). Topic and
    // key-term rows sit above HEAD_BASE, so they come first; see search-notes.ts
    // for how the capped candidates are scored.
    this.candidatesStmt = db.prepare(`
      SELECT r.rowid, r.kind, r.item_id AS itemId, d.course, d.chapter,
        CASE r.kind WHEN 0 THEN t.title WHEN 1 THEN tm.term WHEN 2 THEN c.text ELSE coalesce(fg.label, fg.target) END AS text,
        CASE r.kind WHEN 0 THEN t.id WHEN 3 THEN fg.topic_id ELSE c.topic_id END AS topicId
      FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?) AS h
      JOIN search_rows r ON r.rowid = h.rowid
      JOIN documents d ON d.id = r.document_id
      LEFT JOIN topics t ON r.kind = 0 AND t.id = r.item_id
      LEFT JOIN concepts c ON r.kind IN (1, 2) AND c.id = r.item_id
      LEFT JOIN terms tm ON r.kind = 1 AND tm.document_id = r.document_id AND tm.concept_id = r.item_id AND tm.position = r.ord
      LEFT JOIN figures fg ON r.kind = 3 AND fg.id = r.item_id
      ORDER BY h.rowid DESC`);
    this.topic = db.prepare('SELECT id, title, section, parent_id AS parentId FROM topics WHERE id = ?');
  }

  /** Up to `cap` rows matching an FTS5 expression, topics and key terms first, then newest. */
  candidates(match: string, cap: number): CandidateRow[] {
    return this.candidatesStmt.all(match, cap);
  }

  /** The topic and its ancestors, outermost first. */
  topicChain(topicId: string | null): TopicRow[] {
    const chain: TopicRow[] = [];
    const seen = new Set<string>();
    for (let id = topicId; id && !seen.has(id); ) {
      seen.add(id);
      const row = this.topic.get(id);
      if (!row) break;
      chain.unshift(row);
      id = row.parentId;
    }
    return chain;
  }
}
