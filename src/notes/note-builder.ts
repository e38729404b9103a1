import { NoteError } from './note-error.js';
import { Occurrences, stableId } from './ids.js';
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

  addTopic(topic: Without<TopicNode>): TopicNode {
    const id = this.id('t', topic.title);
    return this.push(this.topics, { ...topic, id, position: this.position++, line: topic.lines[0]![0] });
  }

  addConcept(concept: Without<ConceptNode>): ConceptNode {
    const id = this.id('c', concept.text || concept.markdown);
    const line = concept.lines[0]?.[0] ?? 0;
    return this.push(this.concepts, { ...concept, id, position: this.position++, line });
  }

  addBlock(block: Without<BlockNode>): BlockNode {
    const id = this.id('b', block.kind, block.markdown);
    return this.push(this.blocks, { ...block, id, position: this.position++, line: block.lines[0]![0] });
  }

  addFigures(found: InlineFigure[], firstLine: number, owner: Pick<FigureNode, 'topicId' | 'conceptId' | 'blockId'>): void {
    const ownerId = owner.conceptId ?? owner.blockId ?? owner.topicId ?? this.documentId;
    for (const figure of found) {
      const id = stableId('f', ownerId, figure.kind, figure.target, this.occurrences.next(`f|${ownerId}|${figure.kind}|${figure.target}`));
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

  private id(prefix: string, ...key: string[]): string {
    const joined = key.join('\u0000');
    return stableId(prefix, this.documentId, joined, this.occurrences.next(`${prefix}|${joined}`));
  }

  private push<T extends { lines: LineRange[] }>(list: T[], item: T): T {
    this.own(item.lines);
    list.push(item);
    return item;
  }
}
