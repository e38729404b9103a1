-- One counter bumped by every write transaction (with the chapter summaries), so responses
-- computed over all content, like search results, get an ETag that changes exactly when
-- content does, across processes.
CREATE TABLE content_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 0);
