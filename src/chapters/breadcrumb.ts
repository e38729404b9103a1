import type { z } from 'zod';
import type { Breadcrumb } from '../schemas/items.js';
import { topicAncestors, type AssembledChapter } from './assemble-chapter.js';
import { crumbOf } from './chapter-views.js';

/**
 * Course, chapter, enclosing topics (outermost first) and, for concepts and
 * figures, the enclosing list items: what an LMS deep link renders around an item.
 */
export function breadcrumbOf(
  ch: AssembledChapter,
  at: { topicId: string | null; includeTopic: boolean; conceptId?: string | null },
): z.infer<typeof Breadcrumb> {
  const topics = topicAncestors(ch, at.topicId);
  const own = at.topicId ? ch.topicById.get(at.topicId)?.node : undefined;
  if (own && at.includeTopic) topics.push(own);
  const concepts: { id: string; text: string }[] = [];
  let concept = at.conceptId ? ch.conceptById.get(at.conceptId) : undefined;
  while (concept) {
    concepts.unshift({ id: concept.node.id, text: concept.node.text });
    concept = concept.parentId ? ch.conceptById.get(concept.parentId) : undefined;
  }
  const { id, chapter, title, course } = ch.chapter;
  return { course, chapter: { id, chapter, title }, topics: topics.map(crumbOf), concepts };
}
