// edit/edit.h owns corrections that survive rebuilds (`kg edit`, issue 12):
// what each kind of edit does to the resolved graph, the log that keeps
// them (schema/006, through the store), and applying them again after every
// build and remove to the entities the batch touched.
//
// An edit names entities by what identifies them across rebuilds, not by
// row: their type group and name key, and for a person the bodies they hold
// posts in or the document they are known from (resolve/aggregate.h). So an
// entity made again by a later build, from the same records, is the one the
// edit names, and the edit applies to it again.
//
//   merge A B        A's records, mentions and relations join B; B's name stays
//   rename NAME NEW  NEW is shown; the old name becomes an alias
//   retype NAME T    every record of NAME is of type T (a change of records,
//                    applied wherever resolution reads them)
//   alias NAME ALIAS ALIAS finds the entity
//   delete NAME      the entity and its relations are gone, and stay gone when
//                    another file mentions it
//   delete-relation R
//   split NAME FILE  the records of NAME in FILE's documents are an entity of
//                    their own, shown as NAME（FILE's name）(a change of records)
//
// Everything here runs inside one store transaction; a failure rolls it back.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/store.h"

namespace kg {

// An edit the graph refuses: a name or id that matches nothing, a name that
// matches several entities (the message lists them, with what tells them
// apart and their ids), an edit that would make no sense (merging an entity
// with itself, renaming onto another entity's name).
class EditError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The arguments themselves are wrong (an unknown type, an empty name, an
// unknown kind): nothing was looked at.
class EditUsageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct EditRequest {
  std::string kind;                // merge, rename, retype, alias, delete, delete-relation, split
  std::vector<std::string> names;  // entities by name or id (merge: A then B); delete-relation: the r... id
  std::string value;               // rename: the new name; retype: the type; alias: the alias; split: the file
  std::string made_by;             // who (the OS user or $KG_USER)
};

struct EditOutcome {
  std::int64_t id = 0;
  std::string description;  // what was done, one line
};

// Checks the request, finds its entities, records the edit and applies it.
EditOutcome make_edit(Store& store, const EditRequest& request);

struct EditListing {
  std::int64_t id = 0;
  std::string made_at, made_by, kind, description;
  bool undone = false;
};
std::vector<EditListing> list_edits(const Store& store);

// Marks edit `id` undone and resolves again the documents of what it
// changed, so the graph is as if it had never been made.
EditOutcome undo_edit(Store& store, std::int64_t id);

// --- for the pipeline -------------------------------------------------------------
// Installs on the store the rewrite of extractions the edits ask for
// (retype), before a batch is resolved. Call inside the transaction.
void install_edits(Store& store);
// After a batch is applied (Store::apply), inside its transaction: applies
// the edits that concern the entities it wrote (Store::touched_entities),
// found through the log's index of name keys, and the edits those changes
// concern in turn. With `all`, every edit (a full build).
struct EditsApplied {
  std::size_t examined = 0;  // edits applied (each found once)
  std::size_t changed = 0;   // of those, the ones that changed the graph
};
EditsApplied apply_edits(Store& store, bool all = false);

}  // namespace kg
