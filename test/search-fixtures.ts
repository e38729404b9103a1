// Notes written for the search tests, on top of the seed: particles glued to
// nouns, spacing variants, mixed Korean/English, key terms, and one note
// saved as NFD the way macOS editors write it.
import type { Db } from '../src/store/database.js';
import type { DocumentWriter } from '../src/store/document-writer.js';
import { note, seededDb } from './helpers.js';

export const EXTRA_COURSE = 'networking-extra';

export const TRANSPORT = `---
chapter: "3"
---
# 전송 계층
## 3.1 포트 번호와 다중화
- 포트 번호는 호스트 안에서 메시지를 받을 프로세스를 식별한다.
- 클라이언트는 서버의 포트와 IP주소를 알아야 연결할 수 있다.
- **다중화**는 여러 소켓의 데이터를 모아 세그먼트로 만드는 일이다.
## 3.2 UDP
- UDP는 연결 설정 없이 데이터그램을 보낸다.
- UDP 체크섬은 세그먼트의 비트 오류를 검출한다.
## 3.3 TCP 혼잡 제어
- 통신망의 혼잡을 제어하는 것은 전송 계층의 역할이다.
- TCP 연결은 3-way 핸드셰이크로 시작된다.
- **공개키** 암호는 전송 계층 보안에 쓰인다.
`;

export const ROUTING_NFD = `---
chapter: "4"
---
# 라우팅
## 4.1 포워딩
- 라우터는 포워딩 테이블을 보고 패킷을 다음 링크로 전달한다.
- 링크 상태 알고리즘은 다익스트라 알고리즘으로 최단 경로를 계산한다.
- **BGP**는 자율 시스템 사이의 경로 정보를 교환한다.
`.normalize('NFD');

export const WEB = `---
chapter: "2"
---
# 웹과 HTTP
## 웹 캐시
- 웹 캐시는 프록시 서버라고도 불리며 응답 시간을 줄인다.
- **쿠키**를 사용하면 서버가 사용자 상태를 기억할 수 있다.
- HTTP는 TCP 위에서 동작하는 비상태 프로토콜이다.
- CDN은 콘텐츠를 사용자와 가까운 서버에 복제한다.
- 조건부 GET은 캐시된 객체가 최신인지 확인한다.
`;

export function addSearchFixtures(writer: DocumentWriter): void {
  writer.save(note(EXTRA_COURSE, 'ch03-transport.md', TRANSPORT));
  writer.save(note(EXTRA_COURSE, 'ch04-routing.md', ROUTING_NFD));
  writer.save(note(EXTRA_COURSE, 'ch02-web.md', WEB));
}

/** The seed plus the notes above. */
export function searchDb(): { db: Db; writer: DocumentWriter } {
  const seeded = seededDb();
  addSearchFixtures(seeded.writer);
  return seeded;
}

