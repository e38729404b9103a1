-- Full-text search over topics, key terms, concepts and figures.
--
-- search_fts holds only tokens, written by src/store/search-index.ts from
-- src/search/index-text.ts (better-sqlite3 cannot register an FTS5 tokenizer,
-- so the FTS tokenizer only splits our space-separated tokens):
--   text      Hangul syllable bigrams (+ last-syllable unigram), lowercase words
--   choseong  initial-consonant bigrams of Hangul runs ('소켓' -> 'ㅅㅋ')
--   scope     course and chapter filter tokens, so filters are FTS intersections
-- Contentless (content=''): the text already lives in topics/concepts/terms/
-- figures; storing it again would break "index ≤ 2x the text it indexes".
-- contentless_delete=1 lets a re-written document delete its rows by rowid.
-- detail=full is required: a Hangul word is a phrase of bigrams.
-- tokenize='ascii': our tokens never contain an ASCII separator and are
-- already case-folded, so unicode61's per-character Unicode lookups only cost
-- time; ascii splits on ASCII non-alphanumerics and keeps every other
-- character in the token, for the indexed text and the quoted query alike.
--
-- The rowid is the item's own rowid plus an offset per kind (ranges in
-- search-index.ts): no row map, and a type filter is a rowid range.
CREATE VIRTUAL TABLE search_fts USING fts5(
  text, choseong, scope,
  tokenize = 'ascii',
  content = '', contentless_delete = 1
);
