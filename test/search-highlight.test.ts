import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlight, SNIPPET_LENGTH } from '../src/search/highlight.js';

describe('highlight', () => {
  it('marks the noun but not its particle', () => {
    const h = highlight('소켓은 프로세스의 문이다.', ['소켓']);
    expect(h.highlights).toEqual([{ start: 0, end: 2 }]);
    expect(h.snippet).toBe('<mark>소켓</mark>은 프로세스의 문이다.');
  });

  it('merges the overlapping bigram matches of a long word into one span', () => {
    const text = '소켓 인터페이스를 쓴다';
    const h = highlight(text, ['인터페이스']);
    expect(h.highlights).toEqual([{ start: 3, end: 8 }]);
    expect(text.slice(3, 8)).toBe('인터페이스');
  });

  it('marks IP주소 as one span when both words match', () => {
    expect(highlight('IP주소를 찾는다', ['ip', '주소']).highlights).toEqual([{ start: 0, end: 4 }]);
  });

  it('keeps offsets into the original text when lowercasing changes length', () => {
    const text = 'İSTANBUL 리전의 서버';
    const h = highlight(text, ['i̇stanbul', '서버']);
    expect(h.highlights.map((s) => text.slice(s.start, s.end))).toEqual(['İSTANBUL', '서버']);
  });

  it('marks a one-syllable word at the end of a compound and choseong matches', () => {
    expect(highlight('통신망 혼잡', ['망']).highlights).toEqual([{ start: 2, end: 3 }]);
    expect(highlight('소켓은 문', ['ㅅㅋ']).highlights).toEqual([{ start: 0, end: 2 }]);
  });

  it('escapes HTML around the marks', () => {
    const h = highlight('<script>alert("x")</script> & 소켓', ['소켓']);
    expect(h.snippet).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>소켓</mark>');
  });

  it('windows the snippet around the first match while highlights stay full-text offsets', () => {
    const text = `${'앞 문장입니다. '.repeat(30)}로컬 DNS 서버는 질의를 받는다. ${'뒤 문장입니다. '.repeat(30)}`;
    const h = highlight(text, ['dns']);
    const [span] = h.highlights;
    expect(text.slice(span!.start, span!.end)).toBe('DNS');
    expect(h.snippetStart).toBeGreaterThan(0);
    expect(h.snippetEnd - h.snippetStart).toBeLessThanOrEqual(SNIPPET_LENGTH);
    expect(h.snippet.startsWith('…')).toBe(true);
    expect(h.snippet.endsWith('…')).toBe(true);
    expect(h.snippet).toContain('로컬 <mark>DNS</mark> 서버는');
  });

  it('shows the start of the text when nothing matches', () => {
    const h = highlight('x'.repeat(500), ['소켓']);
    expect(h.highlights).toEqual([]);
    expect(h.snippet).toBe(`${'x'.repeat(SNIPPET_LENGTH)}…`);
  });

  it('never throws and returns sorted, disjoint, in-bounds spans for any text and terms', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }), (text, terms) => {
        const h = highlight(text, terms);
        let last = -1;
        for (const s of h.highlights) {
          expect(s.start).toBeGreaterThan(last);
          expect(s.end).toBeGreaterThan(s.start);
          last = s.end;
        }
        expect(last).toBeLessThanOrEqual(text.normalize('NFC').length);
        expect(h.snippet).not.toMatch(/<(?!\/?mark>)/);
      }),
    );
  });
});
