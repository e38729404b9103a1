import type { FrontMatter } from './front-matter.js';

/** Inclusive 1-based source line ranges an item owns. */
export type LineRange = [first: number, last: number];

export interface TopicNode {
  id: string;
  parentId: string | null;
  level: number;
  title: string;
  /** `2.2.1` when the heading starts with a section number. */
  section: string | null;
  markdown: string;
  position: number;
  line: number;
  lines: LineRange[];
}

export interface ConceptNode {
  id: string;
  topicId: string | null;
  parentId: string | null;
  depth: number;
  ordered: boolean;
  markdown: string;
  text: string;
  terms: string[];
  position: number;
  line: number;
  lines: LineRange[];
}

export interface BlockNode {
  id: string;
  topicId: string | null;
  kind: string;
  markdown: string;
  text: string;
  position: number;
  line: number;
  lines: LineRange[];
}

export interface FigureNode {
  id: string;
  kind: 'embed' | 'image' | 'mention';
  target: string;
  label: string | null;
  topicId: string | null;
  conceptId: string | null;
  blockId: string | null;
  position: number;
  line: number;
}

/** A note as the parser sees it: pure data, no ids of other documents, no I/O. */
export interface ParsedNote {
  frontMatter: FrontMatter;
  lineCount: number;
  topics: TopicNode[];
  concepts: ConceptNode[];
  blocks: BlockNode[];
  figures: FigureNode[];
  warnings: string[];
}
