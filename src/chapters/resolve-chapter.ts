import { notFound } from '../http/problem.js';
import type { ChapterRef, CourseReader } from '../store/course-reader.js';

const SECTION = /^\d+(\.\d+)+$/;

/**
 * `chapter` in a URL is a chapter (`2`) or a section number (`2.2.1`) naming
 * a topic, whose subtree is then served. A chapter literally named like the
 * section wins, so the meaning of an existing URL never changes.
 */
export function resolveChapter(courses: CourseReader, course: string, chapter: string): { chapter: ChapterRef; topicId: string | null } {
  const row = courses.chapterVersion(course, chapter);
  if (row) return { chapter: row, topicId: null };
  const section = SECTION.test(chapter) ? courses.findSection(course, chapter) : undefined;
  if (section) return section;
  if (courses.listChapters(course, null, 1).length === 0) throw notFound('course', course);
  throw notFound(SECTION.test(chapter) ? 'chapter or section' : 'chapter', chapter);
}
