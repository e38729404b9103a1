import { createHash, hash } from 'node:crypto';

/**
 * Stable ids: a hash of what identifies an item, never of its position, so
 * re-ingesting the same notes changes no id and editing one topic leaves the
 * others alone. Frontends and LMS deep links store these.
 */
export function stableId(prefix: string, ...parts: (string | number)[]): string {
  // One-shot hashing: this runs for every item of every note ingested.
  return `${prefix}_${hash('sha256', parts.join('\u0000'), 'hex').slice(0, 20)}`;
}

/**
 * An item's id: its document's hash prefix, then its own. Items of one note
 * thus sit together in every id index, so writing a note touches a few index
 * pages instead of one random page per item.
 */
export function itemId(prefix: string, documentId: string, key: string, occurrence: number): string {
  const own = hash('sha256', `${documentId}\u0000${key}\u0000${occurrence}`, 'hex');
  return `${prefix}_${documentId.slice(documentId.indexOf('_') + 1, documentId.indexOf('_') + 9)}${own.slice(0, 14)}`;
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
