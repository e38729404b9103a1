// Initial-consonant search through the store: the index holds no initials
// (migrations/009), so a word of initials is answered from the Hangul bigrams
// listed by their initials in search_initials, and each candidate is checked
// to hold a word whose initials start with it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECK_BUDGET, searchNotes, startsWordWithInitials } from '../src/search/search-notes.js';
import { choseongTokens } from '../src/search/tokenize.js';
import { openDatabase } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';
import { SearchReader } from '../src/store/search-reader.js';
import { note } from './helpers.js';

function store(...notes: Array<[path: string, markdown: string]>) {
  const db = openDatabase(':memory:');
  const writer = new DocumentWriter(db);
  writer.saveMany(notes.map(([path, markdown]) => note('net', path, markdown)));
  const reader = new SearchReader(db);
  const texts = (q: string) => {
    const result = searchNotes(reader, { q, limit: 50 });
    if ('error' in result) throw new Error(result.error);
    return result.items.map((hit) => hit.text).sort();
  };
  return { db, writer, texts };
}

const NOTES: Array<[string, string]> = [
  ['ch1-a.md', '# 소켓\n- 소켓은 프로세스의 문이다\n- 웹소켓은 양방향이다\n- 스키마 설계\n'],
  ['ch2-b.md', '# 다익스트라\n- 다익스트라 알고리즘으로 최단 경로를 찾는다\n- 솜 한 뭉치\n'],
];

describe('a query of initial consonants', () => {
  it('finds the words whose initials start with it, in every kind of row, and not mid-word', () => {
    const { db, texts } = store(...NOTES);
    // 소켓, 소켓은 (and 스키마: ㅅㅋㅁ); not 웹소켓 (ㅇㅅㅋ), where ㅅㅋ is mid-word.
    expect(texts('ㅅㅋ')).toEqual(['소켓', '소켓은 프로세스의 문이다', '스키마 설계']);
    expect(texts('ㅅㅋㅇ')).toEqual(['소켓은 프로세스의 문이다']);
    expect(texts('ㅋㅇ')).toEqual([]); // 켓은 is mid-word in 소켓은
    expect(texts('ㄷㅇㅅㅌㄹ')).toEqual(['다익스트라', '다익스트라 알고리즘으로 최단 경로를 찾는다']);
    expect(texts('ㄷㅇㅅㅌㄹ ㅇㄱㄹㅈ')).toEqual(['다익스트라 알고리즘으로 최단 경로를 찾는다']);
    db.close();
  });

  it('of one initial finds one-syllable words too', () => {
    const { db, texts } = store(...NOTES);
    expect(texts('ㅅ')).toEqual(['소켓', '소켓은 프로세스의 문이다', '솜 한 뭉치', '스키마 설계']);
    db.close();
  });

  it('finds nothing, without an error, when no bigram has a pair of its initials', () => {
    const { db, texts } = store(...NOTES);
    expect(texts('ㅎㅎㅎ')).toEqual([]);
    expect(texts('ㅅㅋㅎ')).toEqual([]);
    db.close();
  });

  it('follows edits: a word written later is found, a word edited away is not', () => {
    const { db, writer, texts } = store(...NOTES);
    expect(texts('ㅍㅌ')).toEqual([]);
    writer.save(note('net', 'ch1-a.md', '# 포트\n- 포트 번호는 프로세스를 가리킨다\n'));
    expect(texts('ㅍㅌ')).toEqual(['포트', '포트 번호는 프로세스를 가리킨다']);
    expect(texts('ㅅㅋ')).toEqual([]); // the other note never had one; this one no longer has
    db.close();
  });

  it('still finds the word when a pair of its initials stands for more bigrams than a query may OR', () => {
    // 1,200 two-syllable words with initials ㅅㅋ (사카, 삭카, …): the 588 syllables of ㅅ before 카, 칵, 칶.
    const words = Array.from({ length: 1200 }, (_, i) => String.fromCharCode(0xc0ac + (i % 588), 0xce74 + Math.floor(i / 588)));
    const { db, texts } = store(['ch3-many.md', `# 단어\n${words.map((w) => `- ${w}`).join('\n')}\n`], ...NOTES);
    const count = db.prepare("SELECT count(*) FROM search_initials WHERE initials = 'ㅅㅋ'").pluck().get() as number;
    expect(count).toBeGreaterThan(1024);
    // The pair ㅋㅇ has few bigrams: the query stands for those alone and checks the whole word.
    expect(texts('ㅅㅋㅇ')).toEqual(['소켓은 프로세스의 문이다']);
    db.close();
  });

  it('reads at most CHECK_BUDGET rows it then rejects: a match past them is not found, one within them is', () => {
    // Rows with ㅅㅋ only mid-word (웹소켓), newer than the one row that starts a word with it.
    const decoys = (n: number) => `# 목록\n${Array.from({ length: n }, (_, i) => `- 웹소켓 ${i}`).join('\n')}\n`;
    const within = store(['ch1-old.md', '- 소켓은 문이다\n'], ['ch2-new.md', decoys(CHECK_BUDGET / 2)]);
    expect(within.texts('ㅅㅋ')).toEqual(['소켓은 문이다']);
    within.db.close();
    const past = store(['ch1-old.md', '- 소켓은 문이다\n'], ['ch2-new.md', decoys(CHECK_BUDGET + 200)]);
    expect(past.texts('ㅅㅋ')).toEqual([]);
    past.db.close();
  });
});

describe('the check that a word starts with the initials', () => {
  it('agrees with the words of initials the tokenizer finds', () => {
    const syllables = fc.constantFrom('소', '켓', '은', '웹', '프', '로', '세', '스', '가', 'a', ' ', '.', 'ㅋ', '漢');
    fc.assert(
      fc.property(fc.array(syllables, { maxLength: 12 }).map((p) => p.join('')), fc.constantFrom('ㅅㅋ', 'ㅅ', 'ㅋㅇ', 'ㅍㄹㅅㅅ', 'ㅇㅅㅋ', 'ㄱ'), (text, initials) => {
        const expected = choseongTokens(text).some((word) => word.term.startsWith(initials));
        expect(startsWordWithInitials(text, initials)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

