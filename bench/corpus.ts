import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectNoteFiles } from '../src/ingest/collect-files.js';
import { ingestFiles, type IngestOptions } from '../src/ingest/ingest-files.js';
import type { Db } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';

/**
 * Synthetic notes in the seed's style: YAML front matter, Korean sentences
 * with English terms and particles, nested bullets, bold key terms, embeds,
 * figure mentions, the odd pasted paragraph and code block. Deterministic
 * for a given seed so runs compare.
 */
const NOUNS = [
  '소켓', '서버', '클라이언트', '프로세스', '호스트', '주소', '포트', '번호', '메시지', '프로토콜', '계층', '네트워크',
  '애플리케이션', '데이터', '패킷', '라우터', '링크', '연결', '전송', '요청', '응답', '캐시', '쿠키', '세션', '이메일',
  '도메인', '이름', '쿼리', '레코드', '스트림', '버퍼', '혼잡', '흐름', '제어', '신뢰성', '지연', '처리량', '대역폭',
  '인터페이스', '운영체제', '시스템', '사용자', '콘텐츠', '비용', '용량', '구조', '망', '키', '값', '국', '동기화',
];
const ENGLISH = ['TCP', 'UDP', 'HTTP', 'DNS', 'IP', 'peer', 'socket', 'SMTP', 'CDN', 'P2P', 'BitTorrent', 'QUIC', 'TLS', 'API', 'URL'];
const PARTICLES = ['은', '는', '이', '가', '을', '를', '의', '에', '에서', '으로', '와', '과', '도', ''];
const VERBS = ['전달한다', '관리한다', '제공한다', '사용한다', '처리한다', '결정한다', '보여준다', '지정한다', '요청한다', '받는다'];

export interface CorpusOptions {
  notes: number;
  conceptsPerNote: number;
  courses?: number;
  seed?: number;
}

export interface CorpusStats {
  files: number;
  bytes: number;
  concepts: number;
}

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function writeCorpus(dir: string, { notes, conceptsPerNote, courses = 10, seed = 42 }: CorpusOptions): CorpusStats {
  rmSync(dir, { recursive: true, force: true });
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const word = () => (next() < 0.2 ? pick(ENGLISH) : pick(NOUNS)) + pick(PARTICLES);
  const sentence = (words: number) => `${Array.from({ length: words }, word).join(' ')} ${pick(VERBS)}.`;
  let bytes = 0;
  let concepts = 0;
  for (let n = 0; n < notes; n++) {
    const course = `course-${String(n % courses).padStart(2, '0')}`;
    const chapter = Math.floor(n / courses) + 1;
    const lines = ['---', `chapter: ${chapter}`, `title: "${pick(NOUNS)} ${pick(ENGLISH)} 정리"`, `tags: [${pick(ENGLISH).toLowerCase()}]`, '---'];
    let written = 0;
    for (let topic = 1; written < conceptsPerNote; topic++) {
      lines.push(`# ${chapter}.${topic} ${pick(ENGLISH)} ${pick(NOUNS)}`);
      for (let sub = 1; sub <= 2 && written < conceptsPerNote; sub++) {
        lines.push(next() < 0.5 ? `## ${chapter}.${topic}.${sub} ${pick(NOUNS)} ${pick(NOUNS)}` : `## ${pick(ENGLISH)} ${pick(NOUNS)}`);
        const items = Math.min(conceptsPerNote - written, 5 + Math.floor(next() * 6));
        for (let i = 0; i < items; i++, written++) {
          const indent = i > 0 && next() < 0.25 ? '  ' : '';
          const bold = next() < 0.15 ? ` **${pick(NOUNS)} ${pick(NOUNS)}**${pick(PARTICLES)}` : '';
          const mention = next() < 0.05 ? ` (Figure ${chapter}.${topic})` : '';
          lines.push(`${indent}- ${sentence(6 + Math.floor(next() * 8))}${bold}${mention}`);
          if (next() < 0.03) lines.push(`![[figure_${chapter}_${topic}_${i}.png]]`);
        }
        if (next() < 0.1) lines.push('', `프롬프트: ${sentence(10)}`, '');
        if (next() < 0.05) lines.push('```', `curl http://example.com/${pick(ENGLISH)}`, '```');
      }
    }
    const text = `${lines.join('\n')}\n`;
    const folder = join(dir, course);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `ch${String(chapter).padStart(3, '0')}-notes.md`), text);
    bytes += Buffer.byteLength(text);
    concepts += written;
  }
  return { files: notes, bytes, concepts };
}

/** Loads a corpus folder the way `npm run ingest` does (parsing in a CompilePool); returns how many files were rejected. */
export async function loadCorpus(db: Db, dir: string, options: IngestOptions = { batch: 64 }): Promise<number> {
  const writer = new DocumentWriter(db);
  let rejected = 0;
  for await (const outcome of ingestFiles(writer, collectNoteFiles([dir]), options)) if (outcome.status === 'rejected') rejected++;
  return rejected;
}
