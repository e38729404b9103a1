/**
 * Strong ETags derived from stored content versions, never from response
 * bytes, so a 304 costs one indexed lookup and no assembly or hashing.
 * Chapters use the `etag` column the writer maintains; documents and the
 * items in them use the current revision's content hash.
 */
export function etagOf(version: string): string {
  return `"${version}"`;
}

export function documentVersion(contentHash: string, revision: number): string {
  return `${revision}-${contentHash.slice(0, 24)}`;
}

/** RFC 9110 If-None-Match: a list of (possibly weak) tags, or `*`. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** RFC 9110 If-Match uses strong comparison: weak tags never match. */
export function ifMatchHits(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim() === etag);
}
