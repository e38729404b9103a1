import type { z } from 'zod';
import type { Chapter, Concept, FlatChapter, Include, Topic, TopicCrumb } from '../schemas/chapter.js';
import { topicAncestors, type AssembledChapter, type FullConcept, type FullTopic } from './assemble-chapter.js';

export interface ViewOptions {
  format: 'tree' | 'flat';
  include: ReadonlySet<Include>;
  /** Topic levels to keep below the root(s); Infinity for all. */
  depth: number;
  /** A section's topic: the view is its subtree. */
  topicId: string | null;
}

export function viewKey(o: ViewOptions): string {
  return `${o.format}|${[...o.include].sort().join(',')}|${o.depth}|${o.topicId ?? ''}`;
}

export const crumbOf = (t: FullTopic): z.infer<typeof TopicCrumb> => ({ id: t.id, title: t.title, section: t.section });

function head(ch: AssembledChapter, o: ViewOptions) {
  const root = o.topicId ? ch.topicById.get(o.topicId)?.node : undefined;
  return {
    id: ch.chapter.id,
    course: ch.chapter.course,
    chapter: ch.chapter.chapter,
    title: ch.chapter.title,
    updatedAt: ch.chapter.updatedAt,
    documents: ch.documents,
    section: root ? root.section : null,
    ancestors: root ? topicAncestors(ch, root.id).map(crumbOf) : [],
    root,
  };
}

/** The chapter (or a section's subtree) as a nested tree, pruned to the asked-for parts. */
export function treeView(ch: AssembledChapter, o: ViewOptions): z.input<typeof Chapter> {
  const { root, ...rest } = head(ch, o);
  const has = (part: Include) => o.include.has(part);
  const concept = (c: FullConcept): Concept => ({
    id: c.id,
    text: c.text,
    markdown: c.markdown,
    line: c.line,
    ...(has('terms') && { terms: c.terms }),
    ...(has('figures') && { figures: c.figures }),
    concepts: c.concepts.map(concept),
  });
  const topic = (t: FullTopic, level: number): Topic => ({
    id: t.id,
    title: t.title,
    level: t.level,
    section: t.section,
    documentId: t.documentId,
    line: t.line,
    ...(has('concepts') && { concepts: t.concepts.map(concept) }),
    ...(has('blocks') && { blocks: t.blocks }),
    ...(has('figures') && { figures: t.figures }),
    topics: level < o.depth ? t.topics.map((child) => topic(child, level + 1)) : [],
  });
  const whole = !root;
  return {
    format: 'tree',
    ...rest,
    ...(has('blocks') && { blocks: whole ? ch.blocks : [] }),
    ...(has('concepts') && { concepts: whole ? ch.concepts.map(concept) : [] }),
    ...(has('figures') && { figures: whole ? ch.figures : [] }),
    topics: (root ? [root] : ch.topics).map((t) => topic(t, 1)),
  };
}

/** The same content as flat lists in reading order, nesting given by `parentId`/`topicId`. */
export function flatView(ch: AssembledChapter, o: ViewOptions): z.input<typeof FlatChapter> {
  const { root, ...rest } = head(ch, o);
  const has = (part: Include) => o.include.has(part);
  // Which topics are in view, and at what depth below the root(s).
  const depthOf = new Map<string, number>();
  const visit = (t: FullTopic, level: number) => {
    depthOf.set(t.id, level);
    if (level < o.depth) for (const child of t.topics) visit(child, level + 1);
  };
  for (const t of root ? [root] : ch.topics) visit(t, 1);
  const inView = (topicId: string | null) => (topicId === null ? !root : depthOf.has(topicId));
  const topics = ch.topicOrder.filter((id) => depthOf.has(id)).map((id) => ch.topicById.get(id)!);
  const concepts = [...ch.conceptById.values()].filter((c) => inView(c.topicId));
  return {
    format: 'flat',
    ...rest,
    topics: topics.map(({ node: t, parentId }) => ({
      id: t.id,
      title: t.title,
      level: t.level,
      section: t.section,
      parentId: t.id === root?.id ? null : parentId,
      documentId: t.documentId,
      line: t.line,
    })),
    ...(has('concepts') && {
      concepts: concepts.map(({ node: c, topicId, parentId }) => ({
        id: c.id,
        text: c.text,
        markdown: c.markdown,
        ...(has('terms') && { terms: c.terms }),
        topicId,
        parentId,
        line: c.line,
      })),
    }),
    ...(has('blocks') && { blocks: blocksInView(ch, inView) }),
    ...(has('figures') && { figures: ch.allFigures.filter((f) => inView(f.topicId)) }),
  };
}

function blocksInView(ch: AssembledChapter, inView: (topicId: string | null) => boolean) {
  const out = ch.blocks.map((b) => ({ ...b, topicId: null as string | null })).filter(() => inView(null));
  for (const id of ch.topicOrder) {
    if (!inView(id)) continue;
    for (const b of ch.topicById.get(id)!.node.blocks) out.push({ ...b, topicId: id });
  }
  return out;
}
