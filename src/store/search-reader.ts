import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { DOCUMENT_SPAN, documentSeqOf, ofDocument } from './item-rows.js';
import { ROWID_RANGE, SEARCH_SOURCE, SEARCH_TYPES, typeOfRowid, type SearchType } from './search-index.js';

/** A matching search row: what ranking needs. */
export interface CandidateRow {
  rowid: number;
  text: string;
}

/** Where a hit belongs: what the response needs besides the text. */
export interface HitPlace {
  itemId: string;
  course: string;
  chapter: string;
  topicId: string | null;
  /** The first item key of the hit's document: its topics are found in that key range. */
  documentBase: number;
}

export interface TopicRow {
  id: string;
  title: string;
  section: string | null;
  parentId: string | null;
}

const X_DOCUMENT = documentSeqOf('x');
const [FIGURES, TERMS, TOPICS] = [ROWID_RANGE.figure[0], ROWID_RANGE.term[0], ROWID_RANGE.topic[0]];

// Per kind: the item id (a key term's is its concept's), its document's
// course and chapter, and its topic, by the item's rowid.
// Item ids have no index (migrations/006): a key term's concept is found in its document's key range
// (`+c.id`, as in item-reader.ts, so SQLite scans that range rather than build an index).
const BASE = `${X_DOCUMENT} * ${DOCUMENT_SPAN} AS documentBase`;
const PLACE: Record<SearchType, string> = {
  topic: `SELECT x.id AS itemId, d.course, d.chapter, x.id AS topicId, ${BASE} FROM topics x JOIN documents d ON d.seq = ${X_DOCUMENT} WHERE x.seq = ?`,
  term: `SELECT c.id AS itemId, d.course, d.chapter, c.topic_id AS topicId, ${BASE} FROM terms x JOIN documents d ON d.seq = ${X_DOCUMENT}
    JOIN concepts c ON ${ofDocument('c', 'd')} AND +c.id = x.concept_id WHERE x.seq = ?`,
  concept: `SELECT x.id AS itemId, d.course, d.chapter, x.topic_id AS topicId, ${BASE} FROM concepts x JOIN documents d ON d.seq = ${X_DOCUMENT} WHERE x.seq = ?`,
  figure: `SELECT x.id AS itemId, d.course, d.chapter, x.topic_id AS topicId, ${BASE} FROM figures x JOIN documents d ON d.seq = ${X_DOCUMENT} WHERE x.seq = ?`,
};

/**
 * Read side of the search index. Every MATCH string comes from
 * src/search/query.ts (quoted tokens only), never from user input.
 */
export class SearchReader {
  private readonly candidatesStmt: Statement<[string, number, number, number], [number, string | null]>;
  private readonly places: Record<SearchType, Statement<[number], HitPlace>>;
  private readonly topic: Statement<[number, number, string], TopicRow>;
  private readonly scopesStmt: Statement<[{ course: string | null; chapter: string | null }], { course: string; chapter: string }>;
  private readonly termsStmt: Statement<[string, string, number], string>;
  private readonly initialsStmt: Statement<[string, string, number], string>;

