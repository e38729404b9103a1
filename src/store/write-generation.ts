import type { Db } from './database.js';

const generations = new WeakMap<Db, number>();

/** Called by the writer on every write through this connection. */
export function noteWrite(db: Db): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

/**
 * A memo for per-request lookups (a chapter's ETag) that would otherwise
 * cost a SQLite read on every 304. An entry is dropped by any write through
 * this process's connection at once, and after `maxAgeMs` in any case, which
 * bounds how long a write by another process (the ingest CLI, another
 * worker) can go unseen. Only hits are kept, and at most `maxEntries`.
 */
export class WriteMemo<T> {
  private readonly entries = new Map<string, { value: T; generation: number; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly maxAgeMs = 50,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, load: () => T | undefined): T | undefined {
    const generation = generations.get(this.db) ?? 0;
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.generation === generation && now - entry.at < this.maxAgeMs) return entry.value;
    const value = load();
    if (value === undefined) {
      this.entries.delete(key);
      return undefined;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, generation, at: now });
    return value;
  }
}
