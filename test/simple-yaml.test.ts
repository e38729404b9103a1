import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYaml } from '../src/notes/front-matter.js';
import { readSimpleMapping } from '../src/notes/simple-yaml.js';

const key = fc.constantFrom('chapter', 'title', 'tags', 'course', 'order', 'a', 'true', 'Null', 'yes', 'x_1', 'a-b', '__proto__', 'constructor', '키', 'A9');
const piece = fc.constantFrom(
  'a', 'Z', '소켓', ' ', '  ', '0', '1', '9', '.', '-', '+', '_', '/', '(', ')', 'e', 'E', 'x', 'o', 'inf', 'nan', '~', 'null', 'true', 'False', 'yes',
  '#', ':', ': ', ' #', ',', '[', ']', '{', '}', '"', "'", '\\', '\t', '!', '&', '*', '|', '>', '%', '@', '`', '?', '\u00A0', '\u0085', '\u2028',
  '\uFEFF', '\uFFFE', '\u00E9', 'e\u0301', '😀', '\u0007',
);
const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
const whole = fc.constantFrom('null', 'Null', '~', 'true', 'FALSE', 'yes', '.inf', '-.inf', '.NaN', '0o17', '0x1F', '1e3', '1.', '.5', '+1', '-1', '007',
  '1_000', '2024 Review', '1 2', '0.10', '12345678901234567890', 'a b', 'a  b', '- a', '? a', '*a', '&a a', '!t a', 'a #b', 'a: b');
const scalar = fc.oneof(whole, text, text.map((t) => `"${t}"`), text.map((t) => `'${t}'`), fc.integer({ min: 0, max: 1e9 }).map(String), fc.double().map(String));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }).chain((items) => fc.constantFrom(', ', ',', ' , ').map((sep) => `[${items.join(sep)}]`)));
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, fc.constantFrom(': ', ':', ':  ', ': \t', ' : '), value, fc.constantFrom('', ' ', '\t', ' # c')).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '# c', '  - x', '- x', '  more', 'key:', 'k: |', 'k: >') },
);

function reference(lines: string[]): unknown {
  try {
    return readYaml(lines.join('\n'));
  } catch {
    return 'refused';
  }
}

describe('front matter read without the yaml library', () => {
  it('is what the yaml library reads, whenever it takes a block at all', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const simple = readSimpleMapping(lines, 0, lines.length);
        if (simple === undefined) return;
        taken++;
        const expected = reference(lines);
        expect(isDeepStrictEqual(simple, expected), JSON.stringify({ lines, simple, expected })).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // The generator must reach the fast path often enough for this to mean something.
    expect(taken).toBeGreaterThan(500);
  });

  it('takes the shapes notes use', () => {
    const lines = ['chapter: 169', 'title: "운영체제 P2P 정리"', 'tags: [udp, "#dns", 3]', 'order: 1.5', 'course: 2. Computer Networks', 'draft:', ''];
    expect(readSimpleMapping(lines, 0, lines.length)).toStrictEqual(reference(lines));
    expect(readSimpleMapping(lines, 0, lines.length)).toStrictEqual({
      chapter: 169, title: '운영체제 P2P 정리', tags: ['udp', '#dns', 3], order: 1.5, course: '2. Computer Networks', draft: null,
    });
  });
});
