-- schema/004_clustered_mentions_evidence.sql: mentions and evidence are
-- stored clustered by their owner, (entity_id, position) and
-- (relation_id, position), in WITHOUT ROWID tables. The owner's rows are one
-- range of the table itself, so mentions_by_entity and evidence_by_relation
-- are no longer needed, and a build writes them in key order.
-- The by-document indexes go too: they only served the cascade when a
-- document is deleted, and a build clears the graph (it rewrites it anyway)
-- before it deletes documents, so the cascade finds nothing to look for.
-- position keeps the order the graph gives (formerly the rowid order).

DROP VIEW evidence_sentences;

CREATE TABLE mentions_clustered (
  entity_id   TEXT    NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start_char  INTEGER NOT NULL,
  end_char    INTEGER NOT NULL,
  PRIMARY KEY (entity_id, position)
) WITHOUT ROWID;
INSERT INTO mentions_clustered (entity_id, position, document_id, start_char, end_char)
  SELECT entity_id, row_number() OVER (PARTITION BY entity_id ORDER BY rowid) - 1, document_id, start_char, end_char
  FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_clustered RENAME TO mentions;

CREATE TABLE evidence_clustered (
  relation_id TEXT    NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start_char  INTEGER NOT NULL,
  end_char    INTEGER NOT NULL,
  sentence    TEXT,                             -- NULL: the document's text at the offsets (003)
  PRIMARY KEY (relation_id, position)
) WITHOUT ROWID;
INSERT INTO evidence_clustered (relation_id, position, document_id, start_char, end_char, sentence)
  SELECT relation_id, row_number() OVER (PARTITION BY relation_id ORDER BY rowid) - 1, document_id, start_char,
         end_char, sentence
  FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_clustered RENAME TO evidence;

CREATE VIEW evidence_sentences AS
  SELECT e.relation_id, e.position, e.document_id, e.start_char, e.end_char,
         coalesce(e.sentence, substr(d.text, e.start_char + 1, e.end_char - e.start_char)) AS sentence
  FROM evidence e JOIN documents d ON d.id = e.document_id;
