// store/store_source.h: the graph as a GraphSource (graph/source.h) over the
// store's indexes. Each question reads the rows it needs: an entity by its
// name key, id or row, its relations through relations_by_source and
// relations_by_target, relations of a type in name order through
// entities_by_name, evidence sentences cut from the one compressed block of
// text they lie in. A scan by relation type and labels is planned with the
// counts of relation_shapes (schema/011): an empty shape reads nothing, the
// relations of a rare one are listed by rare_relations (schema/012), and
// those of the others are found from the cheapest side. A scan with names
// (NameFilter) finds the entities that may pass on entities_by_name and the
// keys of entity_keys, then only their relations. Refs are the tables'
// integer ids.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "graph/source.h"
#include "graph/topology.h"
#include "store/store.h"

namespace kg {

class StoreSource : public GraphSource {
 public:
  // The store must outlive the source; open it read-only to read.
  explicit StoreSource(const Store& store);
  ~StoreSource() override;

  std::size_t entity_count() const override;
  std::size_t relation_count() const override;
  std::optional<EntitySummary> entity(EntityRef ref) const override;
  // Also an id an edit took away (schema/009): the entity that has it now,
  // under its id now.
  std::optional<EntitySummary> entity_by_id(std::string_view id) const override;
  // The relation shown with id `id` ("r…"), also before an edit changed the
  // id of one of its ends; the relation as it is now. Relation ids are
  // computed when read, not stored: every relation's ends, type and title
  // are read (its evidence is not), against the entities' ids.
  std::optional<RelationSummary> relation_by_id(std::string_view id) const;
  std::vector<EntitySummary> entities_by_key(const std::string& key, NameTier tier) const override;
  std::vector<EntitySummary> entities_named(std::string_view name) const override;
  void scan_entities(std::optional<EntityType> type, const NameFilter& names,
                     const std::function<bool(const EntitySummary&)>& visit) const override;
  EntityDetails details(EntityRef ref) const override;
  std::optional<RelationSummary> relation(RelationRef ref) const override;
  std::vector<RelationSummary> relations_of(EntityRef ref, EdgeDirection direction,
                                            std::optional<RelationType> type) const override;
  void scan_relations(const RelationScan& scan,
                      const std::function<bool(const RelationSummary&)>& visit) const override;
  std::vector<EvidenceRef> evidence(RelationRef ref) const override;
  std::optional<DocumentInfo> document(std::int64_t id) const override;
  Topology topology() const override;
  // issue 12 part 5: documents in Cypher
  void scan_documents(const std::function<bool(const DocumentInfo&)>& visit) const override;
  std::vector<DocumentInfo> documents_from(std::string_view path) const override;
  void scan_entities_by_name(std::optional<EntityType> type, const NameFilter& names,
                             const std::function<bool(const EntitySummary&)>& visit) const override;
  std::vector<EntityRef> entities_in_document(std::int64_t id) const override;

 private:
  // What relation_shapes (schema/011) says of a scan: how many relations
  // fit it, the types at their ends, how many entities have them.
  struct ShapePlan;
  ShapePlan plan(const RelationScan& scan) const;
  // Refs of the relations a scan selects, ascending, found without reading
  // the rows of those it does not, from whichever side the plan's counts
  // make cheapest.
  std::vector<RelationRef> relations_fitting(const RelationScan& scan, const ShapePlan& plan) const;
  // Refs of the relations whose named ends (RelationScan::source_name,
  // target_name) may pass, ascending: the relations of the entities that
  // may pass at the end fewer do, through relations_by_source or
  // relations_by_target. Nothing when that costs more than the plan.
  std::optional<std::vector<RelationRef>> relations_named(const RelationScan& scan, const ShapePlan& plan) const;
  // Those of `refs` (ascending, all of `type` when it is given; every
  // relation of `type` when there are none) with some evidence dated in
  // `window`, read from their blobs' dates alone, not as whole relations.
  std::vector<RelationRef> relations_dated(std::optional<std::vector<RelationRef>> refs, const DateWindow& window,
                                           std::optional<RelationType> type) const;
  // The entities of `refs` that `names` admits, in that order; false when
  // `visit` said stop.
  bool visit_named(std::vector<std::int64_t> refs, const NameFilter& names,
                   const std::function<bool(const EntitySummary&)>& visit) const;

  const Store& store_;
  bool rare_relations_ = false;  // the table of schema/012 exists
  struct Texts;
  std::unique_ptr<Texts> texts_;
};

// --- rare_relations (schema/012) ---------------------------------------------------------
// A shape of relations: the codes of store/codec.cc, as relation_shapes keys them.
struct RelationShape {
  std::int64_t type = 0, source_type = 0, target_type = 0;
};
// The most relations a shape listed by rare_relations has (the migration,
// schema/012, says 4096 too).
inline constexpr std::int64_t kRareShapeRelations = 4096;
// One change the graph writer made to the relations of a shape.
struct ShapeChange {
  enum class Kind {
    added_between,  // a new relation, by the rows of its source and target (its id is not known yet)
    added,          // a relation, by id, came to the shape (its ends' rows exist now, or have the types)
    removed,        // a relation, by id, left it
  } kind = Kind::added;
  std::int64_t first = 0, second = 0;  // source and target rows, or the relation's id and 0
};
// A shape a write changed the relations of.
struct TouchedShape {
  RelationShape shape;
  std::int64_t delta = 0;  // relations it has now less those it had
  // Every change, in the order made; none when one is not known or there
  // are more than kRareShapeRelations of them.
  std::optional<std::vector<ShapeChange>> changes;
};
// Makes rare_relations exact again after a write that changed the
// relations of the shapes `touched` (relation_shapes already counts them):
// the rows of a shape that is not rare go; the changes to one that was rare
// and still is are applied to its rows (a new relation found by its ends
// through relations_by_source); the rows of any other rare shape touched
// are found again, those of all such shapes in one pass over
// relations_by_source. The graph writer (store/graph_io.cc) calls it each
// time it writes relation_shapes.
void write_rare_relations(Store& store, const std::vector<TouchedShape>& touched);

// Cuts sentences out of the stored texts: the block a span lies in is read
// on its own (SQLite incremental blob I/O) and decompressed, so a sentence
// costs O(its length + one block) whatever the document's size. The last
// document's blocks are kept, so evidence read in document order is linear.
class TextCutter {
 public:
  explicit TextCutter(const Store& store);
  ~TextCutter();
  TextCutter(const TextCutter&) = delete;
  TextCutter& operator=(const TextCutter&) = delete;
  // Empty when the document or the span is not there.
  std::string cut(std::int64_t document, Span span);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg
