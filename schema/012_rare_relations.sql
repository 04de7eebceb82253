-- schema/012_rare_relations.sql: an access path to the relations of rare
-- shapes (issue 11).
--
-- `rare_relations` lists, by shape (relation type, type of the source
-- entity, type of the target entity, as relation_shapes counts them,
-- schema/011), the relations of every shape of at most 4096 relations, and
-- nothing else. A typed scan of such a shape between common types reads its
-- rows here instead of passing over the entities of those types and their
-- relations. The table is sized by the rare rows (about 12,000 of 875,000
-- relations on the 100 MB corpus), where an index on the relations would be
-- sized by all of them and sorted at the end of every first build.
--
-- It is kept exact by every write of the graph: each write tells
-- store/store_source.cc (write_rare_relations) which relations came to and
-- left the shapes it touched, and a shape that becomes rare is found again
-- whole. The bound, 4096, is kRareShapeRelations of
-- store/store_source.h; a reader uses a shape's rows only when there are as
-- many as relation_shapes counts, so a bound that changed is never wrong,
-- only slower until the shape is next written.
CREATE TABLE IF NOT EXISTS rare_relations (
  type        INTEGER NOT NULL,
  source_type INTEGER NOT NULL,
  target_type INTEGER NOT NULL,
  relation    INTEGER NOT NULL,
  PRIMARY KEY (type, source_type, target_type, relation)
) WITHOUT ROWID;

-- A shape no relation has any more (its count is deleted, or the graph
-- cleared) has no rows.
CREATE TRIGGER IF NOT EXISTS rare_relations_follow_shapes AFTER DELETE ON relation_shapes
BEGIN
  DELETE FROM rare_relations
    WHERE type = old.type AND source_type = old.source_type AND target_type = old.target_type;
END;

-- Filled from the rows of the database being upgraded. (Both statements can
-- run again.)
DELETE FROM rare_relations;
INSERT INTO rare_relations (type, source_type, target_type, relation)
  SELECT r.type, s.type, t.type, r.id FROM relations r
    JOIN entities s ON s.id = r.source JOIN entities t ON t.id = r.target
    JOIN relation_shapes k ON k.type = r.type AND k.source_type = s.type AND k.target_type = t.type
    WHERE k.relations <= 4096;
