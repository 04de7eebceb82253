-- schema/001_init.sql: the first kg schema. Documents and their per-document
-- extractions are the facts; the graph tables (entities .. evidence) are
-- re-derived from all extractions on every build and rewritten as a whole.
-- Offsets (start_char, end_char) are code points in documents.text, half-open.

-- Marks the file as a kg database ("kg", 1) so kg never migrates a SQLite
-- file of another program.
PRAGMA application_id = 7038721;

CREATE TABLE documents (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  source          TEXT    NOT NULL,            -- the path as the user gave it
  part            INTEGER NOT NULL,            -- article index within the file
  title           TEXT    NOT NULL DEFAULT '',
  published       TEXT    NOT NULL DEFAULT '', -- YYYY-MM-DD or ''
  outlet          TEXT    NOT NULL DEFAULT '',
  author          TEXT    NOT NULL DEFAULT '',
  editor          TEXT    NOT NULL DEFAULT '',
  text            TEXT    NOT NULL,            -- clean text, UTF-8
  sha256          TEXT    NOT NULL,            -- of the whole raw file
  encoding        TEXT    NOT NULL DEFAULT '',
  glosses_removed INTEGER NOT NULL DEFAULT 0,
  chars_converted INTEGER NOT NULL DEFAULT 0,
  damaged_spans   INTEGER NOT NULL DEFAULT 0,
  invalid_bytes   INTEGER NOT NULL DEFAULT 0,
  lines_joined    INTEGER NOT NULL DEFAULT 0,
  raw_offsets     BLOB,                        -- Document::raw, run-length varints
  sentences       BLOB,                        -- Document::sentences, varints
  added_at        TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (source, part)
);

CREATE TABLE extractions (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  data        BLOB NOT NULL                    -- the Extraction, kg binary format
);

CREATE TABLE entities (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  type       TEXT NOT NULL,
  attributes TEXT NOT NULL DEFAULT '{}'        -- JSON object
);
CREATE INDEX entities_by_name ON entities(name);
CREATE INDEX entities_by_type ON entities(type);

CREATE TABLE aliases (
  entity_id TEXT    NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  alias     TEXT    NOT NULL,
  PRIMARY KEY (entity_id, position)
);
CREATE INDEX aliases_by_alias ON aliases(alias);

CREATE TABLE mentions (
  entity_id   TEXT    NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start_char  INTEGER NOT NULL,
  end_char    INTEGER NOT NULL
);
CREATE INDEX mentions_by_entity ON mentions(entity_id);
CREATE INDEX mentions_by_document ON mentions(document_id);

CREATE TABLE relations (
  id         TEXT PRIMARY KEY,
  type       TEXT NOT NULL,
  source     TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  target     TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  title      TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL DEFAULT '{}'        -- JSON object
);
CREATE INDEX relations_by_source ON relations(source);
CREATE INDEX relations_by_target ON relations(target);
CREATE INDEX relations_by_type ON relations(type);

CREATE TABLE evidence (
  relation_id TEXT    NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start_char  INTEGER NOT NULL,
  end_char    INTEGER NOT NULL,
  sentence    TEXT    NOT NULL
);
CREATE INDEX evidence_by_relation ON evidence(relation_id);
CREATE INDEX evidence_by_document ON evidence(document_id);
