// resolve/resolve.h: entity resolution, in one pass over all documents or
// incrementally against a graph already resolved.
//   organisations, places, projects: one entity per (type, name key), and an
//     organisation written with and without its place is one (aggregate.h)
//   people: one per name within a document; across documents only where the
//     name and one of the bodies they hold posts in agree (two 王攀 in two
//     towns stay two people)
// An entity is a connected component of such units. Adding documents, and
// removing them, changes the entities and relations they touch and nothing
// else, and ends where resolving everything again would (docs/architecture.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extract/extraction.h"
#include "graph/graph.h"
#include "ingest/ingest.h"
#include "model/document.h"
#include "resolve/aggregate.h"

namespace kg {

// What resolution reads of one document: which stored document it is, which
// bytes it came from (people known only from it are identified by them), and
// what extraction found. A relation's sentence may be left empty where it is
// the document's text at its evidence span: it is carried that way.
struct ResolvableDocument {
  DocumentInfo info;    // info.id identifies the document in evidence and mentions
  std::string content;  // sha256 (hex) of the file the document is part of
  Extraction extraction;
};

// Resolves documents from scratch into an in-memory graph: entities and
// relations in id order, evidence with its sentences.
KnowledgeGraph resolve(std::vector<ResolvableDocument> documents);
// The same for documents straight from ingest (ids 1, 2, ... in order).
KnowledgeGraph resolve(std::vector<ExtractedDocument> documents);

// --- incremental resolution -------------------------------------------------

using StoredEntityId = std::int64_t;    // > 0: a stored entity; < 0: one made by this batch
using StoredRelationId = std::int64_t;  // likewise

struct StoredRelation {
  StoredEntityId source = 0, target = 0;
  RelationType type = RelationType::located_in;
  std::string title_key;
  RelationData data;
};

// The resolved graph a batch is applied to: the store implements it over its
// indexes. Only the entities and relations a batch touches are read.
class ResolvedGraph {
 public:
  virtual ~ResolvedGraph() = default;
  // Entities with an own name of this key in this group (resolution_group).
  virtual std::vector<StoredEntityId> entities_with_name(EntityType group, const std::string& key) = 0;
  // Entities with an alias link (aggregate.h) to this key.
  virtual std::vector<StoredEntityId> entities_linking_to(EntityType group, const std::string& key) = 0;
  virtual EntityData entity(StoredEntityId id) = 0;
  // Every relation with this entity at one end.
  virtual std::vector<StoredRelationId> relations_of(StoredEntityId id) = 0;
  virtual StoredRelation relation(StoredRelationId id) = 0;
  virtual std::optional<StoredRelationId> find_relation(StoredEntityId source, StoredEntityId target,
                                                        RelationType type, const std::string& title_key) = 0;
  // Stored documents with their extractions, to count them again.
  virtual std::vector<ResolvableDocument> documents(const std::vector<std::int64_t>& ids) = 0;
};

// What a batch changed, for the graph to write. Entity and relation ids below
// zero are new; a relation's ends may be new entities.
struct EntityChange {
  StoredEntityId id = 0;
  bool deleted = false;
  EntityData data;  // the whole new aggregate (empty when deleted)
};

struct RelationChange {
  StoredRelationId id = 0;
  bool deleted = false;
  StoredRelation relation;  // the whole new relation (empty when deleted)
};

class ChangeSink {
 public:
  virtual ~ChangeSink() = default;
  // All entity changes come before any relation change, so that a sink can
  // give new entities their ids before relations point at them. New
  // relations come in the order of (source, type, target), stored entities
  // by id before new ones, new ones in the order they were reported.
  virtual void entity(EntityChange change) = 0;
  virtual void relation(RelationChange change) = 0;
};

// One batch: documents removed and documents added, resolved against
// `graph` (nullptr: an empty graph, as in a full build). Documents are
// counted as they come in; finish() resolves and reports the changes.
class Resolution {
 public:
  explicit Resolution(ResolvedGraph* graph);
  ~Resolution();
  Resolution(const Resolution&) = delete;
  Resolution& operator=(const Resolution&) = delete;

  // A stored document that is going away (its extraction as stored).
  void remove(ResolvableDocument document);
  void add(ResolvableDocument document);
  // Entities and relations the batch touched so far (for progress displays).
  std::size_t pending_records() const;

  void finish(ChangeSink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg
