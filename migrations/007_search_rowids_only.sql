-- The search index keeps which rows hold a token, not where in them (detail=none).
--
-- Why: positions served phrase queries only: a Hangul word is a phrase of
-- bigrams ('데이터' = "데이 이터"). Without them the index is ~60% smaller
-- (FTS data 36.7 -> 14.5 MB at 200k concepts) and a bulk ingest of 2,000 notes
-- spends ~0.2 s less writing and merging it (bench/ingest.ts). A query ANDs a
-- word's bigrams and keeps a candidate only if its text holds the word
-- (src/search/search-notes.ts): adjacent bigrams match exactly where the word
-- is a substring of a Hangul run, so what matches is unchanged.
--
-- detail=none also drops column filters, so choseong and scope tokens start
-- with a mark no text token has (src/search/tokenize.ts FIELD_MARK); the three
-- columns stay for their names. And it makes FTS5's own prefix queries ("소"*)
-- ~2.5x slower, so a prefix is expanded into the index's terms that start with
-- it, read from search_terms (src/store/search-reader.ts).
--
-- The tokens change, so every document is re-indexed: marked stale here, re-read
-- from its stored bytes at start-up (src/ingest/rederive.ts).

DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
  text, choseong, scope,
  tokenize = 'ascii',
  content = '', contentless_delete = 1,
  detail = none
);
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 8);
-- One row per distinct term in the index, with how many rows hold it; range scans by term.
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_fts, 'row');
UPDATE documents SET parser_version = 0;
