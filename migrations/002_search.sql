-- Full-text search over topics, key terms, concepts and figures.
--
-- search_fts holds only tokens, written by src/store/search-index.ts from
-- src/search/index-text.ts (better-sqlite3 cannot register an FTS5 tokenizer,
-- so the FTS tokenizer only splits our space-separated tokens):
--   text      Hangul syllable bigrams (+ last-syllable unigram unless a
--             particle), lowercase words
--   choseong  initial consonants of each Hangul run, searched as prefixes
--             ('소켓은' -> 'ㅅㅋㅇ', found by "ㅅㅋ"*)
--   scope     one (course, chapter) filter token, so filters are FTS intersections
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
-- Merge 8 segments of a level at a time instead of 4: half the merge passes
-- while building (measured: index build at 200k concepts ~+12%), for a few
-- more segments per query to look a token up in (p50 within noise).
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 8);
