-- schema/009_entity_moves.sql: ids users have seen keep working after an
-- edit (kg edit).
--
-- An entity's id (`e…`, entities.key) is derived from what it is: its type
-- group and the key of its shown name (for a person also the first body
-- they hold a post in, or the document they are known from). So a rename
-- gives the entity another id, a merge takes the merged entity's id away,
-- and an undo gives the old ids back. The ids of relations are derived from
-- the ids of their two ends, so they change with them.
--
-- `entity_moves` says, for an id an edit took away, which entity has it now:
-- `former` and `current` are entities.key values. The edit stage writes it
-- (make_edit and undo_edit); an entity looked up by id that no row has is
-- looked up again under its current id (store/store_source.cc), and a
-- relation id under the former ids of its ends. Moves to a former id are
-- redirected when it moves again, so a chain is one step long; readers
-- follow a few steps all the same, against a damaged table. A former id an
-- entity has again is forgotten. (IF NOT EXISTS: a database set back to an
-- earlier version, as a test of an earlier migration does, runs this again.)
CREATE TABLE IF NOT EXISTS entity_moves (
  former  INTEGER PRIMARY KEY,
  current INTEGER NOT NULL
);
