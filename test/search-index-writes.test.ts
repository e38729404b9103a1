import { describe, expect, it } from 'vitest';
import type { CompiledNote } from '../src/ingest/compile-note.js';
import { CompilePool } from '../src/ingest/compile-pool.js';
import type { Db } from '../src/store/database.js';
import { indexDocument } from '../src/store/search-index.js';
import { SearchReader } from '../src/store/search-reader.js';
import { note, postings, seededDb } from './helpers.js';

// The writer stages search rows in memory and writes them in rowid order once
// per transaction (search-index.ts SearchRows). Whatever the sequence of
// writes, the index must hold exactly what indexing every current document
// from its stored items would give.

function rebuilt(db: Db): string[] {
  db.exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all')");
  const docs = db.prepare('SELECT id FROM documents WHERE deleted_at IS NULL').pluck().all() as string[];
  for (const id of docs) indexDocument(db, id);
  return postings(db);
}

const v1 = note('c', 'a.md', '---\nchapter: 1\n---\n# 소켓 정리\n- **소켓**은 프로세스와 네트워크 사이의 문이다\n- TCP 연결 ![[socket.png]]\n');
const v2 = note('c', 'a.md', '---\nchapter: 1\n---\n# 포트 번호\n- 포트는 **프로세스**를 가리킨다\n');
const other = note('c', 'b.md', '---\nchapter: 2\n---\n# DNS\n- 도메인 이름을 IP 주소로 바꾼다\n');

describe('the search index written with the items', () => {
  it('matches a rebuild after a batch that writes one note twice and fails another', () => {
    const { db, writer } = seededDb();
    // A second concept row without an id (NOT NULL) fails the note's savepoint half-way through its items.
    const { rows } = other;
    const broken: CompiledNote = { ...other, documentId: 'd_broken', path: 'broken.md', rows: { ...rows, concepts: [...rows.concepts, null, ...rows.concepts.slice(1)] } };
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
    // Text outside the tokenizer's fast path (Han, kana, accents, emoji, leftover jamo), then edited away:
    // its rows are deleted with the values they were indexed with, recomputed from the stored text.
    writer.save(note('c', 'd.md', '---\nchapter: 4\n---\n# 網路 ネットワーク\n- café **naïve** Ωmega ㅋㅋ 😀 소켓\n'));
    writer.save(note('c', 'd.md', '---\nchapter: 4\n---\n# 網路\n- 소켓\n'));
    writer.delete(v2.documentId);
    expect(postings(db)).toEqual(rebuilt(db));
    db.close();
  });

  it('indexes the same words whether a note was compiled by a parser worker or in-process', async () => {
    const a = seededDb();
    const b = seededDb();
    const pool = new CompilePool(1);
    try {
      a.writer.saveMany([v1, other]);
      const pooled = await Promise.all([v1, other].map((c) => pool.compile({ course: c.course, path: c.path }, c.bytes, c.hash)));
      b.writer.saveMany(pooled);
      expect(postings(a.db).length).toBeGreaterThan(0);
      expect(postings(b.db)).toEqual(postings(a.db));
    } finally {
      pool.close();
      a.db.close();
      b.db.close();
    }
  });

  it("lists the index's terms that start with a prefix, for prefix queries, or null past a cap", () => {
    const { db, writer } = seededDb();
    writer.save(v1);
    const reader = new SearchReader(db);
    const terms = reader.termsStartingWith('소', 100)!;
    expect(terms).toContain('소켓');
    expect(terms.every((t) => t.startsWith('소'))).toBe(true);
    expect(reader.termsStartingWith('소', terms.length)).toEqual(terms);
    expect(reader.termsStartingWith('소', terms.length - 1)).toBeNull();
    // Initials are not index terms (migrations/009): the Hangul tokens are listed by their initials instead.
    expect(reader.termsStartingWith('\u00b7ㅅ', 100)).toEqual([]);
    expect(reader.termsStartingWith('ㅅㅋ', 100)).toEqual([]);
    expect(reader.termsWithInitials('ㅅㅋ', 100)).toEqual({ terms: expect.arrayContaining(['소켓']), more: false });
    expect(reader.termsWithInitials('ㅅ', 100).terms).toEqual(expect.arrayContaining(['소켓', '세스']));
    expect(reader.termsWithInitials('ㅅ', 1)).toEqual({ terms: [expect.any(String)], more: true });
    db.close();
  });
});
