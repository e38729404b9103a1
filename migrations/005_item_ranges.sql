-- Items keyed by their document: each document gets a number (`documents.seq`), and
-- each item row the key `seq * 2^23 + i`, i its index among the note's items of that
-- kind. A note is at most 8 MiB = 2^23 bytes (compile-note.ts), so i always fits.
--
-- Why: a bulk ingest spent most of its time in SQLite b-trees. With rowid ranges
--   - a document's items are one rowid range: the four `*_by_document` indexes
--     (one more b-tree insert per item) go, and reads by document are range scans;
--   - a new document's rows append at the end of each table;
--   - the keys are explicit INTEGER PRIMARY KEYs, so VACUUM cannot renumber
--     them (search_fts rows are found by them; implicit rowids may change);
--   - per-document item counts on `documents` say which search rows a document
--     owns and what a chapter holds, without reading the item tables.
-- An item's document is `documents.seq = item.seq >> 23`, so item rows carry no
-- document id (22 bytes and a bound value per row), and have no foreign keys:
-- they are derived data, written and deleted a document at a time by one writer
-- in one transaction (document-writer.ts), and the per-row look-ups cost ~1 µs
-- for each of ~300k rows in a large load.
--
-- Items are derived from the stored sources, so the tables are rebuilt empty
-- and every document marked stale (parser_version 0): src/ingest/rederive.ts
-- re-reads each current revision's stored bytes at start-up.

ALTER TABLE documents ADD COLUMN seq INTEGER;
UPDATE documents SET seq = rowid;
CREATE UNIQUE INDEX documents_by_seq ON documents (seq);
ALTER TABLE documents ADD COLUMN topic_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN concept_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN term_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN figure_count INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET parser_version = 0;

DROP TABLE terms;
DROP TABLE figures;
DROP TABLE blocks;
DROP TABLE concepts;
DROP TABLE topics;
INSERT INTO search_fts (search_fts) VALUES ('delete-all');

CREATE TABLE topics (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  parent_id   TEXT,
  level       INTEGER NOT NULL,
  title       TEXT NOT NULL,
  section     TEXT,
  markdown    TEXT NOT NULL,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  lines       TEXT NOT NULL
);
CREATE INDEX topics_by_section ON topics (section) WHERE section IS NOT NULL;

CREATE TABLE concepts (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  topic_id    TEXT,
  parent_id   TEXT,
  depth       INTEGER NOT NULL,
  ordered     INTEGER NOT NULL,
  markdown    TEXT NOT NULL,
  -- The plain text only where it differs from the markdown (bold, links, code): most list items
  -- are plain words, and storing them twice made this, the largest table, a third larger.
  own_text    TEXT,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  lines       TEXT NOT NULL,
  text        TEXT GENERATED ALWAYS AS (coalesce(own_text, markdown)) VIRTUAL
);

CREATE TABLE terms (
  seq         INTEGER PRIMARY KEY,
  concept_id  TEXT NOT NULL,
  term        TEXT NOT NULL,
  position    INTEGER NOT NULL
);

CREATE TABLE blocks (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  topic_id    TEXT,
  kind        TEXT NOT NULL,
  markdown    TEXT NOT NULL,
  text        TEXT NOT NULL,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  lines       TEXT NOT NULL
);

CREATE TABLE figures (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  topic_id    TEXT,
  concept_id  TEXT,
  block_id    TEXT,
  kind        TEXT NOT NULL,
  target      TEXT NOT NULL,
  label       TEXT,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL
);
