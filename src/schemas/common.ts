import { z } from 'zod';
import { Problem } from '../http/problem.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/**
 * A non-negative decimal integer as written in a query string. Stricter than
 * `z.coerce.number()`, which would accept `1e3`, `0x10`, ` 5` and `1.0`; an
 * array (a repeated parameter) fails the string check.
 */
export const queryInteger = (min: number, max: number, description: string) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,8})$/, 'must be a decimal integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .describe(description);

export const Limit = queryInteger(1, MAX_LIMIT, `Items per page: 1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}.`)
  .optional()
  .transform((value) => value ?? DEFAULT_LIMIT);

export const Cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,512}$/, 'must be a cursor returned as `nextCursor`')
  .optional()
  .describe('Opaque: pass the `nextCursor` of the previous page unchanged.');

export const PageQuery = z.object({ limit: Limit, cursor: Cursor });

/** A path segment as sent: percent-decoded by the router, then NFC so NFD input matches stored text. */
export const PathText = (description: string) =>
  z
    .string()
    .min(1)
    .max(256)
    .transform((value) => value.normalize('NFC'))
    .describe(description);

export const IdParams = z.object({ id: PathText('A stable id from the model (`t_…`, `c_…`, `f_…`, `d_…`).') });

export const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
    })
    .meta({ id });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid parameters; `invalidParams` names each field.',
  401: 'Missing or wrong bearer token.',
  403: 'Writes are switched off (no API_TOKENS configured).',
  404: 'No such item.',
  412: 'The `If-Match` / `If-None-Match` precondition failed: someone else changed the note.',
  413: 'The body is larger than BODY_LIMIT_BYTES.',
  415: 'The body is not markdown (`text/markdown`, `text/x-markdown` or `text/plain`, UTF-8).',
  422: 'The note could not be read; `detail` and `line` say why and where.',
  429: 'Too many requests from this client; see `Retry-After`.',
  500: 'The server failed; details are logged, never sent.',
  503: 'Overloaded or the database is busy; retry after `Retry-After` seconds.',
};

/** Error responses (always with 500), documented with their real media type. */
export function problemResponses(...statuses: number[]) {
  const out: Record<number, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }> = {};
  for (const status of [...statuses, 500]) {
    out[status] = { description: PROBLEM_DESCRIPTIONS[status] ?? 'See `detail`.', content: { 'application/problem+json': { schema: Problem } } };
  }
  return out;
}

/** 304 answers to `If-None-Match` carry no body. */
export const NotModified = { 304: z.null().describe('Not modified: the `ETag` still matches; no body.') };
