import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastSeparators } from '../src/search/index-chars.js';
import { fastIndexText, gramCode, gramToken, HangulGrams, indexTexts } from '../src/search/index-text.js';
import { indexText } from '../src/search/tokenize.js';

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
};

/** The Hangul tokens of index values (a bigram or one syllable), as the reference tokenizer writes them. */
const hangulTokens = (values: string[]) => new Set(values.flatMap((v) => v.split(' ')).filter((t) => /^[\uAC00-\uD7A3]{1,2}$/.test(t)));

describe('index text values written by the search index', () => {
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
        expect(indexTexts(texts)).toEqual(texts.map((t) => indexText(t)));
        expect(texts.map((t) => fastIndexText(t))).toEqual(texts.map((t) => indexText(t)));
      }),
      { numRuns: 500 },
    );
  });

  it('index NFD text like NFC', () => {
    expect(fastIndexText('소켓은 IP주소'.normalize('NFD'))).toBe('소켓 켓은 ip 주소 소');
  });

  it('handle texts longer than the scratch buffer', () => {
    const long = '소켓은 IP주소 → DNS '.repeat(5000);
    agrees(long);
    expect(indexTexts([long, '', long])).toEqual([indexText(long), '', indexText(long)]);
  });
});

describe('the Hangul tokens noted for initial-consonant search', () => {
  it('are every Hangul token of the values written, fast path or not', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), MIXED.map((p) => p.join(''))), { maxLength: 8 }), (texts) => {
        const grams = new HangulGrams();
        const values = indexTexts(texts, grams);
        const noted = new Set(grams.codes.map(gramToken));
        // Every token is noted; a text the fast path hands over half-way may add a token of its own, which matches nothing.
        for (const token of hangulTokens(values)) expect(noted).toContain(token);
      }),
      { numRuns: 500 },
    );
  });

  it('are noted once each, mostly, and decode to their tokens', () => {
    const grams = new HangulGrams();
    indexTexts(['소켓은 소켓을', '소켓 소켓 소켓', '망'], grams);
    expect(grams.codes.map(gramToken).sort()).toEqual(['망', '소켓', '켓', '켓은', '켓을'].sort());
    expect(gramToken(gramCode(0xc18c, 0xcf13))).toBe('소켓');
    expect(gramToken(gramCode(0xb9dd, 0))).toBe('망');
  });
});
