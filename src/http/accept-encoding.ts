export type PrecompressedEncoding = 'br' | 'gzip';

/**
 * Picks br or gzip from an Accept-Encoding header (RFC 9110 §12.5.3), or
 * null for identity; anything else (deflate) is left to @fastify/compress.
 */
export function preferredEncoding(header: string | string[] | undefined): PrecompressedEncoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name, weight === undefined ? 1 : Number(weight) || 0);
  }
  const weightOf = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}
