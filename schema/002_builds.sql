-- schema/002_builds.sql: a log of builds for `kg stats` (time, throughput),
-- and the parts of a Document that 001 did not keep (furniture lines removed,
-- paragraph and damaged spans), so a stored document reloads whole.

CREATE TABLE builds (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at      TEXT    NOT NULL,            -- ISO 8601 UTC
  seconds         REAL    NOT NULL,
  bytes           INTEGER NOT NULL,
  files_added     INTEGER NOT NULL,
  files_unchanged INTEGER NOT NULL,
  files_failed    INTEGER NOT NULL
);

ALTER TABLE documents ADD COLUMN furniture_lines INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN paragraphs BLOB;  -- Document::paragraphs, varints
ALTER TABLE documents ADD COLUMN damaged BLOB;     -- Document::damaged, varints
