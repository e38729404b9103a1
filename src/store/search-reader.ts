import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { itemId, ROWID_RANGE, type SearchType } from './search-index.js';

/** A search row with what ranking and the response need. */
export interface CandidateRow {
  rowid: number;
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

type RawRow = Omit<CandidateRow, 'itemId'> & { item: Buffer };

const [FIGURES, TERMS, TOPICS] = [ROWID_RANGE.figure[0], ROWID_RANGE.term[0], ROWID_RANGE.topic[0]];

/**
 * Read side of the search index. Every MATCH string comes from
 * src/search/query.ts (quoted tokens only), never from user input.
 */
export class SearchReader {
  private readonly candidatesStmt: Statement<[string, number, number, number], RawRow>;
  private readonly topic: Statement<[string], TopicRow>;

  constructor(db: Db) {
    // Newest-first rowid scan with a LIMIT instead of ORDER BY bm25: FTS5 walks
    // the doclists in rowid order and stops at the cap, so a word found in
    // 30,000 concepts costs well under a millisecond instead of ~30 ms (bm25
    // scores every match and, for its IDF, re-runs each phrase over the whole
    // index). Topic and key-term rows have the highest rowids, so they come
    // first; search-notes.ts scores the capped candidates.
    this.candidatesStmt = db.prepare(`
      SELECT h.rowid, r.item, d.course, d.chapter,
        CASE WHEN h.rowid >= ${TOPICS} THEN t.title WHEN h.rowid >= ${TERMS} THEN tm.term
             WHEN h.rowid >= ${FIGURES} THEN coalesce(fg.label, fg.target) ELSE c.text END AS text,
        CASE WHEN h.rowid >= ${TOPICS} THEN t.id WHEN h.rowid >= ${TERMS} THEN c.topic_id
             WHEN h.rowid >= ${FIGURES} THEN fg.topic_id ELSE c.topic_id END AS topicId
      FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? AND rowid < ?
            ORDER BY rowid DESC LIMIT ?) AS h
      JOIN search_rows r ON r.rowid = h.rowid
      LEFT JOIN topics t ON h.rowid >= ${TOPICS} AND t.id = 't_' || lower(hex(r.item))
      LEFT JOIN concepts c ON h.rowid < ${TOPICS} AND (h.rowid >= ${TERMS} OR h.rowid < ${FIGURES})
        AND c.id = 'c_' || lower(hex(r.item))
      LEFT JOIN terms tm ON h.rowid >= ${TERMS} AND h.rowid < ${TOPICS}
        AND tm.document_id = c.document_id AND tm.concept_id = c.id AND tm.position = r.ord
      LEFT JOIN figures fg ON h.rowid >= ${FIGURES} AND h.rowid < ${TERMS} AND fg.id = 'f_' || lower(hex(r.item))
      JOIN documents d ON d.id = coalesce(t.document_id, c.document_id, fg.document_id)
      ORDER BY h.rowid DESC`);
    this.topic = db.prepare('SELECT id, title, section, parent_id AS parentId FROM topics WHERE id = ?');
  }

  /** Up to `cap` rows matching an FTS5 expression: topics, then key terms, figures, concepts; newest first. */
  candidates(match: string, cap: number, type?: SearchType): CandidateRow[] {
    const [first, end] = type ? ROWID_RANGE[type] : [ROWID_RANGE.concept[0], ROWID_RANGE.topic[1]];
    return this.candidatesStmt.all(match, first, end, cap).map(({ item, ...row }) => ({ ...row, itemId: itemId(row.rowid, item) }));
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
