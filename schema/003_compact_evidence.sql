-- schema/003_compact_evidence.sql: a smaller, faster-to-write graph.
-- Evidence kept each sentence as text although it is always a slice of the
-- document: sentence is now NULL when it equals
-- substr(documents.text, start_char + 1, end_char - start_char) (SQLite's
-- substr counts code points, as the offsets do), and holds the text only when
-- it differs. The view evidence_sentences gives every row its sentence.
-- The per-type indexes are dropped: with a handful of distinct values they
-- serve no lookup, and every build paid for them.

DROP INDEX entities_by_type;
DROP INDEX relations_by_type;

CREATE TABLE evidence_compact (
  relation_id TEXT    NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start_char  INTEGER NOT NULL,
  end_char    INTEGER NOT NULL,
  sentence    TEXT                              -- NULL: the document's text at the offsets
);
INSERT INTO evidence_compact (rowid, relation_id, document_id, start_char, end_char, sentence)
  SELECT e.rowid, e.relation_id, e.document_id, e.start_char, e.end_char,
         CASE WHEN e.sentence IS substr(d.text, e.start_char + 1, e.end_char - e.start_char) THEN NULL
              ELSE e.sentence END
  FROM evidence e LEFT JOIN documents d ON d.id = e.document_id;
DROP TABLE evidence;
ALTER TABLE evidence_compact RENAME TO evidence;
CREATE INDEX evidence_by_relation ON evidence(relation_id);
CREATE INDEX evidence_by_document ON evidence(document_id);

CREATE VIEW evidence_sentences AS
  SELECT e.relation_id, e.document_id, e.start_char, e.end_char,
         coalesce(e.sentence, substr(d.text, e.start_char + 1, e.end_char - e.start_char)) AS sentence
  FROM evidence e JOIN documents d ON d.id = e.document_id;
