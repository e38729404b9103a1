// Relevance on a hand-judged query set over the seed plus test/search-fixtures.ts.
// Each query lists what a reader would want to see: `=text` is an exact hit
// text, anything else a distinctive part of one. recall@5 = judged answers
// found in the top 5 / min(answers, 5); MRR = mean 1/rank of the first one.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SEARCH_DEFAULT_LIMIT } from '../src/schemas/search.js';
import { searchNotes } from '../src/search/search-notes.js';
import { SearchReader } from '../src/store/search-reader.js';
import { searchDb } from './search-fixtures.js';

const SOCKET = ['소켓은 네트워크에서', '소켓에 대한', '소켓을 떠나', '소켓 인터페이스는', '인터넷 소켓'];
const JUDGED: Array<[query: string, answers: string[]]> = [
  ['소켓', ['소켓은 네트워크에서']],
  ['소켓은', ['소켓은 네트워크에서']],
  ['소켓 인터페이스', ['소켓 인터페이스는 소켓이']],
  ['socket', ['=Socket', '=socket']],
  ['socket interface', ['socket interface를 통해']],
  ['peer', ['직접적인 통신을 하는 호스트들을 peer라고']],
  ['Peer-to-Peer', ['=Peer-to-Peer Architecture']],
  ['P2P 아키텍처', ['P2P 아키텍처의', 'P2P 아키텍처는']],
  ['자가 확장성', ['=자가 확장성']],
  ['자가확장성', ['=자가 확장성']],
  ['로컬 DNS 서버', ['로컬 DNS 서버는 서버의 계층', '호스트의 로컬 DNS 서버는']],
  ['DNS', ['=DNS']],
  ['default name server', ['default name server']],
  ['ISP', ['각 ISP는', '호스트가 ISP에']],
  ['IP 주소', ['주소(IP 주소)', 'IP 주소가 변경', 'IP 주소들을']],
  ['IP주소', ['주소(IP 주소)', 'IP 주소가 변경', 'IP주소를 알아야']],
  ['서버 farm', ['=대규모 서버 farm']],
  ['데이터 센터', ['데이터 센터라고']],
  ['Client-Server', ['=Client-Server Architecture']],
  ['프로세스', ['=프로세스']],
  ['프로세스 간 통신', ['프로세스 간 통신 규칙', '프로세스 간의 통신은']],
  ['운영체제', ['운영체제에 의해']],
  ['메시지 교환', ['메시지를 교환하여']],
  ['송신 프로세스', ['송신 프로세스는']],
  ['소프트웨어 인터페이스', ['소켓은 네트워크에서']],
  ['통제권', ['완전한 통제권']],
  ['라우터', ['과정(라우터, 링크 등)', '라우터는 포워딩']],
  ['전송 계층', ['=전송 계층', '전송 계층에 접근', '전송 계층의 역할']],
  ['규칙 세트', ['규칙 세트다', '규칙 세트를 지정']],
  ['인터넷 서비스', ['인터넷 서비스 중 하나']],
  ['주소 지정', ['=주소 지정']],
  ['ㅅㅋ', SOCKET],
  ['ㄷㅇㅅㅌㄹ', ['다익스트라']],
  ['ㅍㄹㅅㅅ', ['=프로세스']],
  ['thzpt', SOCKET],
  ['vmfhtptm', ['=프로세스']],
  ['포트번호', ['포트 번호는', '=포트 번호와 다중화']],
  ['포트 번호', ['포트 번호는', '=포트 번호와 다중화']],
  ['체크섬', ['UDP 체크섬은']],
  ['UDP', ['=UDP', 'UDP는 연결']],
  ['TCP 연결', ['TCP 연결은 3-way']],
  ['3-way', ['3-way 핸드셰이크']],
  ['핸드셰이크', ['3-way 핸드셰이크']],
  ['혼잡 제어', ['=TCP 혼잡 제어', '혼잡을 제어하는']],
  ['망', ['통신망의']],
  ['공개키', ['=공개키', '공개키 암호는']],
  ['다중화', ['=다중화', '다중화는 여러 소켓', '=포트 번호와 다중화']],
  ['라우터는', ['라우터는 포워딩']],
  ['포워딩 테이블', ['포워딩 테이블을']],
  ['BGP', ['=BGP', 'BGP는 자율']],
  ['최단 경로', ['최단 경로를']],
  ['다익스트라 알고리즘', ['다익스트라 알고리즘으로']],
  ['웹 캐시', ['=웹 캐시', '웹 캐시는 프록시']],
  ['프록시 서버', ['프록시 서버라고도']],
  ['쿠키', ['=쿠키', '쿠키를 사용하면']],
  ['http tcp', ['HTTP는 TCP 위에서']],
  ['CDN', ['CDN은 콘텐츠를']],
  ['조건부 GET', ['조건부 GET은']],
  ['비상태 프로토콜', ['비상태 프로토콜이다']],
  ['세그먼트', ['세그먼트로 만드는', '세그먼트의 비트']],
  ['캐시된 객체', ['캐시된 객체가']],
];

