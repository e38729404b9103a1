import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, toNfc } from '../src/search/normalize.js';
import { choseongTokens, indexText, tokenize } from '../src/search/tokenize.js';
import { choseongOf, qwertyToHangul } from '../src/search/hangul-input.js';
import { buildQuery } from '../src/search/query.js';

const terms = (text: string) => tokenize(text).map((t) => t.term);

describe('tokenize', () => {
  it('splits a Hangul word into bigrams plus its last syllable, so a word-final syllable is a token', () => {
    expect(tokenize('통신망')).toEqual([
      { term: '통신', start: 0, end: 2 },
      { term: '신망', start: 1, end: 3 },
      { term: '망', start: 2, end: 3 },
    ]);
  });

  it('gives a word ending in a particle no particle unigram (nobody searches 은 alone)', () => {
    expect(tokenize('소켓은')).toEqual([
      { term: '소켓', start: 0, end: 2 },
      { term: '켓은', start: 1, end: 3 },
    ]);
    expect(terms('한다')).toEqual(['한다']);
    expect(terms('은')).toEqual(['은']);
  });

  it('separates Latin from Hangul written without a space (IP주소)', () => {
    expect(terms('IP주소')).toEqual(['ip', '주소', '소']);
  });

  it('keeps letter+digit words whole and bigrams the Korean word with its particle', () => {
    expect(terms('P2P 아키텍처의')).toEqual(['p2p', '아키', '키텍', '텍처', '처의']);
  });

  it('keeps a one-syllable word as a single token', () => {
    expect(terms('키 값')).toEqual(['키', '값']);
  });

  it('gives NFD (macOS) input the same tokens as NFC', () => {
    const nfd = '소켓은 로컬 DNS 서버'.normalize('NFD');
    expect(nfd).not.toBe('소켓은 로컬 DNS 서버');
    expect(tokenize(nfd)).toEqual(tokenize('소켓은 로컬 DNS 서버'));
  });

  it('reports offsets into the original text even when lowercasing changes length (İ)', () => {
    const text = 'İSTANBUL 서버';
    expect('İSTANBUL'.toLowerCase().length).toBe(9);
    const [word, server] = tokenize(text);
    expect(word).toEqual({ term: 'i̇stanbul', start: 0, end: 8 });
    expect(text.slice(server!.start, server!.end)).toBe('서버');
  });

  it('bigrams Han and kana runs, with offsets that respect astral characters', () => {
    expect(terms('漢字 ひらがな')).toEqual(['漢字', '字', 'ひら', 'らが', 'がな', 'な']);
    const text = '𠀀字';
    expect(tokenize(text)[0]).toEqual({ term: '𠀀字', start: 0, end: 3 });
  });

  it('keeps standalone jamo such as ㅋㅋ as one word and splits Cyrillic words', () => {
    expect(terms('ㅋㅋ Привет мир')).toEqual(['ㅋㅋ', 'привет', 'мир']);
  });

  it('treats NUL, control characters and lone surrogates as separators', () => {
    expect(terms('a\u0000b\uD800c\u001Fd')).toEqual(['a', 'b', 'c', 'd']);
    expect(indexText('😀 !!! ---')).toBe('');
  });

  it('returns tokens whose offsets cover exactly the text they came from', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const nfc = toNfc(s);
        for (const t of tokenize(s)) {
          const slice = nfc.slice(t.start, t.end);
          expect(t.term === slice || t.term === normalizeText(slice)).toBe(true);
        }
      }),
    );
  });
});

describe('normalizeText', () => {
  it('composes, lowercases and replaces lone surrogates', () => {
    expect(normalizeText('DNS 소켓'.normalize('NFD'))).toBe('dns 소켓');
    expect(normalizeText('a\uDC00')).toBe('a\uFFFD');
  });
});

describe('choseong words', () => {
  it('are the initial consonants of each Hangul word, where it stands', () => {
    expect(choseongTokens('소켓은 IP주소')).toEqual([
      { term: 'ㅅㅋㅇ', start: 0, end: 3 },
      { term: 'ㅈㅅ', start: 6, end: 8 },
    ]);
    expect(choseongOf('소켓')).toBe('ㅅㅋ');
    expect(choseongOf('ㅅㅋ')).toBe('');
  });
});

describe('qwertyToHangul', () => {
  it('converts text typed in English keyboard mode only when it yields whole syllables', () => {
    expect(qwertyToHangul('thzpt')).toBe('소켓');
    expect(qwertyToHangul('rk tjqj')).toBe('가 서버');
    expect(qwertyToHangul('peer')).toBeNull();
    expect(qwertyToHangul('ip 주소')).toBeNull();
  });

  it('answers null, not an error, for keys no syllable can be built from', () => {
    // es-hangul throws on ㅗㅏㅊ; a search for "hkc" once answered 500 through this (found by the fast-check property in search-fts.test.ts).
    expect(qwertyToHangul('hkc')).toBeNull();
    expect(qwertyToHangul('thzpt hkc')).toBeNull();
    expect(buildQuery('hkc')).toEqual(expect.objectContaining({ strict: '"hkc"', alternatives: [] }));
  });
});
