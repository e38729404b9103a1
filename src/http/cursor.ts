import { HttpProblem } from './problem.js';

/**
 * Opaque page cursors: base64url JSON naming the list they belong to and the
 * last key served. Clients must not build them; anything that does not decode
 * to a cursor of this list is a 400 naming `query.cursor`.
 */
export function encodeCursor(list: string, after: string | number): string {
  return Buffer.from(JSON.stringify({ l: list, a: after }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, list: string): string | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    // Round-trip check: Buffer.from ignores bad characters and padding silently.
    if (Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw new Error('not canonical');
    parsed = JSON.parse(text);
  } catch {
    throw badCursor('is not a cursor returned by this API');
  }
  if (typeof parsed !== 'object' || parsed === null || !('l' in parsed) || !('a' in parsed)) {
    throw badCursor('is not a cursor returned by this API');
  }
  if (parsed.l !== list) throw badCursor('belongs to a different list');
  if (typeof parsed.a !== 'string' && typeof parsed.a !== 'number') throw badCursor('is not a cursor returned by this API');
  return String(parsed.a);
}

export function badCursor(reason: string): HttpProblem {
  return new HttpProblem(400, 'Bad Request', `query.cursor: ${reason}`, {
    invalidParams: [{ name: 'query.cursor', reason }],
  });
}

/** Cuts a list fetched with limit + 1 rows into a page and the cursor for the next. */
export function pageOf<T>(rows: T[], limit: number, list: string, keyOf: (row: T) => string | number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(list, keyOf(last)) : null };
}
