import type { z } from 'zod';
import type { Block, ChapterDocument, Concept, FigureRef, Topic } from '../schemas/chapter.js';
import type { ChapterRow } from '../store/course-reader.js';
import type { ChapterRows } from '../store/chapter-reader.js';

type FigureRefT = z.infer<typeof FigureRef>;
type BlockT = z.infer<typeof Block>;

/** A concept or topic node with every optional list filled in: the full tree that views prune. */
export type FullConcept = Omit<Concept, 'terms' | 'figures' | 'concepts'> & {
  terms: string[];
  figures: FigureRefT[];
  concepts: FullConcept[];
};
export type FullTopic = Omit<Topic, 'concepts' | 'blocks' | 'figures' | 'topics'> & {
  concepts: FullConcept[];
  blocks: BlockT[];
  figures: FigureRefT[];
  topics: FullTopic[];
};

export interface Located<T> {
  node: T;
  topicId: string | null;
  parentId: string | null;
  documentId: string;
}

/** One chapter at one ETag: the tree plus indexes for item look-ups, built once and shared by every view. */
export interface AssembledChapter {
  chapter: ChapterRow;
  documents: z.infer<typeof ChapterDocument>[];
  blocks: BlockT[];
  concepts: FullConcept[];
  figures: FigureRefT[];
  topics: FullTopic[];
  topicById: Map<string, Located<FullTopic>>;
  conceptById: Map<string, Located<FullConcept>>;
  figureById: Map<string, FigureRefT>;
  /** Every figure in reading order, wherever it stands. */
  allFigures: FigureRefT[];
  /** Topic ids in reading order. */
  topicOrder: string[];
}

export function assembleChapter(chapter: ChapterRow, rows: ChapterRows): AssembledChapter {
  const out: AssembledChapter = {
    chapter,
    documents: rows.documents.map(({ id, path, revision, updatedAt }) => ({ id, path, revision, updatedAt })),
    blocks: [],
    concepts: [],
    figures: [],
    topics: [],
    topicById: new Map(),
    conceptById: new Map(),
    figureById: new Map(),
    allFigures: [],
    topicOrder: [],
  };
  for (const t of rows.topics) {
    const node: FullTopic = {
      id: t.id,
      title: t.title,
      level: t.level,
      section: t.section,
      documentId: t.documentId,
      line: t.line,
      concepts: [],
      blocks: [],
      figures: [],
      topics: [],
    };
    out.topicById.set(t.id, { node, topicId: t.id, parentId: t.parentId, documentId: t.documentId });
    out.topicOrder.push(t.id);
    const parent = t.parentId ? out.topicById.get(t.parentId) : undefined;
    (parent ? parent.node.topics : out.topics).push(node);
  }
  for (const c of rows.concepts) {
    const node: FullConcept = { id: c.id, text: c.text, markdown: c.markdown, line: c.line, terms: [], figures: [], concepts: [] };
    out.conceptById.set(c.id, { node, topicId: c.topicId, parentId: c.parentId, documentId: c.documentId });
    const parent = c.parentId ? out.conceptById.get(c.parentId) : undefined;
    const topic = c.topicId ? out.topicById.get(c.topicId) : undefined;
    (parent ? parent.node.concepts : topic ? topic.node.concepts : out.concepts).push(node);
  }
  for (const term of rows.terms) out.conceptById.get(term.conceptId)?.node.terms.push(term.term);
  for (const b of rows.blocks) {
    const node: BlockT = { id: b.id, kind: b.kind, markdown: b.markdown, documentId: b.documentId, line: b.line };
    const topic = b.topicId ? out.topicById.get(b.topicId) : undefined;
    (topic ? topic.node.blocks : out.blocks).push(node);
  }
  for (const f of rows.figures) {
    const ref: FigureRefT = { ...f };
    out.figureById.set(f.id, ref);
    out.allFigures.push(ref);
    const concept = f.conceptId ? out.conceptById.get(f.conceptId) : undefined;
    const topic = f.topicId ? out.topicById.get(f.topicId) : undefined;
    (concept ? concept.node.figures : topic ? topic.node.figures : out.figures).push(ref);
  }
  return out;
}

/** The topics from `topicId` up to the chapter, outermost first (excluding `topicId` itself). */
export function topicAncestors(chapter: AssembledChapter, topicId: string | null): FullTopic[] {
  const chain: FullTopic[] = [];
  let current = topicId ? chapter.topicById.get(topicId) : undefined;
  while (current?.parentId) {
    current = chapter.topicById.get(current.parentId);
    if (current) chain.unshift(current.node);
  }
  return chain;
}
