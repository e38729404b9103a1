-- The search index stops keeping each row's token counts (columnsize=0), and with
-- them contentless_delete: a row is now deleted by handing FTS5 the values it was
-- indexed with, recomputed from the item's stored text (src/store/search-index.ts).
--
-- Why: the counts (search_fts_docsize) only serve bm25 and FTS5's own deletes.
-- Ranking never used bm25 (search-notes.ts scores the capped candidates itself),
-- and the table cost a b-tree insert for every search row: on a bulk load of
-- 2,000 notes (288k rows) ~0.13 s of the single writer's time and 5.4 MB.
--
-- What that asks of every later change: a row must be deleted with exactly the
-- tokens it was inserted with, so a change to how text is tokenized must rebuild
-- the index, as this migration does.
--
-- The index is rebuilt from the notes: it starts empty, the item tables are emptied
-- (derived data; the writer reads a document's old items to delete its rows, and
-- nothing of the old index may be deleted from the new one), and every document is
-- marked stale, to be re-read from its stored bytes at start-up (src/ingest/rederive.ts).

DROP TABLE search_terms;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
  text, choseong, scope,
  tokenize = 'ascii',
  content = '', columnsize = 0,
  detail = none
);
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 8);
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_fts, 'row');
DELETE FROM topics;
DELETE FROM concepts;
DELETE FROM terms;
DELETE FROM blocks;
DELETE FROM figures;
UPDATE documents SET parser_version = 0;
