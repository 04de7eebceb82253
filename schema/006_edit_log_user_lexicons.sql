-- schema/006_edit_log_user_lexicons.sql: corrections that survive rebuilds,
-- and the user lexicons a database was built with (issue 12).
--
-- `edits` is the log of `kg edit`: who made which correction when, its
-- arguments as JSON (libgraph/edit/edit.h says what each kind holds), and
-- whether it was undone. Edits are applied to the graph again after every
-- build and remove, on the entities the batch touched: `edit_keys` indexes
-- each edit by the name keys (graph/names.h) of the entities it names, so a
-- batch finds the edits that concern it through its entities' keys, without
-- reading the whole log. `edit_documents` remembers the documents of the
-- entities an edit changed, which `kg edit undo` resolves again.

CREATE TABLE edits (
  id        INTEGER PRIMARY KEY,
  made_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  made_by   TEXT    NOT NULL DEFAULT '',
  kind      TEXT    NOT NULL,   -- merge, rename, retype, alias, delete, delete-relation
  arguments TEXT    NOT NULL,   -- JSON
  undone    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE edit_keys (
  key     TEXT    NOT NULL,
  edit_id INTEGER NOT NULL REFERENCES edits(id),
  PRIMARY KEY (key, edit_id)
) WITHOUT ROWID;

CREATE TABLE edit_documents (
  edit_id     INTEGER NOT NULL REFERENCES edits(id),
  document_id INTEGER NOT NULL,
  PRIMARY KEY (edit_id, document_id)
) WITHOUT ROWID;

-- The user lexicons (`kg build --lexicon`) the database's extractions were
-- made with, in the order given: a later build without --lexicon uses them
-- again (from the file when it is still there, else from this copy).
CREATE TABLE user_lexicons (
  position INTEGER PRIMARY KEY,
  path     TEXT    NOT NULL,
  content  BLOB    NOT NULL
);
