import { NoteError } from './note-error.js';
import { itemId, Occurrences } from './ids.js';
import { isBlank } from './lines.js';
import type { InlineFigure } from './inline-content.js';
import type { BlockNode, ConceptNode, FigureNode, LineRange, ParsedNote, TopicNode } from './model.js';

type Without<T> = Omit<T, 'id' | 'position' | 'line'>;

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
  private readonly occurrences = new Occurrences();
  private position = 0;

  constructor(
    private readonly documentId: string,
    private readonly lines: readonly string[],
  ) {
    this.owners = new Uint8Array(lines.length + 1);
  }

  source(ranges: LineRange[]): string[] {
    return ranges.flatMap(([first, last]) => this.lines.slice(first - 1, last));
  }

  own(ranges: LineRange[]): void {
    for (const [first, last] of ranges) {
      for (let line = first; line <= last; line++) this.owners[line]!++;
    }
  }

  // The `add*` methods mutate their argument into the node: this runs per item on the ingest hot path.
  addTopic(topic: Without<TopicNode>): TopicNode {
    return this.push(this.topics, Object.assign(topic, this.place('t', topic.title, topic.lines)));
  }

  addConcept(concept: Without<ConceptNode>): ConceptNode {
    return this.push(this.concepts, Object.assign(concept, this.place('c', concept.text || concept.markdown, concept.lines)));
  }

  addBlock(block: Without<BlockNode>): BlockNode {
    return this.push(this.blocks, Object.assign(block, this.place('b', `${block.kind}\u0000${block.markdown}`, block.lines)));
  }

  addFigures(found: InlineFigure[], firstLine: number, owner: Pick<FigureNode, 'topicId' | 'conceptId' | 'blockId'>): void {
    const ownerId = owner.conceptId ?? owner.blockId ?? owner.topicId ?? this.documentId;
    for (const figure of found) {
      const key = `${ownerId}\u0000${figure.kind}\u0000${figure.target}`;
      const id = itemId('f', this.documentId, key, this.occurrences.next(`f${key}`));
      const { lineOffset, ...rest } = figure;
      this.figures.push({ ...rest, ...owner, id, position: this.figures.length, line: firstLine + lineOffset });
    }
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

  private place(prefix: string, key: string, lines: LineRange[]): { id: string; position: number; line: number } {
    const id = itemId(prefix, this.documentId, key, this.occurrences.next(prefix + key));
    return { id, position: this.position++, line: lines[0]?.[0] ?? 0 };
  }

  private push<T extends { lines: LineRange[] }>(list: T[], item: T): T {
    this.own(item.lines);
    list.push(item);
    return item;
  }
}
