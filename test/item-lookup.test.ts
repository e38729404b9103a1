import { describe, expect, it } from 'vitest';
import { documentIdRange } from '../src/notes/ids.js';
import { openDatabase } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';
import { ItemReader } from '../src/store/item-reader.js';
import { ROWID_RANGE } from '../src/store/search-index.js';
import { SearchReader } from '../src/store/search-reader.js';
import { note } from './helpers.js';

// Item ids have no index (migrations/006): a look-up goes through the document
// the id's first hex digits name. These two paths give document ids with the
// same first 8 hex digits (found by search), the case where that prefix names
// more than one document.
const TWINS = ['note-1513.md', 'note-94681.md'];

function twinDb() {
  const db = openDatabase(':memory:');
  const writer = new DocumentWriter(db);
  const notes = TWINS.map((path, i) =>
    note('algorithms', path, `---\nchapter: ${i + 1}\n---\n# 정렬 ${i}\n- **퀵 정렬** ${i}\n  - 분할 정복 ${i}\n![[fig${i}.png]]\n`),
  );
  writer.saveMany(notes);
  return { db, notes };
}

describe('finding an item by its id', () => {
  it('tells apart two documents whose ids share the prefix item ids carry', () => {
    const { db, notes } = twinDb();
    const [a, b] = notes.map((n) => n.documentId);
    expect(a!.slice(0, 10)).toBe(b!.slice(0, 10));
    expect(a).not.toBe(b);
    const reader = new ItemReader(db);
    for (const [i, n] of notes.entries()) {
      const concepts = db.prepare('SELECT id FROM concepts WHERE seq >> 23 = (SELECT seq FROM documents WHERE id = ?) ORDER BY seq').pluck().all(n.documentId) as string[];
      const topic = db.prepare('SELECT id FROM topics WHERE seq >> 23 = (SELECT seq FROM documents WHERE id = ?)').pluck().get(n.documentId) as string;
      const figure = db.prepare('SELECT id FROM figures WHERE seq >> 23 = (SELECT seq FROM documents WHERE id = ?)').pluck().get(n.documentId) as string;
      expect(concepts).toHaveLength(2);
      for (const id of concepts) expect(reader.find('concept', id)).toMatchObject({ documentId: n.documentId, chapter: String(i + 1) });
      expect(reader.find('topic', topic)).toMatchObject({ documentId: n.documentId });
      expect(reader.find('figure', figure)).toMatchObject({ documentId: n.documentId });
      // The right kind only.
      expect(reader.find('topic', concepts[0]!)).toBeUndefined();
    }
  });

  it('finds nothing for ids that are not item ids, or whose document is deleted', () => {
    const { db, notes } = twinDb();
    const reader = new ItemReader(db);
    const id = db.prepare('SELECT id FROM concepts ORDER BY seq LIMIT 1').pluck().get() as string;
    for (const bad of ['', 'c_', 'c_zzzzzzzz', `${id}0`, id.toUpperCase(), `${id.slice(0, -1)}%`, 'd_' + id.slice(2)]) {
      expect(reader.find('concept', bad)).toBeUndefined();
    }
    expect(documentIdRange('c_0123abcd0123456789abcd')).toEqual(['d_0123abcd', 'd_0123abcdg']);
    expect(reader.find('concept', id)).toBeDefined();
    new DocumentWriter(db).delete(notes[0]!.documentId);
    expect(reader.find('concept', id)).toBeUndefined();
  });

  it("places a key term's hit on its concept, with the topic chain from the term's own document", () => {
    const { db } = twinDb();
    const search = new SearchReader(db);
    const terms = db.prepare('SELECT seq, concept_id FROM terms ORDER BY seq').all() as { seq: number; concept_id: string }[];
    expect(terms).toHaveLength(2);
    for (const [i, term] of terms.entries()) {
      const place = search.place(ROWID_RANGE.term[0] + term.seq)!;
      expect(place).toMatchObject({ itemId: term.concept_id, chapter: String(i + 1) });
      expect(search.topicChain(place).map((t) => t.title)).toEqual([`정렬 ${i}`]);
    }
  });
});
