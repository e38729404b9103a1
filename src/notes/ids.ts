import { createHash } from 'node:crypto';

/**
 * Stable ids: a hash of what identifies an item, never of its position, so
 * re-ingesting the same notes changes no id and editing one topic leaves the
 * others alone. Frontends and LMS deep links store these.
 */
export function stableId(prefix: string, ...parts: (string | number)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(String(part)).update('\u0000');
  return `${prefix}_${hash.digest('hex').slice(0, 20)}`;
}

/** Numbers repeated keys (two `## Overview` headings) so each still gets its own id. */
export class Occurrences {
  private readonly seen = new Map<string, number>();

  next(key: string): number {
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return n;
  }
}

export function documentId(course: string, path: string): string {
  return stableId('d', course, path);
}

export function chapterId(course: string, chapter: string): string {
  return stableId('ch', course, chapter);
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