  constructor(db: Db) {
    // Newest-first rowid scan with a LIMIT instead of ORDER BY bm25: FTS5 walks
    // the doclists in rowid order and stops at the cap, so a word found in
    // 30,000 concepts costs well under a millisecond instead of ~30 ms (bm25
    // scores every match and, for its IDF, re-runs each phrase over the whole
    // index). Topic and key-term rows have the highest rowids, so they come
    // first; search-notes.ts scores the capped candidates. Only the text is
    // fetched here (one rowid lookup per candidate); where a hit belongs is
    // read for the returned page only (place()).
    const text = (type: SearchType, alias: string) => `(SELECT ${SEARCH_SOURCE[type].text} FROM ${SEARCH_SOURCE[type].table} ${alias} WHERE ${alias}.seq = h.rowid - ${ROWID_RANGE[type][0]})`;
    this.candidatesStmt = db
      .prepare<[string, number, number, number], [number, string | null]>(
        `SELECT h.rowid,
           CASE WHEN h.rowid >= ${TOPICS} THEN ${text('topic', 't')} WHEN h.rowid >= ${TERMS} THEN ${text('term', 'tm')}
                WHEN h.rowid >= ${FIGURES} THEN ${text('figure', 'f')} ELSE ${text('concept', 'c')} END
         FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? AND rowid < ?
               ORDER BY rowid DESC LIMIT ?) AS h`,
      )
      .raw(true);
    this.places = Object.fromEntries(SEARCH_TYPES.map((type) => [type, db.prepare(PLACE[type])])) as SearchReader['places'];
    this.topic = db.prepare('SELECT id, title, section, parent_id AS parentId FROM topics WHERE seq BETWEEN ? AND ? AND id = ?');
    // search_terms lists the index's terms in order (fts5vocab; migrations/007), a range read by term.
    this.termsStmt = db.prepare<[string, string, number], string>('SELECT term FROM search_terms WHERE term >= ? AND term <= ? LIMIT ?').pluck();
    this.initialsStmt = db.prepare<[string, string, number], string>('SELECT term FROM search_initials WHERE initials >= ? AND initials <= ? LIMIT ?').pluck();
    // The chapters table has a row for every (course, chapter) with a current document.
    this.scopesStmt = db.prepare(`SELECT course, chapter FROM chapters
      WHERE course = coalesce(@course, course) AND chapter = coalesce(@chapter, chapter)`);
  }

  /** The (course, chapter) pairs a course and/or chapter filter covers. */
  scopes(course: string | undefined, chapter: string | undefined): Array<{ course: string; chapter: string }> {
    return this.scopesStmt.all({ course: course ?? null, chapter: chapter ?? null });
  }

  /** The index's terms that start with `prefix`, or null when there are more than `cap`. */
  termsStartingWith(prefix: string, cap: number): string[] | null {
    const terms = this.termsStmt.all(prefix, `${prefix}\u{10FFFF}`, cap + 1);
    return terms.length > cap ? null : terms;
  }

  /**
   * The index's Hangul tokens with these initials (migrations/009): for two, the bigrams
   * ('ㅅㅋ' -> 소켓, 사키, …); for one, every token starting with such a syllable. Up to
   * `cap`, and whether there were more.
   */
  termsWithInitials(initials: string, cap: number): { terms: string[]; more: boolean } {
    const last = initials.length === 1 ? `${initials}\u{10FFFF}` : initials;
    const terms = this.initialsStmt.all(initials, last, cap + 1);
    return { terms: terms.slice(0, cap), more: terms.length > cap };
  }

  /**
   * Up to `cap` rows matching an FTS5 expression: topics, then key terms, figures, concepts;
   * newest first, from below rowid `before` if given.
   */
  candidates(match: string, cap: number, type?: SearchType, before?: number): CandidateRow[] {
    const [first, last] = type ? ROWID_RANGE[type] : [ROWID_RANGE.concept[0], ROWID_RANGE.topic[1]];
    const end = before === undefined ? last : Math.min(last, before);
    const rows = this.candidatesStmt.all(match, first, end, cap);
    const out: CandidateRow[] = [];
    // A row whose item is gone would be an index bug; skip it rather than fail the search.
    for (const [rowid, text] of rows) if (text !== null) out.push({ rowid, text });
    return out;
  }

  /** Where the hit with this FTS rowid belongs, or undefined if its item is gone. */
  place(rowid: number): HitPlace | undefined {
    const type = typeOfRowid(rowid);
    return this.places[type].get(rowid - ROWID_RANGE[type][0]);
  }

  /** The hit's topic and its ancestors, outermost first. */
  topicChain(place: HitPlace): TopicRow[] {
    const chain: TopicRow[] = [];
    const seen = new Set<string>();
    const last = place.documentBase + DOCUMENT_SPAN - 1;
    for (let id = place.topicId; id && !seen.has(id); ) {
      seen.add(id);
      const row = this.topic.get(place.documentBase, last, id);
      if (!row) break;
      chain.unshift(row);
      id = row.parentId;
    }
    return chain;
  }
}
