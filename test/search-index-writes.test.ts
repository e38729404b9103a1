import { describe, expect, it } from 'vitest';
import type { CompiledNote } from '../src/ingest/compile-note.js';
import { prepareRows } from '../src/ingest/prepare-rows.js';
import type { Db } from '../src/store/database.js';
import { indexDocument } from '../src/store/search-index.js';
import { note, seededDb } from './helpers.js';

// The writer stages search rows in memory and writes them in rowid order once
// per transaction (search-index.ts SearchRows). Whatever the sequence of
// writes, the index must hold exactly what indexing every current document
// from its stored items would give.
function postings(db: Db): string[] {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.postings USING fts5vocab('main', 'search_fts', 'instance')");
  return (db.prepare('SELECT term, doc, col, offset FROM temp.postings ORDER BY doc, col, offset').raw(true).all() as unknown[][]).map((r) => r.join('|'));
}

function rebuilt(db: Db): string[] {
  db.exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all')");
  const docs = db.prepare('SELECT id, course, chapter FROM documents WHERE deleted_at IS NULL').all() as { id: string; course: string; chapter: string }[];
  for (const d of docs) indexDocument(db, d.id, d.course, d.chapter);
  return postings(db);
}

const v1 = note('c', 'a.md', '---\nchapter: 1\n---\n# 소켓 정리\n- **소켓**은 프로세스와 네트워크 사이의 문이다\n- TCP 연결 ![[socket.png]]\n');
const v2 = note('c', 'a.md', '---\nchapter: 1\n---\n# 포트 번호\n- 포트는 **프로세스**를 가리킨다\n');
const other = note('c', 'b.md', '---\nchapter: 2\n---\n# DNS\n- 도메인 이름을 IP 주소로 바꾼다\n');

describe('the search index written with the items', () => {
  it('matches a rebuild after a batch that writes one note twice and fails another', () => {
    const { db, writer } = seededDb();
    const broken: CompiledNote = { ...other, documentId: 'd_broken', path: 'broken.md', note: { ...other.note, concepts: [...other.note.concepts, other.note.concepts[0]!] } };
    const results = writer.saveMany([v1, broken, v2, other]);
    expect(results.map((r) => ('error' in r ? 'error' : r.status))).toEqual(['added', 'error', 'updated', 'added']);
    const written = postings(db);
    expect(written.length).toBeGreaterThan(0);
    expect(written).toEqual(rebuilt(db));
    db.close();
  });

  it('matches a rebuild after single updates, a move and a delete', () => {
    const { db, writer } = seededDb();
    writer.save(v1);
    writer.save(other);
    writer.save(v2);
    writer.save(note('c', 'b.md', '---\nchapter: 3\n---\n# DNS 캐시\n- 캐시는 응답을 재사용한다\n'));
    writer.delete(v2.documentId);
    expect(postings(db)).toEqual(rebuilt(db));
    db.close();
  });

  it('indexes the same words whether the rows were prepared by a parser worker or by the writer', () => {
    const a = seededDb();
    const b = seededDb();
    a.writer.saveMany([v1, other]);
    b.writer.saveMany([v1, other].map((c) => ({ ...c, rows: prepareRows(c.note) })));
    expect(postings(b.db)).toEqual(postings(a.db));
    a.db.close();
    b.db.close();
  });
});
