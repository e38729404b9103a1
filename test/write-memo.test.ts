import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { noteWrite, WriteMemo } from '../src/store/write-generation.js';

describe('WriteMemo (the chapter-ETag memo behind fast 304s)', () => {
  it('serves a memoised value until this process writes, then reloads', () => {
    const db = openDatabase(':memory:');
    const memo = new WriteMemo<string>(db, 60_000);
    let loads = 0;
    const load = () => `v${++loads}`;
    expect(memo.get('k', load)).toBe('v1');
    expect(memo.get('k', load)).toBe('v1');
    noteWrite(db);
    expect(memo.get('k', load)).toBe('v2');
  });

  it('reloads after maxAge, so writes by other processes are seen', () => {
    const db = openDatabase(':memory:');
    let loads = 0;
    const fresh = new WriteMemo<number>(db, 0);
    expect([fresh.get('k', () => ++loads), fresh.get('k', () => ++loads)]).toEqual([1, 2]);
  });

  it('does not keep misses, so a chapter created later is found at once', () => {
    const db = openDatabase(':memory:');
    const memo = new WriteMemo<string>(db, 60_000);
    expect(memo.get('k', () => undefined)).toBeUndefined();
    expect(memo.get('k', () => 'now here')).toBe('now here');
  });
});
