import { NoteError } from './note-error.js';
import { ItemIds } from './item-ids.js';
import { isBlank } from './lines.js';
import type { InlineFigure } from './inline-content.js';
import type { BlockNode, ConceptNode, FigureNode, LineRange, ParsedNote, TopicNode } from './model.js';

/**
 * Collects a note's items in source order, gives each its stable id and
 * position, and keeps the ledger of which item owns which source line so the
 * parser can prove nothing was dropped or claimed twice.
 */
export class NoteBuilder {
  readonly topics: TopicNode[] = [];
  readonly concepts: ConceptNode[] = [];
  readonly blocks: BlockNode[] = [];
  readonly figures: FigureNode[] = [];
  private readonly owners: Uint8Array;
  private readonly ids: ItemIds;
  private position = 0;

  constructor(
    private readonly documentId: string,
    private readonly lines: readonly string[],
  ) {
    this.owners = new Uint8Array(lines.length + 1);
    this.ids = new ItemIds(documentId);
  }

  source(ranges: LineRange[]): string[] {
    if (ranges.length === 1) return this.lines.slice(ranges[0]![0] - 1, ranges[0]![1]);
    const out: string[] = [];
    for (const [first, last] of ranges) {
      for (let line = first - 1; line < last && line < this.lines.length; line++) out.push(this.lines[line]!);
    }
    return out;
  }

  /** source(ranges).join('\n'), without the array for the usual one-line item. */
  sourceText(ranges: LineRange[]): string {
    const only = ranges.length === 1 ? ranges[0]! : null;
    if (only && only[0] === only[1] && only[0] >= 1) return this.lines[only[0] - 1] ?? '';
    return this.source(ranges).join('\n');
  }

  own(ranges: LineRange[]): void {
    for (const [first, last] of ranges) {
      for (let line = first; line <= last; line++) this.owners[line]!++;
    }
  }

  // The `add*` methods take the node with placeholder id, position and line (last, as the node's
  // keys are ordered) and fill them in: built whole, a node needs no second allocation for them.
  addTopic(topic: TopicNode): TopicNode {
    return this.place(this.topics, topic, 't', topic.title);
  }

  addConcept(concept: ConceptNode): ConceptNode {
    return this.place(this.concepts, concept, 'c', concept.text || concept.markdown);
  }

  addBlock(block: BlockNode): BlockNode {
    return this.place(this.blocks, block, 'b', `${block.kind}\u0000${block.markdown}`);
  }

  /** A figure `figure` refers to, in the item `owner` (whose own first line is `firstLine`). */
  addFigure(figure: InlineFigure, firstLine: number, owner: Pick<FigureNode, 'topicId' | 'conceptId' | 'blockId'>): void {
    const ownerId = owner.conceptId ?? owner.blockId ?? owner.topicId ?? this.documentId;
    const key = `${ownerId}\u0000${figure.kind}\u0000${figure.target}`;
    const id = this.ids.next('f', key);
    this.figures.push({
      kind: figure.kind,
      target: figure.target,
      label: figure.label,
      topicId: owner.topicId,
      conceptId: owner.conceptId,
      blockId: owner.blockId,
      id,
      position: this.figures.length,
      line: firstLine + figure.lineOffset,
    });
  }

  /** Every non-blank line must belong to exactly one item (or the front matter). */
  verifyCoverage(): void {
    for (let line = 1; line <= this.lines.length; line++) {
      const count = this.owners[line]!;
      if (count === 1 || (count === 0 && isBlank(this.lines[line - 1]!))) continue;
      throw new NoteError(
        count === 0
          ? 'this line could not be read into the note; is it nested deeper than the parser allows?'
          : 'this line was read into two items; please report this note as a parser bug',
        line,
      );
    }
  }

  build(frontMatter: ParsedNote['frontMatter'], warnings: string[]): ParsedNote {
    const { topics, concepts, blocks, figures } = this;
    return { frontMatter, lineCount: this.lines.length, topics, concepts, blocks, figures, warnings };
  }

  private place<T extends { id: string; position: number; line: number; lines: LineRange[] }>(list: T[], item: T, prefix: string, key: string): T {
    item.id = this.ids.next(prefix, key);
    item.position = this.position++;
    item.line = item.lines[0]?.[0] ?? 0;
    this.own(item.lines);
    list.push(item);
    return item;
  }
}
