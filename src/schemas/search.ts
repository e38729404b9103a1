import { z } from 'zod';
import { queryInteger } from './common.js';
import { MAX_QUERY_LENGTH } from '../search/query.js';
import { SEARCH_TYPES } from '../store/search-index.js';

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 50;

export const SearchQuery = z.object({
  q: z
    .string()
    .min(1)
    .max(MAX_QUERY_LENGTH)
    .describe('What to look for: Korean and/or English words, initial consonants (`ㅅㅋ`), or Hangul typed in English keyboard mode (`thzpt`).'),
  course: z.string().min(1).max(200).optional().describe('Only hits in this course.'),
  chapter: z.string().min(1).max(100).optional().describe('Only hits in this chapter (of any course unless `course` is given).'),
  type: z.enum(SEARCH_TYPES).optional().describe('Only hits of this kind.'),
  // The shared strict integer: `0x10`, `1e3` and `1.5` are 400s, as on every other route.
  limit: queryInteger(1, SEARCH_MAX_LIMIT, `Hits per page (default ${SEARCH_DEFAULT_LIMIT}, max ${SEARCH_MAX_LIMIT}).`)
    .optional()
    .transform((value) => value ?? SEARCH_DEFAULT_LIMIT),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page, with the same q and filters.'),
});

export type SearchQuery = z.infer<typeof SearchQuery>;

export const Span = z
  .object({ start: z.number().int(), end: z.number().int() })
  .describe('A half-open range of UTF-16 code unit offsets into `text`.')
  .meta({ id: 'Span' });

export const BreadcrumbTopic = z
  .object({ id: z.string(), title: z.string(), section: z.string().nullable() })
  .meta({ id: 'BreadcrumbTopic' });

export const SearchHit = z
  .object({
    type: z.enum(SEARCH_TYPES),
    id: z.string().describe('The topic, concept or figure id; for a key term, the id of the concept that defines it.'),
    course: z.string(),
    chapter: z.string(),
    topicId: z.string().nullable(),
    breadcrumb: z.object({
      course: z.string(),
      chapter: z.string(),
      topics: z.array(BreadcrumbTopic).describe('Enclosing topics, outermost first (a topic hit ends with itself).'),
    }),
    text: z.string().describe('The plain text that matched (NFC).'),
    snippet: z.object({
      html: z.string().describe('HTML-escaped window of `text` with matches in `<mark>`; `…` marks a cut edge.'),
      start: z.number().int().describe('Offset in `text` where the window starts.'),
      end: z.number().int().describe('Offset in `text` where the window ends.'),
    }),
    highlights: z.array(Span).describe('Every match in `text`, merged and sorted.'),
    score: z.number().describe('Higher is better; comparable within one response only.'),
  })
  .meta({ id: 'SearchHit' });

export type SearchHit = z.infer<typeof SearchHit>;

export const SearchFallback = z
  .enum(['loose', 'qwerty', 'qwerty-loose'])
  .nullable()
  .describe(
    'null: every word matched. `loose`: nothing matched every word, so these hits match some of them (e.g. `포트번호` vs `포트 번호`). `qwerty`/`qwerty-loose`: the query read as Hangul typed in English keyboard mode (see `correctedQuery`).',
  );

export const SearchResults = z
  .object({
    items: z.array(SearchHit),
    nextCursor: z.string().nullable(),
    fallback: SearchFallback,
    correctedQuery: z.string().nullable().describe('The query actually searched when `fallback` is qwerty.'),
  })
  .meta({ id: 'SearchResults' });

export type SearchResults = z.infer<typeof SearchResults>;
