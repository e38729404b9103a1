import { hash } from 'node:crypto';

/**
 * The ids of one document's items: the n-th item of a kind with a given key
 * (two `## Overview` headings) gets exactly itemId(kind, documentId, key, n)
 * (ids.ts), computed with less work per item, which matters at 100+ items a note:
 * the document's part of the id and of the hashed text is built once, and
 * repeats are found by the first bits of the occurrence-0 hash that every
 * first occurrence needs anyway, instead of by hashing each key (whole
 * sentences for concepts) into a Map. Equal keys share a bucket, and keys in a
 * bucket are compared exactly, so a collision of those bits changes nothing.
 * test/item-ids.test.ts checks this against itemId.
 */
export class ItemIds {
  private readonly scope: string;
  private readonly head: string;
  private readonly heads = new Map<string, string>();
  private readonly buckets = new Map<string, Map<number, string | [key: string, count: number][]>>();

  constructor(
    documentId: string,
    /** How many bits of the hash pick a bucket; fewer only to test collisions. */
    private readonly bucketBits = 28,
  ) {
    const cut = documentId.indexOf('_');
    this.scope = `${documentId}\u0000`;
    this.head = documentId.slice(cut + 1, cut + 9);
  }

  next(kind: string, key: string): string {
    const first = hash('sha256', `${this.scope}${key}\u00000`, 'hex');
    const occurrence = this.count(kind, key, bucketOf(first, this.bucketBits));
    const own = occurrence === 0 ? first : hash('sha256', `${this.scope}${key}\u0000${occurrence}`, 'hex');
    return this.headOf(kind) + own.slice(0, 14);
  }

  /** How many items of `kind` with `key` came before (and counts this one). */
  private count(kind: string, key: string, bucket: number): number {
    let buckets = this.buckets.get(kind);
    if (!buckets) this.buckets.set(kind, (buckets = new Map()));
    const seen = buckets.get(bucket);
    if (seen === undefined) {
      buckets.set(bucket, key);
      return 0;
    }
    const entries = typeof seen === 'string' ? [[seen, 1] as [string, number]] : seen;
    if (typeof seen === 'string') buckets.set(bucket, entries);
    for (const entry of entries) {
      if (entry[0] === key) return entry[1]++;
    }
    entries.push([key, 1]);
    return 0;
  }

  private headOf(kind: string): string {
    let head = this.heads.get(kind);
    if (head === undefined) this.heads.set(kind, (head = `${kind}_${this.head}`));
    return head;
  }
}

/** The first `bits` (≤ 28) bits of a lowercase hex digest as a number. */
function bucketOf(hex: string, bits: number): number {
  let n = 0;
  for (let i = 0; i < 7; i++) {
    const c = hex.charCodeAt(i);
    n = (n << 4) | (c <= 0x39 ? c - 0x30 : c - 0x57);
  }
  return n >>> (28 - bits);
}
