-- schema/008_document_entity_lists.sql: which entities each document
-- mentions, one row per document instead of one per (document, entity) pair
-- (issue 11: 1.1 million rows and 14 MB on the 100 MB corpus, written one
-- B-tree insert each at the end of a first build). `entities` holds the
-- entity ids in ascending order as varint deltas (store/id_list.h); the
-- store fills the table from the entities' rows when it applies this
-- migration, as it did for schema/007.
DROP TABLE document_entities;
CREATE TABLE document_entities (
  document_id INTEGER PRIMARY KEY,
  entities    BLOB    NOT NULL
);
