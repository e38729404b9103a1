import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemId } from '../src/notes/ids.js';
import { ItemIds } from '../src/notes/item-ids.js';

/** The definition: the n-th item of a kind with a key gets itemId(kind, documentId, key, n). */
function reference(documentId: string, items: [string, string][]): string[] {
  const seen = new Map<string, number>();
  return items.map(([kind, key]) => {
    const n = seen.get(`${kind}\u0000${key}`) ?? 0;
    seen.set(`${kind}\u0000${key}`, n + 1);
    return itemId(kind, documentId, key, n);
  });
}

const items = fc.array(fc.tuple(fc.constantFrom('t', 'c', 'b', 'f'), fc.constantFrom('', 'a', 'b', '소켓', 'x\u0000y', '0', 'A long concept sentence.')), { maxLength: 40 });

describe('item ids', () => {
  it('are itemId with each (kind, key) counted in document order', () => {
    fc.assert(
      fc.property(fc.constantFrom('d_0123456789abcdef0123', 'd_x', 'weird'), items, (documentId, list) => {
        const ids = new ItemIds(documentId);
        expect(list.map(([kind, key]) => ids.next(kind, key))).toEqual(reference(documentId, list));
      }),
      { numRuns: 300 },
    );
  });

  it('stay exact when different keys share a hash bucket', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 3 }), (list, bits) => {
        const ids = new ItemIds('d_0123456789abcdef0123', bits);
        expect(list.map(([kind, key]) => ids.next(kind, key))).toEqual(reference('d_0123456789abcdef0123', list));
      }),
      { numRuns: 300 },
    );
  });
});
