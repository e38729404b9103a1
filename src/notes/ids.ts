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
 * An item's id: its document's hash prefix, then its own. The prefix is how
 * an item is found by id: it names the document (documentIdRange), whose
 * items are one key range (migrations/006), so item ids need no index.
 */
export function itemId(prefix: string, documentId: string, key: string, occurrence: number): string {
  const own = hash('sha256', `${documentId}\u0000${key}\u0000${occurrence}`, 'hex');
  return `${prefix}_${documentId.slice(documentId.indexOf('_') + 1, documentId.indexOf('_') + 9)}${own.slice(0, 14)}`;
}

const ITEM_ID = /^[a-z]+_([0-9a-f]{8})[0-9a-f]{14}$/;

/**
 * The document ids an item id can belong to, as a range [from, to): those
 * that begin with the item id's 8 hex digits (see itemId). Nearly always one
 * document; null when `id` is not an item id at all.
 */
export function documentIdRange(id: string): [from: string, to: string] | null {
  const head = ITEM_ID.exec(id)?.[1];
  // Hex digits sort below 'g', so every 'd_<head>…' id lies in the range.
  return head ? [`d_${head}`, `d_${head}g`] : null;
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
