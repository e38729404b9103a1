import { z } from 'zod';
import { Concept, FigureRef, Topic, TopicCrumb } from './chapter.js';

export const ConceptCrumb = z.object({ id: z.string(), text: z.string() }).meta({ id: 'ConceptCrumb' });

/** Enough context for an LMS deep link to render an item in place. */
export const Breadcrumb = z
  .object({
    course: z.string(),
    chapter: z.object({ id: z.string(), chapter: z.string(), title: z.string() }),
    topics: z.array(TopicCrumb).describe('Enclosing topics, outermost first.'),
    concepts: z.array(ConceptCrumb).describe('Enclosing list items, outermost first (concepts and figures only).'),
  })
  .meta({ id: 'Breadcrumb' });

export const TopicItem = Topic.extend({ parentId: z.string().nullable(), breadcrumb: Breadcrumb }).meta({ id: 'TopicItem' });
export const ConceptItem = Concept.extend({
  topicId: z.string().nullable(),
  parentId: z.string().nullable(),
  documentId: z.string(),
  breadcrumb: Breadcrumb,
}).meta({ id: 'ConceptItem' });
export const FigureItem = FigureRef.extend({ breadcrumb: Breadcrumb }).meta({ id: 'FigureItem' });

export const FigureListItem = FigureRef.extend({
  topic: TopicCrumb.nullable().describe('The topic the figure stands in.'),
  concept: ConceptCrumb.nullable().describe('The list item it stands in, if any.'),
}).meta({ id: 'FigureListItem' });

export const TermEntry = z
  .object({
    term: z.string(),
    concepts: z.array(ConceptCrumb.extend({ topicId: z.string().nullable() })).describe('Where the term is bold, in document order.'),
  })
  .meta({ id: 'TermEntry' });
