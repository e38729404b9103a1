// End-to-end against real SQLite FTS5: our tokens in unicode61 columns, our
// MATCH strings, bm25 ranking, and the strict -> loose -> alternatives order
// the search store is expected to follow. (Initial-consonant queries need the store's
// table of bigrams by initials: test/search-initials.test.ts.)
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildQuery } from '../src/search/query.js';
import { indexText } from '../src/search/tokenize.js';

const SENTENCES = [
  '로컬 DNS 서버는 호스트의 질의를 받아 루트 DNS 서버부터 차례로 물어본다.',
  '소켓은 프로세스가 네트워크로 메시지를 보내고 받는 소프트웨어 인터페이스이다.',
  '포트 번호는 호스트 안에서 메시지를 받을 프로세스를 식별한다.',
  'IP주소를 알면 네트워크에서 호스트를 찾을 수 있다.',
  'P2P 아키텍처에서는 peer가 서로 직접 통신한다.',
  'HTTP는 TCP 위에서 동작하는 비상태 프로토콜이다.',
  'DNS는 호스트 이름을 IP 주소로 변환하는 분산 데이터베이스이다.',
  '웹 캐시는 프록시 서버라고도 불리며 응답 시간을 줄인다.',
  'TCP 연결은 3-way 핸드셰이크로 시작된다.',
  'UDP는 연결 설정 없이 데이터그램을 보낸다.',
  'SMTP 서버는 메일을 다른 메일 서버로 전달한다.',
  '쿠키를 사용하면 서버가 사용자 상태를 기억할 수 있다.',
  'BitTorrent에서 각 Peer는 파일 조각을 교환한다.',
  '클라이언트는 서버의 포트와 주소를 알아야 연결할 수 있다.',
  '애플리케이션 계층 프로토콜은 메시지의 형식과 순서를 정의한다.',
  '통신망의 혼잡을 제어하는 것은 전송 계층의 역할이다.',
  'CDN은 콘텐츠를 사용자와 가까운 서버에 복제한다.',
  '권한 있는 DNS 서버는 도메인의 실제 레코드를 가지고 있다.',
  'Socket API는 운영체제가 제공한다.',
  '데이터 센터에는 대규모 서버 farm이 있다.',
];

const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE notes_fts USING fts5(
  body UNINDEXED, terms, tokenize='unicode61 remove_diacritics 0'
)`);
const insert = db.prepare('INSERT INTO notes_fts (rowid, body, terms) VALUES (?, ?, ?)');
// NFD bodies, as macOS editors save them, must index like NFC.
SENTENCES.forEach((s, i) => insert.run(i + 1, s, indexText(s.normalize('NFD'))));
afterAll(() => db.close());

const select = db.prepare<[string], { id: number }>(
  'SELECT rowid AS id FROM notes_fts WHERE notes_fts MATCH ? ORDER BY bm25(notes_fts)',
);
const ids = (match: string) => select.all(match).map((r) => r.id);

/** The order a search store should follow: strict, then loose, then alternatives. */
function search(q: string): { stage: string; ids: number[] } {
  const built = buildQuery(q);
  if ('error' in built) throw new Error(built.error);
  for (const set of [built, ...built.alternatives]) {
    const stage = set === built ? '' : 'alternative ';
    const strict = ids(set.strict);
    if (strict.length) return { stage: `${stage}strict`, ids: strict };
    const loose = ids(set.loose);
    if (loose.length) return { stage: `${stage}loose`, ids: loose };
  }
  return { stage: 'none', ids: [] };
}

describe('FTS search over Korean/English notes', () => {
  it.each([
    ['소켓', [2]],
    ['소켓은', [2]],
    ['DNS 서버', [1, 18]],
    ['로컬 DNS 서버', [1]],
    ['peer', [5, 13]],
    ['IP 주소', [4, 7]],
    ['ip주소', [4, 7]],
    ['인터페이스', [2]],
    ['망', [16]],
    ['socket', [19]],
  ])('"%s" finds sentences %j', (q, expected) => {
    const result = search(q);
    expect(result.stage).toBe('strict');
    expect([...result.ids].sort((a, b) => a - b)).toEqual(expected);
  });

  it('ranks the note with both words first when "포트번호" only matches via the fallback', () => {
    const result = search('포트번호');
    expect(result.stage).toBe('loose');
    expect(result.ids[0]).toBe(3);
    expect(result.ids).toContain(14);
  });

  it('finds 소켓 when typed as "thzpt" in English keyboard mode', () => {
    expect(search('thzpt')).toEqual({ stage: 'alternative strict', ids: [2] });
  });

  it('finds nothing, without an SQLite error, for words that are not in the notes', () => {
    expect(search('라우터')).toEqual({ stage: 'none', ids: [] });
  });
});

describe('buildQuery output is always valid FTS5', () => {
  const FRAGMENTS = [
    '"', '""', '*', '(', ')', ':', '-', '^', '+', '{', '}', '[', ']', ' ', 'NEAR', 'NEAR(', 'AND', 'OR',
    'NOT', 'terms', 'choseong', 'body:', '소켓', '은', 'ㅅㅋ', 'ㄱ', 'dns', '\u0000', '\uD800', '\uDC00',
    '😀', 'שלום', 'مرحبا', '\u202E', '\u0301', 'İ', ',', '.', "'", '\\', '%', '_',
  ];
  const inputs = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join('')),
    // Latin letters, as typed with the keyboard in English mode: the qwerty reading runs on these ('hkc' once threw).
    fc.stringMatching(/^[a-zA-Z ]{1,12}$/),
  );

  it('never throws and every MATCH it returns executes', () => {
    fc.assert(
      fc.property(inputs, (q) => {
        const built = buildQuery(q);
        if ('error' in built) return;
        for (const set of [built, ...built.alternatives]) {
          expect(() => ids(set.strict)).not.toThrow();
          expect(() => ids(set.loose)).not.toThrow();
        }
      }),
      { numRuns: 500 },
    );
  });
});
