import { z } from 'zod';

export const FigureRef = z
  .object({
    id: z.string(),
    kind: z.enum(['embed', 'image', 'mention']),
    target: z.string().describe('The file or src for embeds and images; the number (`2.1`) for `Figure 2.1` mentions.'),
    label: z.string().nullable().describe('Alt text, embed size or the mention as written.'),
    topicId: z.string().nullable(),
    conceptId: z.string().nullable(),
    blockId: z.string().nullable(),
    documentId: z.string(),
    line: z.number().int().describe('1-based line in the document.'),
  })
  .meta({ id: 'FigureRef' });

export const Block = z
  .object({
    id: z.string(),
    kind: z.string().describe('`paragraph`, `code`, `table`, `blockquote`, `callout`, `html`, `thematic_break`, …'),
    markdown: z.string(),
    documentId: z.string(),
    line: z.number().int(),
  })
  .meta({ id: 'Block' });

export const Concept = z
  .object({
    id: z.string(),
    text: z.string().describe('Plain text, NFC.'),
    markdown: z.string(),
    line: z.number().int(),
    terms: z.array(z.string()).optional().describe('Key terms (bold spans); omitted when `include` leaves out `terms`.'),
    figures: z.array(FigureRef).optional().describe('Figures in this item; omitted when `include` leaves out `figures`.'),
    get concepts(): z.ZodArray<typeof Concept> {
      return z.array(Concept).describe('Nested list items.');
    },
  })
  .meta({ id: 'Concept' });

export type Concept = z.infer<typeof Concept>;

export const Topic = z
  .object({
    id: z.string(),
    title: z.string(),
    level: z.number().int().min(1).max(6),
    section: z.string().nullable().describe('`2.2.1` when the heading starts with a section number.'),
    documentId: z.string(),
    line: z.number().int(),
    concepts: z.array(Concept).optional().describe('Omitted when `include` leaves out `concepts`.'),
    blocks: z.array(Block).optional().describe('Omitted when `include` leaves out `blocks`.'),
    figures: z
      .array(FigureRef)
      .optional()
      .describe('Figures standing in this topic outside its concepts (in blocks); concepts carry their own.'),
    get topics(): z.ZodArray<typeof Topic> {
      return z.array(Topic).describe('Sub-topics (deeper headings), cut at `depth`.');
    },
  })
  .meta({ id: 'Topic' });

export type Topic = z.infer<typeof Topic>;

export const ChapterDocument = z
  .object({
    id: z.string(),
    path: z.string().describe('The note\'s path inside its course folder, e.g. `ch02-application-layer.md`.'),
    revision: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ChapterDocument' });

export const TopicCrumb = z
  .object({ id: z.string(), title: z.string(), section: z.string().nullable() })
  .meta({ id: 'TopicCrumb' });

const chapterHead = {
  id: z.string(),
  course: z.string(),
  chapter: z.string(),
  title: z.string(),
  updatedAt: z.string(),
  documents: z.array(ChapterDocument),
  section: z.string().nullable().describe('The section asked for (`2.2.1`), whose subtree is `topics`; null for the whole chapter.'),
  ancestors: z.array(TopicCrumb).describe('When a section was asked for: the topics above it, outermost first.'),
};

export const Chapter = z
  .object({
    format: z.literal('tree'),
    ...chapterHead,
    blocks: z.array(Block).optional().describe('Content before the first heading.'),
    concepts: z.array(Concept).optional().describe('List items before the first heading.'),
    figures: z.array(FigureRef).optional().describe('Figures before the first heading, outside concepts.'),
    topics: z.array(Topic).describe('Top-level topics, each with its sub-topics in `topics`.'),
  })
  .meta({ id: 'Chapter' });

export const FlatTopic = z
  .object({
    id: z.string(),
    title: z.string(),
    level: z.number().int(),
    section: z.string().nullable(),
    parentId: z.string().nullable(),
    documentId: z.string(),
    line: z.number().int(),
  })
  .meta({ id: 'FlatTopic' });

export const FlatConcept = z
  .object({
    id: z.string(),
    text: z.string(),
    markdown: z.string(),
    terms: z.array(z.string()).optional(),
    topicId: z.string().nullable(),
    parentId: z.string().nullable(),
    line: z.number().int(),
  })
  .meta({ id: 'FlatConcept' });

export const FlatBlock = Block.extend({ topicId: z.string().nullable() }).meta({ id: 'FlatBlock' });

export const FlatChapter = z
  .object({
    format: z.literal('flat'),
    ...chapterHead,
    topics: z.array(FlatTopic).describe('Document order; `parentId` gives the nesting.'),
    concepts: z.array(FlatConcept).optional(),
    blocks: z.array(FlatBlock).optional(),
    figures: z.array(FigureRef).optional(),
  })
  .meta({ id: 'FlatChapter' });

export const ChapterView = z.discriminatedUnion('format', [Chapter, FlatChapter]);
export type ChapterView = z.infer<typeof ChapterView>;

export const INCLUDES = ['concepts', 'blocks', 'figures', 'terms'] as const;
export type Include = (typeof INCLUDES)[number];

export const ChapterSummary = z
  .object({
    id: z.string(),
    course: z.string(),
    chapter: z.string(),
    title: z.string(),
    topicCount: z.number().int(),
    conceptCount: z.number().int(),
    figureCount: z.number().int(),
    documentCount: z.number().int(),
    documents: z.array(ChapterDocument),
    updatedAt: z.string(),
  })
  .meta({ id: 'ChapterSummary' });

export const Course = z
  .object({
    id: z.string().describe('The course folder name (or front matter `course:`).'),
    chapterCount: z.number().int(),
    documentCount: z.number().int(),
    conceptCount: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Course' });
