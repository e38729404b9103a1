import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeNote } from '../src/notes/decode.js';
import { NoteError } from '../src/notes/note-error.js';
import { parseNote } from '../src/notes/parse-note.js';

const SEED = 'seed/computer-networking/ch02-application-layer.md';
const parse = (markdown: string) => parseNote(markdown, { documentId: 'd_test' });

describe('the seed note', () => {
  const note = parse(decodeNote(readFileSync(SEED)));

  it('has the expected shape: 8 topics, 29 concepts, 5 key terms, 1 figure, 1 paragraph', () => {
    expect(note.topics).toHaveLength(8);
    expect(note.concepts).toHaveLength(29);
    expect(note.concepts.flatMap((c) => c.terms)).toHaveLength(5);
    expect(note.figures).toHaveLength(1);
    expect(note.blocks.map((b) => b.kind)).toEqual(['paragraph']);
    expect(note.frontMatter.chapter).toBe('2');
  });

  it('nests topics under the nearest preceding heading of lower level', () => {
    const byTitle = new Map(note.topics.map((t) => [t.title, t]));
    expect(byTitle.get('Socket')!.parentId).toBe(byTitle.get('프로세스 통신')!.id);
    expect(byTitle.get('프로세스 통신')!.parentId).toBeNull();
  });

  it('keeps the socket embed with the concept whose paragraph it continues', () => {
    const [figure] = note.figures;
    expect(figure).toMatchObject({ kind: 'embed', target: 'socket_interface.png', line: 30 });
    const concept = note.concepts.find((c) => c.id === figure!.conceptId)!;
    expect(concept.text).toContain('socket interface를 통해');
  });

  it('reads bold spans inside concepts as key terms', () => {
    expect(note.concepts.flatMap((c) => c.terms)).toContain('자가 확장성');
  });
});

describe('topics', () => {
  it('reads ATX and setext headings with levels and section numbers', () => {
    const note = parse('Title\n=====\n\n## 2.2.1 Overview of HTTP\n\nSub\n---\n#### 3. Transport\n');
    expect(note.topics.map((t) => [t.level, t.section, t.title])).toEqual([
      [1, null, 'Title'],
      [2, '2.2.1', 'Overview of HTTP'],
      [2, null, 'Sub'],
      [4, '3', 'Transport'],
    ]);
    expect(note.topics[0]!.lines).toEqual([[1, 2]]);
  });

  it('does not mistake a year for a section number', () => {
    expect(parse('# 2024 Review\n').topics[0]).toMatchObject({ section: null, title: '2024 Review' });
  });

  it('gives empty and duplicate headings their own distinct ids', () => {
    const note = parse('#\n## Overview\n- a\n## Overview\n- b\n');
    expect(note.topics.map((t) => t.title)).toEqual(['', 'Overview', 'Overview']);
    expect(new Set(note.topics.map((t) => t.id)).size).toBe(3);
  });
});

describe('concepts', () => {
  it('nests list items of any depth and kind, each with its own text', () => {
    const note = parse('# T\n1. first **term**\n   - child\n     - grandchild\n2. second\n');
    const [first, child, grandchild, second] = note.concepts;
    expect(first).toMatchObject({ text: 'first term', markdown: 'first **term**', ordered: true, depth: 0, terms: ['term'] });
    expect(child).toMatchObject({ text: 'child', parentId: first!.id, ordered: false, depth: 1 });
    expect(grandchild).toMatchObject({ text: 'grandchild', parentId: child!.id, depth: 2 });
    expect(second).toMatchObject({ text: 'second', parentId: null });
    expect(note.concepts.every((c) => c.topicId === note.topics[0]!.id)).toBe(true);
  });

  it('keeps a multi-paragraph item and its code as one concept', () => {
    const note = parse('- intro\n\n  more text\n\n  ```js\n  x()\n  ```\n- next\n');
    expect(note.concepts).toHaveLength(2);
    expect(note.concepts[0]!.text).toBe('intro\nmore text\nx()');
    expect(note.concepts[0]!.markdown).toBe('intro\n\nmore text\n\n```js\nx()\n```');
  });
});

