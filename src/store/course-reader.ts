import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { documentSeqOf } from './item-rows.js';
import { WriteMemo } from './write-generation.js';

export interface CourseRow {
  id: string;
  chapterCount: number;
  documentCount: number;
  conceptCount: number;
  updatedAt: string;
  etags: string;
}

export interface ChapterRow {
  id: string;
  course: string;
  chapter: string;
  title: string;
  etag: string;
  topicCount: number;
  conceptCount: number;
  figureCount: number;
  documentCount: number;
  updatedAt: string;
}

/** What the hot path needs: which chapter, at which content version. */
export type ChapterRef = Pick<ChapterRow, 'id' | 'etag'>;

export interface DocumentRow {
  id: string;
  chapter: string;
  path: string;
  revision: number;
  updatedAt: string;
}

const CHAPTER_COLUMNS = `id, course, chapter, title, etag, topic_count AS topicCount, concept_count AS conceptCount,
  figure_count AS figureCount, document_count AS documentCount, updated_at AS updatedAt`;
// Chapters sort numerically when they are numbers (`2` before `10`), then by text.
const CHAPTER_KEY = (c: string) => `(${c} NOT GLOB '[0-9]*'), CAST(${c} AS REAL), ${c}`;

/** Courses and their chapters as listed (summary rows the writer keeps current). */
export class CourseReader {
  private readonly courses: Statement<[string, number], CourseRow>;
  private readonly chapters: Statement<[string, string | null, string | null, string | null, string | null, number], ChapterRow>;
  private readonly version: Statement<[string, string], ChapterRef>;
  private readonly chapterById: Statement<[string], ChapterRow>;
  private readonly documents: Statement<[string], DocumentRow>;
  private readonly section: Statement<[string, string, string], { topicId: string; course: string; chapter: string }>;

  private readonly versions: WriteMemo<ChapterRef>;

  constructor(db: Db) {
    this.versions = new WriteMemo(db);
    this.courses = db.prepare(`SELECT course AS id, count(*) AS chapterCount, sum(document_count) AS documentCount,
        sum(concept_count) AS conceptCount, max(updated_at) AS updatedAt, group_concat(etag) AS etags
      FROM chapters WHERE course > ? GROUP BY course ORDER BY course LIMIT ?`);
    this.chapters = db.prepare(`SELECT ${CHAPTER_COLUMNS} FROM chapters
      WHERE course = ? AND (? IS NULL OR (${CHAPTER_KEY('chapter')}) > (${CHAPTER_KEY('?')}))
      ORDER BY ${CHAPTER_KEY('chapter')} LIMIT ?`);
    // Two columns instead of ten: this runs on every chapter request, 304s included.
    this.version = db.prepare('SELECT id, etag FROM chapters WHERE course = ? AND chapter = ?');
    this.chapterById = db.prepare(`SELECT ${CHAPTER_COLUMNS} FROM chapters WHERE id = ?`);
    this.documents = db.prepare(`SELECT id, chapter, path, current_revision AS revision, updated_at AS updatedAt
      FROM documents WHERE course = ? AND deleted_at IS NULL ORDER BY sort_order IS NULL, sort_order, path`);
    // A section number names a topic; prefer the chapter it starts with (`2.2.1` → chapter `2`).
    this.section = db.prepare(`SELECT t.id AS topicId, d.course, d.chapter FROM topics t JOIN documents d ON d.seq = ${documentSeqOf('t')}
      WHERE t.section = ? AND d.course = ? AND d.deleted_at IS NULL
      ORDER BY d.chapter = ? DESC, d.sort_order IS NULL, d.sort_order, d.path, t.position LIMIT 1`);
  }

  listCourses(after: string, limit: number): CourseRow[] {
    return this.courses.all(after, limit);
  }

  listChapters(course: string, after: string | null, limit: number): ChapterRow[] {
    return this.chapters.all(course, after, after, after, after, limit);
  }

  /** Current documents of a course by chapter, in reading order. */
  documentsByChapter(course: string): Map<string, DocumentRow[]> {
    const out = new Map<string, DocumentRow[]>();
    for (const row of this.documents.all(course)) {
      const list = out.get(row.chapter) ?? [];
      list.push(row);
      out.set(row.chapter, list);
    }
    return out;
  }

  /** The chapter's id and ETag; memoised between writes because every chapter request, 304s included, asks. */
  chapterVersion(course: string, chapter: string): ChapterRef | undefined {
    return this.versions.get(`${course}\u0000${chapter}`, () => this.version.get(course, chapter));
  }

  chapterOfId(id: string): ChapterRow | undefined {
    return this.chapterById.get(id);
  }

  findSection(course: string, section: string): { topicId: string; chapter: ChapterRef } | undefined {
    const hit = this.section.get(section, course, section.split('.')[0]!);
    const chapter = hit && this.chapterVersion(hit.course, hit.chapter);
    return hit && chapter ? { topicId: hit.topicId, chapter } : undefined;
  }
}
