import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastSeparators } from '../src/search/index-chars.js';
import { choseongWords, fastIndexText, indexPairs } from '../src/search/index-text.js';
import { choseongIndexText, indexText } from '../src/search/tokenize.js';

const SEPARATORS = fastSeparators().map((c) => String.fromCharCode(c));

const MIXED = fc.array(
  fc.oneof(
    fc.constantFrom('소켓은', '로컬', ' ', 'DNS', 'IP주소', '3-way', 'café', 'İ', '\u0301', '망', 'ㅋㅋ', '😀', '漢字', '\u0000', '\uD800', '_', '-', 'peer',
      '\u11A8', '\u1100\u1161', '가', '·', '→', '“', '\u0085', '\u00A0', '\u2000', '\u212B', 'Å'),
    fc.constantFrom(...SEPARATORS),
  ),
  { maxLength: 20 },
);

const agrees = (text: string) => {
  expect(fastIndexText(text)).toBe(indexText(text));
  expect(choseongWords(text)).toBe(choseongIndexText(text));
};

describe('index column values written by the search index', () => {
  it('are the same tokens the reference tokenizer produces, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), MIXED.map((p) => p.join(''))), agrees),
      { numRuns: 2000 },
    );
  });

  it('treat every symbol the fast path skips as the reference does, next to letters, jamo and marks', () => {
    for (const sep of SEPARATORS) {
      for (const text of [`a${sep}b`, `가${sep}나`, `${sep}\u0301`, `\u1100${sep}\u1161`, `각${sep}\u11A8`, `${sep}${sep}`, `소켓은${sep}IP`]) agrees(text);
    }
  });

  it('are the same in a batch as one text at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), MIXED.map((p) => p.join(''))), { maxLength: 8 }), (texts) => {
        expect(indexPairs(texts)).toEqual(texts.flatMap((t) => [indexText(t), choseongIndexText(t)]));
        // Interleaved calls must not read another text's pair.
        const singles = texts.map((t) => choseongWords(t) + '|' + fastIndexText(t) + '|' + choseongWords(t));
        expect(singles).toEqual(texts.map((t) => `${choseongIndexText(t)}|${indexText(t)}|${choseongIndexText(t)}`));
      }),
      { numRuns: 500 },
    );
  });

  it('index NFD text like NFC', () => {
    expect(fastIndexText('소켓은 IP주소'.normalize('NFD'))).toBe('소켓 켓은 ip 주소 소');
    expect(choseongWords('소켓은 IP주소'.normalize('NFD'))).toBe('·ㅅㅋㅇ ·ㅈㅅ');
  });

  it('handle texts longer than the scratch buffer', () => {
    const long = '소켓은 IP주소 → DNS '.repeat(5000);
    agrees(long);
    expect(indexPairs([long, '', long])).toEqual([indexText(long), choseongIndexText(long), '', '', indexText(long), choseongIndexText(long)]);
  });
});
