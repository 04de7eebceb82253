-- schema/010_document_source_from_sources.sql: a smaller database (issue 11).
-- documents.source repeated, on every document, the first path of its
-- content, which sources (and its index sources_by_content) already hold:
-- about 50 bytes a document. A document's path is now read from sources
-- (store/sqlite.h, KG_DOCUMENT_SOURCE) and the column holds ''. The column
-- stays, empty, so that the statements of every schema since 005 that write
-- documents keep working.
UPDATE documents SET source = '';

-- Each document's path as kg shows it, for SQL read from outside kg (the
-- statements of the store spell the same subquery, KG_DOCUMENT_SOURCE).
-- Like the UPDATE above, it can run again.
DROP VIEW IF EXISTS document_sources;
CREATE VIEW document_sources AS
  SELECT d.id AS document_id, coalesce((SELECT min(path) FROM sources WHERE content_id = d.content_id), '') AS source
  FROM documents d;
