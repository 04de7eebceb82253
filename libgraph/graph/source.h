// graph/source.h owns the read interface every question about the graph is
// asked through. The store implements it over its SQLite indexes, reading
// only what a question needs; KnowledgeGraphSource implements it over a graph
// in memory. The query stage runs the same code on either.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.h"
#include "core/types.h"
#include "graph/graph.h"
#include "model/attributes.h"
#include "model/document.h"

namespace kg {

struct Topology;

// Stable integer keys: the store's row ids, or vertex and edge indices of a
// KnowledgeGraph. Valid within one source.
using EntityRef = std::int64_t;
using RelationRef = std::int64_t;

struct EntitySummary {
  EntityRef ref = 0;
  std::string id;  // the content-derived id users see ("e...")
  std::string name;
  EntityType type = EntityType::Organization;
};

struct EntityDetails {
  EntitySummary entity;
  std::vector<std::string> aliases;
  Attributes attributes;
  std::vector<std::int64_t> documents;  // ids of the documents it is mentioned in, ascending
};

struct RelationSummary {
  RelationRef ref = 0;
  std::string id;  // "r..."
  RelationType type = RelationType::located_in;
  std::string title;
  Attributes attributes;
  EntitySummary source, target;
  std::vector<std::int64_t> evidence_documents;  // one per piece of evidence, ascending

  // --- issue 12 part 2: time ---------------------------------------------------
  // The date of each piece of evidence, in the order of evidence_documents
  // ("" when undated; core/dates.h for what a date is).
  std::vector<std::string> evidence_dates = {};
  // The earliest and latest of them: when the relation was first and last seen.
  DateRange seen() const { return date_range(evidence_dates); }
  // Whether some piece of evidence falls in `window` (always, for an empty one).
  bool seen_in(const DateWindow& window) const {
    if (window.empty()) return true;
    for (const auto& date : evidence_dates)
      if (window.admits(date)) return true;
    return false;
  }
};

enum class EdgeDirection { out, in, both };

// --- name conditions a scan answers (Cypher's WHERE on names) -----------------
// Names compare as Cypher compares them: by lookup key (graph/names.h) on
// both sides, so a test's text is a key already.
struct NameTest {
  enum class Op { equals, starts_with, contains, ends_with } op = Op::equals;
  std::string key;
};

// What an entity's name must pass: every test of all_of and, when given,
// equality with one of one_of (IN [...]; an empty list admits nothing). An
// empty filter admits every name.
struct NameFilter {
  std::vector<NameTest> all_of;
  std::optional<std::vector<std::string>> one_of;

  bool empty() const { return all_of.empty() && !one_of; }
  // Whether a name whose lookup key is `key` passes.
  bool admits(std::string_view key) const;
};

// Which relations scan_relations visits, and in what order.
struct RelationScan {
  std::optional<RelationType> type;         // all types when empty
  std::optional<EntityType> source_type;    // of the relation's source (as shown), when given
  std::optional<EntityType> target_type;
  // The end types may be met either way round (an undirected pattern): a
  // relation fits when its source has target_type and its target source_type.
  bool either_way = false;
  // What the names of the ends must pass, as the types: source_name with
  // source_type, target_name with target_type.
  NameFilter source_name, target_name;
  // By the source's name, then the target's name, then ref: a question that
  // shows the first N rows in name order reads little more than N relations.
  // Otherwise in whatever order is quickest to read them all.
  bool in_name_order = true;
  // Only relations with some evidence dated in the window (all when it is
  // empty): a window few relations fall in is found without reading every
  // relation of the type in name order.
  DateWindow window;
};

// How a name matched an entity, best first: the name it is shown under, one of
// its other spellings or aliases, or only a part of a name or alias.
enum class NameTier { name, alias, part };

class GraphSource {
 public:
  virtual ~GraphSource() = default;

  virtual std::size_t entity_count() const = 0;
  virtual std::size_t relation_count() const = 0;

  virtual std::optional<EntitySummary> entity(EntityRef ref) const = 0;
  virtual std::optional<EntitySummary> entity_by_id(std::string_view id) const = 0;
  // Entities whose name key (graph/names.h) at `tier` is `key` (for `part`:
  // contains it), in ascending ref order.
  virtual std::vector<EntitySummary> entities_by_key(const std::string& key, NameTier tier) const = 0;
  // Entities shown under exactly this name.
  virtual std::vector<EntitySummary> entities_named(std::string_view name) const = 0;
  // Every entity (of one type) whose name `names` admits, ascending ref
  // order, until `visit` says false.
  virtual void scan_entities(std::optional<EntityType> type, const NameFilter& names,
                             const std::function<bool(const EntitySummary&)>& visit) const = 0;
  virtual EntityDetails details(EntityRef ref) const = 0;

  virtual std::optional<RelationSummary> relation(RelationRef ref) const = 0;
  // The relations of one entity, by direction and type, ascending ref order.
  virtual std::vector<RelationSummary> relations_of(EntityRef ref, EdgeDirection direction,
                                                    std::optional<RelationType> type) const = 0;
  // Every relation the scan selects, until `visit` says false.
  virtual void scan_relations(const RelationScan& scan,
                              const std::function<bool(const RelationSummary&)>& visit) const = 0;
  // The evidence of one relation, with its sentences, ordered by document.
  virtual std::vector<EvidenceRef> evidence(RelationRef ref) const = 0;
  virtual std::optional<DocumentInfo> document(std::int64_t id) const = 0;
  // Ids, types and typed edges of the whole graph, no text.
  virtual Topology topology() const = 0;

  // --- issue 12 part 5: documents in Cypher ---------------------------------
  // Cypher's :Document nodes, and MENTIONS both ways: an entity's documents
  // are EntityDetails::documents, a document's entities entities_in_document.
  // Every document, ascending id, until `visit` says false.
  virtual void scan_documents(const std::function<bool(const DocumentInfo&)>& visit) const = 0;
  // The documents read from the file at `path` (any path it was built from).
  virtual std::vector<DocumentInfo> documents_from(std::string_view path) const = 0;
  // Every entity (of one type) whose name `names` admits, in name order
  // (then ref), until `visit` says false: without a filter the first N cost
  // about N reads, whatever the graph's size.
  virtual void scan_entities_by_name(std::optional<EntityType> type, const NameFilter& names,
                                     const std::function<bool(const EntitySummary&)>& visit) const = 0;
  // The entities document `id` mentions, ascending ref.
  virtual std::vector<EntityRef> entities_in_document(std::int64_t id) const = 0;
};

// A GraphSource over a KnowledgeGraph in memory (refs are vertex and edge
// indices in the order of the graph's edge list). The graph must outlive it.
class KnowledgeGraphSource : public GraphSource {
 public:
  explicit KnowledgeGraphSource(const KnowledgeGraph& graph);
  ~KnowledgeGraphSource() override;

  std::size_t entity_count() const override;
  std::size_t relation_count() const override;
  std::optional<EntitySummary> entity(EntityRef ref) const override;
  std::optional<EntitySummary> entity_by_id(std::string_view id) const override;
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

  // The vertex and edge a ref stands for.
  Vertex vertex(EntityRef ref) const { return static_cast<Vertex>(ref); }
  Edge edge(RelationRef ref) const;

 private:
  struct Index;
  const Index& index() const;
  EntitySummary summary(Vertex v) const;
  RelationSummary relation_summary(std::size_t edge_index) const;

  const KnowledgeGraph& graph_;
  mutable std::unique_ptr<Index> index_;  // built on first use
};

}  // namespace kg
