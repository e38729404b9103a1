-- Item ids lose their UNIQUE index: an item is found through its document instead.
--
-- Why: item ids are hashes, so each of a bulk load's ~300k items went into the
-- four id indexes at a random place; that was ~13% of the single writer's time
-- for 2,000 notes (bench/ingest.ts; measured with every note parsed in advance:
-- 3.05 s -> 2.66 s).
--
-- How an id is still found: its first 8 hex digits after the kind are its
-- document id's (notes/ids.ts itemId), and a document's items are one key range
-- (migration 005). A look-up reads the documents whose id starts with those
-- digits, nearly always one, through the documents primary key, and scans their
-- items' key range (src/store/item-lookup.ts). Ids are unique by construction
-- (notes/item-ids.ts numbers repeats within a note; the note's id is hashed into
-- every item id).
--
-- The rows are copied as they are: keys, and so the search index, stay valid.

CREATE TABLE topics_006 (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL,
  parent_id   TEXT,
  level       INTEGER NOT NULL,
  title       TEXT NOT NULL,
  section     TEXT,
  markdown    TEXT NOT NULL,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  lines       TEXT NOT NULL
);
INSERT INTO topics_006 SELECT seq, id, parent_id, level, title, section, markdown, position, line, lines FROM topics;
DROP TABLE topics;
ALTER TABLE topics_006 RENAME TO topics;
CREATE INDEX topics_by_section ON topics (section) WHERE section IS NOT NULL;

CREATE TABLE concepts_006 (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL,
  topic_id    TEXT,
  parent_id   TEXT,
  depth       INTEGER NOT NULL,
  ordered     INTEGER NOT NULL,
  markdown    TEXT NOT NULL,
  -- The plain text only where it differs from the markdown (see migration 005).
  own_text    TEXT,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  lines       TEXT NOT NULL,
  text        TEXT GENERATED ALWAYS AS (coalesce(own_text, markdown)) VIRTUAL
);
INSERT INTO concepts_006 (seq, id, topic_id, parent_id, depth, ordered, markdown, own_text, position, line, lines)
  SELECT seq, id, topic_id, parent_id, depth, ordered, markdown, own_text, position, line, lines FROM concepts;
DROP TABLE concepts;
ALTER TABLE concepts_006 RENAME TO concepts;

CREATE TABLE blocks_006 (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL,
  topic_id    TEXT,
  kind        TEXT NOT NULL,
  markdown    TEXT NOT NULL,
  text        TEXT NOT NULL,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  lines       TEXT NOT NULL
);
INSERT INTO blocks_006 SELECT seq, id, topic_id, kind, markdown, text, position, line, lines FROM blocks;
DROP TABLE blocks;
ALTER TABLE blocks_006 RENAME TO blocks;

CREATE TABLE figures_006 (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL,
  topic_id    TEXT,
  concept_id  TEXT,
  block_id    TEXT,
  kind        TEXT NOT NULL,
  target      TEXT NOT NULL,
  label       TEXT,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL
);
INSERT INTO figures_006 SELECT seq, id, topic_id, concept_id, block_id, kind, target, label, position, line FROM figures;
DROP TABLE figures;
ALTER TABLE figures_006 RENAME TO figures;
