import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, referenceParser } from '../src/notes/markdown.js';

const reference = referenceParser();
const ASCII_PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
// Mostly words, so that a single piece of syntax often sits in otherwise plain text.
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('소켓은', 'DNS', ' ', ' ', '  ', '\t', 'a', '1', '\u00A0', 'é') },
  { weight: 2, arbitrary: fc.constantFrom('&amp;', '&#35;', '&nope', '**', '__', '_', '*', '`', '\\*', '[[x]]', '![[y.png|3]]', '[a](b)', '![i](p "t")',
    '<b>', '<http://x.y>', 'www.x.y', 'http://x.y', '~~', ':', '\0') },
  { weight: 1, arbitrary: fc.constantFrom(...ASCII_PUNCTUATION) },
);
const word = fc.constantFrom('소켓은', 'DNS', 'a', '1', ' ', 'x y', '');
// One kind of delimiter around plain words (`a __b__ c`), the case a shortcut would get wrong by missing a character.
const paired = fc
  .constantFrom(...ASCII_PUNCTUATION, '**', '__', '~~', '``', '&amp;', '\0')
  .chain((mark) => fc.tuple(word, word, word).map(([a, b, c]) => `${a}${mark}${b}${mark}${c}`));
const line = fc.tuple(
  fc.constantFrom('', '- ', '  - ', '# ', '## 1.2 ', '> ', '1. ', '    ', '| ', '```', '---', '<div>', '* '),
  fc.oneof(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), paired),
).map(([prefix, text]) => prefix + text);

describe('markdown parsing shortcuts', () => {
  it('give the tokens markdown-it gives without them, for any note', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const text = lines.join(eol);
        expect(JSON.stringify(parseMarkdown(text))).toBe(JSON.stringify(reference.parse(text, {})));
      }),
      { numRuns: 1500 },
    );
  });
});
