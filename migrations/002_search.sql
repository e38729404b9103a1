-- Full-text search over topics, key terms, concepts and figures.
--
-- search_fts holds only tokens, written by src/store/search-index.ts from
-- src/search/tokenize.ts (better-sqlite3 cannot register an FTS5 tokenizer,
-- so unicode61 only splits our space-separated tokens):
--   text      Hangul syllable bigrams (+ last-syllable unigram), lowercase words
--   choseong  initial-consonant bigrams of Hangul runs ('소켓' -> 'ㅅㅋ')
--   scope     course and chapter filter tokens, so filters are FTS intersections
-- Contentless (content=''): the text already lives in topics/concepts/terms/
-- figures; storing it again would break "index ≤ 2x the text it indexes".
-- contentless_delete=1 lets a re-written document delete its rows.
-- detail=full is required: a Hangul word is a phrase of bigrams.
--
-- The rowid says the kind (ranges in search-index.ts), so a type filter is a
-- rowid range and needs no token.
CREATE VIRTUAL TABLE search_fts USING fts5(
  text, choseong, scope,
  tokenize = 'unicode61 remove_diacritics 0',
  content = '', contentless_delete = 1
);

-- rowid -> item. `item` is the hex hash of the item id without its
-- prefix (the kind gives it back: t_, c_, f_), to keep this map small.
CREATE TABLE search_rows (
  rowid INTEGER PRIMARY KEY,
  item  BLOB NOT NULL,
  -- a term row's position among its concept's terms; 0 otherwise
  ord   INTEGER NOT NULL DEFAULT 0
);

-- The rowid ranges each document's rows occupy (one per kind), for deletes.
CREATE TABLE search_documents (
  document_id TEXT PRIMARY KEY,
  ranges      TEXT NOT NULL
) WITHOUT ROWID;
