import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choseongWords, fastIndexText } from '../src/search/index-text.js';
import { choseongIndexText, indexText } from '../src/search/tokenize.js';

const MIXED = fc.array(
  fc.constantFrom('소켓은', '로컬', ' ', 'DNS', 'IP주소', '3-way', 'café', 'İ', '\u0301', '망', 'ㅋㅋ', '😀', '漢字', '\u0000', '\uD800', '_', '-', 'peer'),
  { maxLength: 20 },
);

describe('index column values written by the search index', () => {
  it('are the same tokens the reference tokenizer produces, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), MIXED.map((p) => p.join(''))), (text) => {
        expect(fastIndexText(text)).toBe(indexText(text));
        expect(choseongWords(text)).toBe(choseongIndexText(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('index NFD text like NFC', () => {
    expect(fastIndexText('소켓은 IP주소'.normalize('NFD'))).toBe('소켓 켓은 ip 주소 소');
    expect(choseongWords('소켓은 IP주소'.normalize('NFD'))).toBe('ㅅㅋㅇ ㅈㅅ');
  });
});
