-- schema/005_content_index_incremental_graph.sql: a graph maintained
-- incrementally, read through indexes, and about half the size.
--
-- Facts. `contents` holds one row per distinct file (sha256) and `sources`
-- every path it was built from: the same bytes under two paths are one
-- content, read and extracted once. `documents` keeps the articles' metadata
-- only (small rows, quick to scan); their text (zstd blocks with an index),
-- layout (raw offsets, sentences, paragraphs, damaged spans) and extraction
-- move to `document_data`, in the encodings of store/codec.h.
--
-- The graph. `entities` and `relations` have integer ids (stable while the
-- entity or relation exists) and carry in `data` the aggregate they were
-- resolved from (resolve/aggregate.h): spellings, attribute values and
-- titles with counts, mentions and evidence as (document, span). Adding or
-- removing documents adds to and subtracts from these rows only.
-- `entities.key` is the id users see, `e` + 16 hex digits stored as the
-- 64-bit integer, or the text of an id kg did not make; `relations.key` is
-- NULL when the relation's id is derived from its ends, type and title.
-- Types are small integers (store/codec.cc lists them).
-- `entity_keys` holds the lookup keys (graph/names.h) names are found by:
--   kind 0  the key of the displayed name, where it differs from the name
--   kind 1  the key of another spelling the entity was named by
--   kind 2  the key of an alias
--   kind 3  the key an alias link points to (resolve/aggregate.h)
-- An entity whose displayed name is its own key is found through
-- entities_by_name. `counters` keeps what `kg stats` prints.
--
-- This file moves the v4 tables aside; the store converts their documents
-- (store.cc, convert_v4_documents) and resolves the graph again, then drops
-- them, all in the migration's transaction.

DROP VIEW evidence_sentences;
DROP TABLE evidence;
DROP TABLE mentions;
DROP TABLE relations;
DROP TABLE aliases;
DROP TABLE entities;
ALTER TABLE extractions RENAME TO extractions_v4;
ALTER TABLE documents RENAME TO documents_v4;

CREATE TABLE contents (
  id       INTEGER PRIMARY KEY,
  sha256   BLOB    NOT NULL UNIQUE,             -- 32 bytes (text for a digest not in hex)
  bytes    INTEGER NOT NULL DEFAULT 0,
  encoding TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE sources (
  path       TEXT    PRIMARY KEY,
  content_id INTEGER NOT NULL REFERENCES contents(id),
  added_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;
CREATE INDEX sources_by_content ON sources(content_id);

CREATE TABLE documents (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  content_id      INTEGER NOT NULL REFERENCES contents(id),
  part            INTEGER NOT NULL,            -- article index within the file
  source          TEXT    NOT NULL,            -- the content's first path, for display
  title           TEXT    NOT NULL DEFAULT '',
  published       TEXT    NOT NULL DEFAULT '', -- YYYY-MM-DD or ''
  outlet          TEXT    NOT NULL DEFAULT '',
  author          TEXT    NOT NULL DEFAULT '',
  editor          TEXT    NOT NULL DEFAULT '',
  glosses_removed INTEGER NOT NULL DEFAULT 0,
  chars_converted INTEGER NOT NULL DEFAULT 0,
  damaged_spans   INTEGER NOT NULL DEFAULT 0,
  invalid_bytes   INTEGER NOT NULL DEFAULT 0,
  lines_joined    INTEGER NOT NULL DEFAULT 0,
  furniture_lines INTEGER NOT NULL DEFAULT 0,
  extractor       INTEGER NOT NULL DEFAULT 0,  -- extractors.id: which lexicons made the extraction
  UNIQUE (content_id, part)
);

-- Fingerprints of the lexicons extractions were made with (the built-in ones
-- and the user's), so that a later kg can tell what to extract again.
CREATE TABLE extractors (
  id          INTEGER PRIMARY KEY,
  fingerprint TEXT    NOT NULL UNIQUE
);

CREATE TABLE document_data (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  text_index  BLOB NOT NULL,                   -- codec::encode_text
  text        BLOB NOT NULL,
  layout      BLOB NOT NULL,                   -- codec::encode_layout
  extraction  BLOB NOT NULL                    -- codec::encode_extraction
);

-- zstd dictionaries texts and extractions are compressed with
-- (codec::Dictionary), trained from the first documents a database receives.
CREATE TABLE dictionaries (
  id   INTEGER PRIMARY KEY,
  kind TEXT    NOT NULL,                    -- 'text', 'extraction' or 'layout'
  data BLOB    NOT NULL
);

CREATE TABLE entities (
  id   INTEGER PRIMARY KEY,
  key  NOT NULL,
  name TEXT    NOT NULL,
  type INTEGER NOT NULL,
  data BLOB    NOT NULL
);
CREATE UNIQUE INDEX entities_by_key ON entities(key);
-- (name, type): listings in name order, label scans and the topology read
-- it without touching an entity row.
CREATE INDEX entities_by_name ON entities(name, type);

CREATE TABLE entity_keys (
  key       TEXT    NOT NULL,
  kind      INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  PRIMARY KEY (key, kind, entity_id)
) WITHOUT ROWID;

CREATE TABLE relations (
  id        INTEGER PRIMARY KEY,
  source    INTEGER NOT NULL,
  target    INTEGER NOT NULL,
  type      INTEGER NOT NULL,
  title     TEXT    NOT NULL DEFAULT '',
  title_key TEXT,
  key,
  data      BLOB    NOT NULL
);
CREATE INDEX relations_by_source ON relations(source, type, target);
-- In-edges read their rows anyway (title, data): the target and type find them.
CREATE INDEX relations_by_target ON relations(target, type);

-- Strings the aggregates refer to by id: attribute keys and values,
-- affiliations. They repeat across many rows.
CREATE TABLE strings (
  id   INTEGER PRIMARY KEY,
  text TEXT    NOT NULL UNIQUE
);

CREATE TABLE counters (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
