-- schema/008_document_source_from_sources.sql: a smaller database (issue 11).
-- documents.source repeated, on every document, the first path of its
-- content, which sources (and its index sources_by_content) already hold:
-- about 50 bytes a document. A document's path is now read from sources
-- (store/sqlite.h, KG_DOCUMENT_SOURCE) and the column holds ''. The column
-- stays, empty, so that the statements of every schema since 005 that write
-- documents keep working.
UPDATE documents SET source = '';
