-- Full-text search over topics, key terms, concepts and figures.
--
-- search_fts holds only tokens, written by src/store/search-index.ts from
-- src/search/tokenize.ts (better-sqlite3 cannot register an FTS5 tokenizer,
-- so unicode61 only splits our space-separated tokens):
--   text      Hangul syllable bigrams (+ last-syllable unigram), lowercase words
--   choseong  initial-consonant bigrams of Hangul runs ('소켓' -> 'ㅅㅋ')
--   scope     filter tokens (course, chapter, type) so filters are FTS intersections
-- Contentless (content=''): the text already lives in topics/concepts/terms/
-- figures, and storing it again would break "index ≤ 2x the text it
-- indexes". contentless_delete=1 lets a re-written document delete its rows.
-- detail=full is required: a Hangul word is a phrase of bigrams.
CREATE VIRTUAL TABLE search_fts USING fts5(
  text, choseong, scope,
  tokenize = 'unicode61 remove_diacritics 0',
  content = '', contentless_delete = 1
);

-- What each FTS row is. rowid ranges carry a ranking prior (see
-- search-index.ts): topic and key-term rows live above 2^40 so a capped
-- newest-first scan meets them before concept bodies.
CREATE TABLE search_rows (
  rowid       INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL,
  -- 0 topic, 1 term, 2 concept, 3 figure
  kind        INTEGER NOT NULL,
  -- topic, concept or figure id; a term row names its concept
  item_id     TEXT NOT NULL,
  -- a term row's position among its concept's terms; 0 otherwise
  ord         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX search_rows_by_document ON search_rows (document_id);
