-- schema/011_relation_shapes.sql: what a query planner knows of the graph's
-- shape (issue 11).
--
-- `relation_shapes` counts the relations of each (relation type, type of the
-- source entity, type of the target entity), the types as stored (small
-- integers, store/codec.cc), the ends as stored (a symmetric relation is
-- counted under the order its row has). It is kept exact by every write of
-- the graph (store/graph_io.cc): a relation counts once both its ends exist,
-- so at the end of every transaction the table equals
--   SELECT r.type, s.type, t.type, count(*) FROM relations r
--     JOIN entities s ON s.id = r.source JOIN entities t ON t.id = r.target
--     GROUP BY 1, 2, 3
-- and has no row of 0. A typed scan (store/store_source.cc) reads it to
-- answer a shape no relation has at once, to leave out the end types no
-- relation of the shape has, and to choose which end to read from.
CREATE TABLE IF NOT EXISTS relation_shapes (
  type        INTEGER NOT NULL,
  source_type INTEGER NOT NULL,
  target_type INTEGER NOT NULL,
  relations   INTEGER NOT NULL,
  PRIMARY KEY (type, source_type, target_type)
) WITHOUT ROWID;

-- Filled from the rows of the database being upgraded. (Both statements can
-- run again, as a test of this migration does.)
DELETE FROM relation_shapes;
INSERT INTO relation_shapes (type, source_type, target_type, relations)
  SELECT r.type, s.type, t.type, count(*) FROM relations r
    JOIN entities s ON s.id = r.source JOIN entities t ON t.id = r.target
    GROUP BY r.type, s.type, t.type;
