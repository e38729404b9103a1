import type { Token } from 'markdown-it';
import { addList } from './concepts.js';
import { rejectDeepNesting } from './depth-guard.js';
import { parseFrontMatter, type FrontMatter } from './front-matter.js';
import { splitLines } from './lines.js';
import { MAX_NESTING, parseMarkdown } from './markdown.js';
import type { LineRange, ParsedNote, TopicNode } from './model.js';
import { NoteBuilder } from './note-builder.js';
import { NoteError } from './note-error.js';
import { readRange } from './read-range.js';
import { readInline } from './inline-content.js';
import { blockKind, closeOf, isListOpen } from './tokens.js';

// `2.2.1 Overview of HTTP`, `3. Transport`: a numbered heading, up to 3 digits a part so `2024 Review` is a title.
const SECTION = /^(\d{1,3}(?:\.\d{1,3})*)\.?[ \t]+(\S.*)$/s;

/**
 * Markdown in, note model out: topics from headings, concepts from list items,
 * blocks for everything else, key terms and figure references inside them.
 * Pure: `documentId` (or a function of the front matter, since `course:` can
 * change which document this is) only namespaces the stable ids. Throws NoteError with a
 * line for notes that cannot be read faithfully.
 */
export function parseNote(text: string, options: { documentId: string | ((frontMatter: FrontMatter) => string) }): ParsedNote {
  const lines = splitLines(text);
  const frontMatter = parseFrontMatter(lines);
  // Cheap and linear, before markdown-it sees a hostile 10,000-deep list.
  rejectDeepNesting(lines, frontMatter.lineCount);
  const documentId = typeof options.documentId === 'string' ? options.documentId : options.documentId(frontMatter);
  const tokens = parseMarkdown(bodyOf(text, lines, frontMatter.lineCount));
  rejectNestingPastCap(tokens);

  const note = new NoteBuilder(documentId, lines);
  if (frontMatter.lineCount > 0) note.own([[1, frontMatter.lineCount]]);
  const openTopics: TopicNode[] = [];
  let topicId: string | null = null;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const close = closeOf(tokens, i);
    const lines = rangeOf(token);
    if (token.type === 'heading_open') {
      const level = Number(token.tag.slice(1));
      while (openTopics.length && openTopics.at(-1)!.level >= level) openTopics.pop();
      const title = readInline(tokens[i + 1]).text.trim();
      const numbered = SECTION.exec(title);
      const topic = note.addTopic({
        parentId: openTopics.at(-1)?.id ?? null,
        level,
        title: numbered ? numbered[2]!.trim() : title,
        section: numbered ? numbered[1]! : null,
        markdown: note.sourceText(lines),
        lines,
        id: '', // placed by the builder
        position: 0,
        line: 0,
      });
      openTopics.push(topic);
      topicId = topic.id;
    } else if (isListOpen(token)) {
      addList(note, tokens, i, topicId, null, 0);
    } else if (lines.length) {
      const content = readRange(tokens, i, close + 1);
      const block = note.addBlock({
        topicId,
        kind: blockKind(tokens, i),
        markdown: note.sourceText(lines),
        text: content.text.trim(),
        lines,
        id: '',
        position: 0,
        line: 0,
      });
      const owner = { topicId, conceptId: null, blockId: block.id };
      for (let f = 0; f < content.figures.length; f++) note.addFigure(content.figures[f]!, content.figureLines[f]!, owner);
    }
    i = close;
  }
  note.verifyCoverage();
  const warnings = tokens.length === 0 ? ['the note has no content'] : [];
  return note.build(frontMatter, warnings);
}

/**
 * The text markdown-it reads: front matter lines blanked, not removed, so
 * token maps stay file line numbers. Line breaks may stay '\r\n' or '\r':
 * markdown-it reads them as '\n'.
 */
function bodyOf(text: string, lines: readonly string[], frontMatterLines: number): string {
  if (frontMatterLines === 0) return text;
  if (text.includes('\r')) return '\n'.repeat(frontMatterLines) + lines.slice(frontMatterLines).join('\n');
  let offset = 0;
  for (let i = 0; i < frontMatterLines; i++) offset += lines[i]!.length + 1;
  return '\n'.repeat(frontMatterLines) + text.slice(offset);
}

function rangeOf(token: Token): LineRange[] {
  return token.map ? [[token.map[0] + 1, token.map[1]]] : [];
}

/**
 * markdown-it stops descending at MAX_NESTING and silently drops what lies
 * deeper; a note that deep is refused with the line where it happens.
 */
function rejectNestingPastCap(tokens: readonly Token[]): void {
  const deep = tokens.find((token) => token.level >= MAX_NESTING - 1);
  if (deep) {
    const line = deep.map ? deep.map[0] + 1 : null;
    throw new NoteError(`lists or quotes are nested deeper than ${MAX_NESTING} levels`, line);
  }
}