describe('blocks', () => {
  it('classifies paragraphs, code, tables, quotes, callouts, html and rules', () => {
    const note = parse(
      'before heading\n\n# T\n\n```py\nprint(1)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote\n\n> [!note] Title\n> body\n\n<div>x</div>\n\n---\n',
    );
    expect(note.blocks.map((b) => b.kind)).toEqual(['paragraph', 'code', 'table', 'blockquote', 'callout', 'html', 'thematic_break']);
    expect(note.blocks[0]!.topicId).toBeNull();
    expect(note.blocks[1]).toMatchObject({ text: 'print(1)', markdown: '```py\nprint(1)\n```', line: 5 });
    expect(note.blocks[2]!.text).toContain('1');
  });
});

describe('figures', () => {
  it('finds embeds, sized embeds, markdown images and textual mentions with their lines', () => {
    const note = parse('# T\n![[a.png|400]] and ![[b.png|Caption]]\n\n![Alt](img/c.svg)\n\n- see Figure 2.1 and Fig. 3-2\n- 그림2.4 참고\n');
    expect(note.figures.map((f) => [f.kind, f.target, f.label, f.line])).toEqual([
      ['embed', 'a.png', null, 2],
      ['embed', 'b.png', 'Caption', 2],
      ['image', 'img/c.svg', 'Alt', 4],
      ['mention', '2.1', 'Figure 2.1', 6],
      ['mention', '3-2', 'Fig. 3-2', 6],
      ['mention', '2.4', '그림2.4', 7],
    ]);
    expect(note.figures[3]!.conceptId).toBe(note.concepts[0]!.id);
    expect(note.figures[0]!.blockId).toBe(note.blocks[0]!.id);
  });

  it('does not read figure mentions inside code', () => {
    expect(parse('`Figure 1.1`\n').figures).toHaveLength(0);
  });

  it('keeps an embed that points outside the notes as text, unresolved', () => {
    const note = parse('![[../../etc/passwd]]\n');
    expect(note.figures[0]).toMatchObject({ kind: 'embed', target: '../../etc/passwd' });
  });
});

describe('text encodings', () => {
  it('treats NFD (macOS) text as the NFC it stands for', () => {
    const nfc = parse(decodeNote(Buffer.from('# 소켓\n- 소켓은 인터페이스다\n')));
    const nfd = parse(decodeNote(Buffer.from('# 소켓\n- 소켓은 인터페이스다\n'.normalize('NFD'))));
    expect(nfd.topics[0]!.title).toBe('소켓');
    expect(nfd.concepts[0]!.text).toBe(nfc.concepts[0]!.text);
    expect(nfd.topics[0]!.id).toBe(nfc.topics[0]!.id);
  });

  it('accepts a BOM and CRLF line endings with the same lines', () => {
    const text = decodeNote(Buffer.from('\ufeff---\r\nchapter: 3\r\n---\r\n# A\r\n- b\r\n'));
    const note = parse(text);
    expect(note.frontMatter.chapter).toBe('3');
    expect(note.topics[0]).toMatchObject({ title: 'A', line: 4 });
    expect(note.concepts[0]).toMatchObject({ text: 'b', line: 5 });
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('# ok\n- fine\n'), Buffer.from([0xff, 0xfe, 0x41])]);
    expect(() => decodeNote(bytes)).toThrow(expect.objectContaining({ message: 'the file is not valid UTF-8', line: 3 }));
  });
});

describe('hostile structure', () => {
  it('refuses a list nested 10,000 deep quickly, with the line where it gets too deep', () => {
    const deep = Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    const error = (() => {
      try {
        parse(deep);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(NoteError);
    expect((error as NoteError).line).toBeGreaterThan(40);
    expect((error as NoteError).line).toBeLessThan(110);
  });

  it('refuses quotes nested 10,000 deep', () => {
    expect(() => parse(`${'>'.repeat(10_000)} deep\n`)).toThrow(/nested deeper than/);
  });

  it('loads a 1 MB line and an empty file', () => {
    expect(parse(`- ${'가'.repeat(1_000_000)}\n`).concepts[0]!.text).toHaveLength(1_000_000);
    const empty = parse('');
    expect(empty.topics).toHaveLength(0);
    expect(empty.warnings).toEqual(['the note has no content']);
  });
});