const { db } = searchDb();
afterAll(() => db.close());
const reader = new SearchReader(db);

const matches = (text: string, answer: string) => (answer.startsWith('=') ? text === answer.slice(1) : text.includes(answer));

function measure(run: (q: string) => string[]): { recall: number; mrr: number; misses: string[] } {
  let recall = 0;
  let mrr = 0;
  const misses: string[] = [];
  for (const [q, answers] of JUDGED) {
    const texts = run(q);
    const top5 = texts.slice(0, 5);
    const found = answers.filter((a) => top5.some((t) => matches(t, a))).length;
    recall += found / Math.min(answers.length, 5);
    const rank = texts.findIndex((t) => answers.some((a) => matches(t, a)));
    mrr += rank >= 0 ? 1 / (rank + 1) : 0;
    if (found < Math.min(answers.length, 5) || rank !== 0) misses.push(`${q} (first answer at ${rank + 1})`);
  }
  return { recall: recall / JUDGED.length, mrr: mrr / JUDGED.length, misses };
}

function ours(q: string): string[] {
  const r = searchNotes(reader, { q, limit: SEARCH_DEFAULT_LIMIT });
  if ('error' in r) throw new Error(r.error);
  return r.items.map((i) => i.text);
}

/** Stock FTS5: unicode61 over the stored text, each query word quoted, ANDed, bm25. */
function stockUnicode61(): (q: string) => string[] {
  const stock = new Database(':memory:');
  stock.exec("CREATE VIRTUAL TABLE s USING fts5(text, tokenize = 'unicode61')");
  const texts = db
    .prepare(`SELECT title AS text FROM topics UNION ALL SELECT text FROM concepts UNION ALL SELECT term FROM terms
      UNION ALL SELECT coalesce(label, target) FROM figures`)
    .all() as { text: string }[];
  const insert = stock.prepare('INSERT INTO s (text) VALUES (?)');
  for (const { text } of texts) insert.run(text);
  const select = stock.prepare<[string], { text: string }>('SELECT text FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT 20');
  return (q) => {
    const words = q.normalize('NFC').split(/\s+/).filter(Boolean);
    return select.all(words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' AND ')).map((r) => r.text);
  };
}

describe('search relevance on the judged query set', () => {
  it(`finds what a reader wants in the top 5 for ${JUDGED.length} judged queries`, () => {
    expect(JUDGED.length).toBeGreaterThanOrEqual(40);
    const result = measure(ours);
    const baseline = measure(stockUnicode61());
    console.log(
      `search relevance over ${JUDGED.length} queries: recall@5 ${result.recall.toFixed(3)}, MRR ${result.mrr.toFixed(3)}` +
        ` (stock unicode61: recall@5 ${baseline.recall.toFixed(3)}, MRR ${baseline.mrr.toFixed(3)})` +
        (result.misses.length ? `\n  not every answer in the top 5, or not first: ${result.misses.join('; ')}` : ''),
    );
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.mrr).toBeGreaterThanOrEqual(0.9);
  });
});
