-- schema/006_document_entities.sql: which entities each document mentions
-- (issue 12 part 5: Cypher's (d:Document)-[:MENTIONS]->(e) walked from the
-- document). An entity's row already lists its documents (entities.data);
-- this is the inverse, written wherever an entity row is written
-- (store/graph_io.cc), so "the entities of this article" is one range of the
-- table instead of a read of every entity. The store fills it from the
-- entities' rows when it applies this migration.
CREATE TABLE document_entities (
  document_id INTEGER NOT NULL,
  entity_id   INTEGER NOT NULL,
  PRIMARY KEY (document_id, entity_id)
) WITHOUT ROWID;
