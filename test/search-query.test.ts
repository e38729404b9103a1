import { describe, expect, it } from 'vitest';
import { buildQuery, expandPrefix, initialsMatch, MAX_QUERY_LENGTH, stripParticle, type BuiltQuery } from '../src/search/query.js';

function built(q: string): BuiltQuery {
  const result = buildQuery(q);
  if ('error' in result) throw new Error(`unexpected error: ${result.error}`);
  return result;
}

describe('stripParticle', () => {
  it.each([
    ['소켓은', '소켓'],
    ['서버에서', '서버'],
    ['프로토콜로', '프로토콜'],
    ['프로세스에게서', '프로세스'],
    ['주소', '주소'],
    ['이', '이'],
    ['고도', '고도'],
  ])('%s -> %s', (word, expected) => {
    expect(stripParticle(word)).toBe(expected);
  });
});

describe('buildQuery', () => {
  it('finds a noun typed with its particle by searching the bare noun', () => {
    const q = built('소켓은');
    expect(q.strict).toBe('"소켓"');
    expect(q.terms).toEqual(['소켓']);
    expect(q.phrases).toEqual([]);
  });

  it('ANDs words, lowercases Latin and strips particles word by word', () => {
    const q = built('로컬 DNS 서버에서');
    expect(q.strict).toBe('"로컬" AND "dns" AND "서버"');
    expect(q.loose).toBe('"로컬" OR "dns" OR "서버"');
    expect(q.terms).toEqual(['로컬', 'dns', '서버']);
  });

  it('matches a long word by all its bigrams, to be found in the text whole, and falls back to any bigram', () => {
    const q = built('포트번호');
    expect(q.strict).toBe('"포트" AND "트번" AND "번호"');
    expect(q.phrases).toEqual(['포트번호']);
    expect(q.loose).toBe('"포트" OR "트번" OR "번호"');
    expect(q.looseTerms).toEqual(['포트', '트번', '번호']);
  });

  it('needs both parts of IP주소 but not their adjacency', () => {
    expect(built('IP주소를').strict).toBe('"ip" AND "주소"');
    expect(built('ip 주소').strict).toBe('"ip" AND "주소"');
    expect(built('IP주소를').phrases).toEqual([]);
  });

  it('searches a one-syllable word as a prefix', () => {
    const q = built('망 서버');
    expect(q.strict).toBe('"망"* AND "서버"');
    expect(q.prefixes).toEqual(['망']);
    expect(expandPrefix(q.strict, '망', ['망', '망을'])).toBe('("망" OR "망을") AND "서버"');
    // No term starts with it: the prefix query stays, and matches nothing.
    expect(expandPrefix(q.strict, '망', [])).toBe(q.strict);
  });

  it('turns words of initial consonants into marked placeholders, each a word a row must hold', () => {
    const q = built('ㄹㅋ ㄷㅇㅅ');
    expect(q.kind).toBe('choseong');
    expect(q.strict).toBe('"·ㄹㅋ"* AND "·ㄷㅇㅅ"*');
    expect(q.loose).toBe('"·ㄹㅋ"* OR "·ㄷㅇㅅ"*');
    expect(q.prefixes).toEqual(['·ㄹㅋ', '·ㄷㅇㅅ']);
    expect(q.initials).toEqual(['ㄹㅋ', 'ㄷㅇㅅ']);
    expect(built('소켓 ㅋㅋ').initials).toEqual([]);
  });

  it('stands a word of initials for the bigrams with each adjacent pair of its initials', () => {
    const table: Record<string, string[]> = { ㄷㅇ: ['도우', '디온'], ㅇㅅ: ['안성', '이사', '우선'], ㅅㅋ: ['소켓'], ㅅ: ['사', '소켓', '스'] };
    const asked: string[] = [];
    const lookup = (key: string, cap: number) => {
      asked.push(key);
      const terms = table[key] ?? [];
      return { terms: terms.slice(0, cap), more: terms.length > cap };
    };
    // Smallest group first; both fit in the cap.
    expect(initialsMatch('ㄷㅇㅅ', lookup, 10)).toBe('("도우" OR "디온") AND ("안성" OR "이사" OR "우선")');
    expect(asked).toEqual(['ㄷㅇ', 'ㅇㅅ']);
    // Past the cap, the larger group is left out (candidates are checked against the whole word).
    expect(initialsMatch('ㄷㅇㅅ', lookup, 4)).toBe('("도우" OR "디온")');
    // A group over the cap on its own: its first terms stand for it.
    expect(initialsMatch('ㅇㅅ', lookup, 2)).toBe('("안성" OR "이사")');
    // One initial: every token starting with such a syllable.
    expect(initialsMatch('ㅅ', lookup, 10)).toBe('("사" OR "소켓" OR "스")');
    // A pair no bigram has: no row can match.
    expect(initialsMatch('ㅅㅋㅎ', lookup, 10)).toBeNull();
  });

  it('offers the Hangul reading of text typed in the wrong keyboard mode', () => {
    const q = built('thzpt');
    expect(q.strict).toBe('"thzpt"');
    expect(q.alternatives).toEqual([
      expect.objectContaining({ reason: 'qwerty', query: '소켓', strict: '"소켓"' }),
    ]);
    expect(built('peer').alternatives).toEqual([]);
  });

  it('treats FTS operators in the input as plain words', () => {
    const q = built('"a" OR b* NEAR(c) col:d -e ^f {g} [h] +i');
    expect(q.strict).toBe('"a" AND "or" AND "b" AND "near" AND "c" AND "col" AND "d" AND "e" AND "f" AND "g" AND "h" AND "i"');
  });

  it('never matches a scope token from text, nor text tokens from initials', () => {
    // The mark is punctuation, so typing it does not make a marked token.
    expect(built('·s0123456789abcdef').strict).toBe('"s0123456789abcdef"');
    expect(built('ㅋㅋ').strict).toBe('"·ㅋㅋ"*');
    expect(built('ㅋㅋ 소켓').strict).toBe('"ㅋㅋ" AND "소켓"');
  });

  it('rejects empty, symbol-only, oversized and overlong queries with a message', () => {
    expect(buildQuery('')).toEqual({ error: expect.stringMatching(/no letters or numbers/) });
    expect(buildQuery(' 😀 !!! \u0000')).toEqual({ error: expect.stringMatching(/no letters or numbers/) });
    expect(buildQuery('가'.repeat(10_000))).toEqual({ error: expect.stringMatching(/too long/) });
    expect(buildQuery('a '.repeat(40))).toEqual({ error: expect.stringMatching(/too many words/) });
    expect('error' in buildQuery('가'.repeat(MAX_QUERY_LENGTH))).toBe(false);
  });
});
