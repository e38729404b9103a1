-- Notes as stored: every revision of every document, and the items of the current one.

CREATE TABLE documents (
  id               TEXT PRIMARY KEY,
  course           TEXT NOT NULL,
  path             TEXT NOT NULL,
  -- Copied from the current revision so listings need no join.
  chapter          TEXT NOT NULL,
  title            TEXT,
  sort_order       REAL,
  current_revision INTEGER NOT NULL,
  hash             TEXT NOT NULL,
  parser_version   INTEGER NOT NULL,
  deleted_at       TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (course, path)
);
CREATE INDEX documents_by_chapter ON documents (course, chapter) WHERE deleted_at IS NULL;

CREATE TABLE revisions (
  document_id TEXT NOT NULL REFERENCES documents (id),
  revision    INTEGER NOT NULL,
  hash        TEXT NOT NULL,
  source      BLOB NOT NULL,
  chapter     TEXT NOT NULL,
  title       TEXT,
  meta        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  -- A rowid table, not WITHOUT ROWID: sources are kilobytes each, and appending them in rowid
  -- order beats inserting them into the (document, revision) b-tree at random places.
  UNIQUE (document_id, revision)
);

-- Derived per (course, chapter) in the same transaction as any document write.
CREATE TABLE chapters (
  id             TEXT PRIMARY KEY,
  course         TEXT NOT NULL,
  chapter        TEXT NOT NULL,
  title          TEXT NOT NULL,
  etag           TEXT NOT NULL,
  topic_count    INTEGER NOT NULL,
  concept_count  INTEGER NOT NULL,
  figure_count   INTEGER NOT NULL,
  document_count INTEGER NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (course, chapter)
);

CREATE TABLE topics (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  parent_id   TEXT,
  level       INTEGER NOT NULL,
  title       TEXT NOT NULL,
  section     TEXT,
  markdown    TEXT NOT NULL,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  lines       TEXT NOT NULL
);
CREATE INDEX topics_by_document ON topics (document_id, position);

CREATE TABLE concepts (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
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
CREATE INDEX concepts_by_document ON concepts (document_id, position);

CREATE TABLE terms (
  concept_id  TEXT NOT NULL REFERENCES concepts (id),
  document_id TEXT NOT NULL REFERENCES documents (id),
  term        TEXT NOT NULL,
  position    INTEGER NOT NULL
);
CREATE INDEX terms_by_document ON terms (document_id);

CREATE TABLE blocks (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  topic_id    TEXT,
  kind        TEXT NOT NULL,
  markdown    TEXT NOT NULL,
  text        TEXT NOT NULL,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  lines       TEXT NOT NULL
);
CREATE INDEX blocks_by_document ON blocks (document_id, position);

CREATE TABLE figures (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  topic_id    TEXT,
  concept_id  TEXT,
  block_id    TEXT,
  kind        TEXT NOT NULL,
  target      TEXT NOT NULL,
  label       TEXT,
  position    INTEGER NOT NULL,
  line        INTEGER NOT NULL
);
CREATE INDEX figures_by_document ON figures (document_id, position);
