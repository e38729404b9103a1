import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markerLength } from '../src/notes/concepts.js';
import { decodeNote } from '../src/notes/decode.js';
import { decodeValidUtf8 } from '../src/notes/utf8.js';
import { NoteError } from '../src/notes/note-error.js';
import { parseNote } from '../src/notes/parse-note.js';
import { linesJson } from '../src/ingest/prepare-rows.js';

// Lines in the shapes real notes take, so random documents exercise lists, quotes, fences and headings together.
const line = fc.oneof(
  fc.constantFrom('', '# H', '## 2.1 Sub', 'Setext', '===', '---', '> quote', '> [!note] c', '```', '~~~', '| a | b |', '|---|---|',
    '<div>', '</div>', '![[x.png|300]]', 'see Figure 1.2', '    code', '***', '- [ ] task', '1. one', '1) two', '+ plus'),
  fc.tuple(fc.constantFrom('', '  ', '    ', '\t', '>', '> - ', '- ', '  - ', '    - ', '* ', '10. '), fc.string({ maxLength: 12 })).map(
    ([prefix, text]) => prefix + text,
  ),
  fc.string({ maxLength: 20, unit: 'grapheme' }),
);

describe('parseNote on arbitrary notes', () => {
  it('either reads every non-blank line into exactly one item or refuses with a NoteError', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        try {
          const note = parseNote(text, { documentId: 'd_prop' });
          const ids = [...note.topics, ...note.concepts, ...note.blocks, ...note.figures].map((item) => item.id);
          expect(new Set(ids).size).toBe(ids.length);
        } catch (error) {
          expect(error).toBeInstanceOf(NoteError);
          // Coverage failures other than depth would be parser bugs, not bad notes.
          expect((error as Error).message).not.toMatch(/parser bug|could not be read/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same ids when the same note is parsed twice', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        let first: unknown;
        try {
          first = parseNote(text, { documentId: 'd' });
        } catch {
          return;
        }
        expect(parseNote(text, { documentId: 'd' })).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it('reads a note the same whatever its line endings, with or without front matter', () => {
    const frontMatter = fc.constantFrom([], ['---', 'chapter: 2', 'title: "소켓"', '---'], ['---', 'tags: [a, b]', 'x: |', '  y', '---'], ['---', '---']);
    fc.assert(
      fc.property(frontMatter, fc.array(line, { maxLength: 30 }), (head, body) => {
        const lines = [...head, ...body];
        const read = (eol: string) => {
          try {
            return parseNote(lines.join(eol), { documentId: 'd' });
          } catch (error) {
            return (error as Error).message;
          }
        };
        const lf = read('\n');
        expect(read('\r\n')).toEqual(lf);
        expect(read('\r')).toEqual(lf);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes notes to the NFC of their UTF-8 text', () => {
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '가', '\u1100', '\u1161', '\u11A8', 'e', '\u0301', 'é', '\u00A8', 'Å', '\u212B', '😀', '·') }), (text) => {
        const bytes = new TextEncoder().encode(text);
        expect(decodeNote(bytes)).toBe(decoder.decode(bytes).normalize('NFC'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeValidUtf8', () => {
  it('gives what TextDecoder gives for any valid UTF-8, BOM dropped, and flags every text NFC could change', () => {
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(fc.boolean(), fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme-composite', maxLength: 20 }), fc.string({ unit: 'grapheme-ascii' })), (bom, text) => {
        const bytes = new TextEncoder().encode(bom ? `\uFEFF${text}` : text);
        const decoded = decodeValidUtf8(bytes);
        expect(decoded.text).toBe(decoder.decode(bytes));
        if (!decoded.mayNeedNfc) expect(decoded.text.normalize('NFC')).toBe(decoded.text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('markerLength', () => {
  it('measures what the list-marker regex matches', () => {
    const MARKER = /^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;
    const piece = fc.constantFrom(' ', '\t', '-', '+', '*', '1', '0', '9', '.', ')', 'a', '소', '#', '>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const line = pieces.join('');
        expect(markerLength(line)).toBe(MARKER.exec(line)?.[0].length ?? 0);
      }),
      { numRuns: 3000 },
    );
    expect(markerLength('1234567890. x')).toBe(0);
    expect(markerLength('123456789. x')).toBe(11);
  });
});

describe('the stored line ranges of an item', () => {
  it('are written as JSON.stringify writes them', () => {
    const range = fc.tuple(fc.nat(), fc.nat()) as fc.Arbitrary<[number, number]>;
    fc.assert(
      fc.property(fc.array(range, { maxLength: 6 }), (lines) => {
        expect(linesJson(lines)).toBe(JSON.stringify(lines));
      }),
      { numRuns: 1000 },
    );
  });
});
