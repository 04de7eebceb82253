// export/export.h: the public face of the export stage. It turns a
// KnowledgeGraph (usually Store::load_graph()) into the files other tools
// read: node-link JSON (the shape the gold scorer and NetworkX read), GraphML
// and GEXF for Gephi, Graphviz DOT, and neo4j-admin import CSV. Every format
// can be restricted to a subgraph first.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"
#include "graph/graph.h"

namespace kg {

// A request the export cannot honour: unknown format or type, a name that
// matches no entity, an output path that cannot be written. The message names
// the argument or file and says what is wrong.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ExportFormat { json, graphml, gexf, dot, csv };

std::optional<ExportFormat> parse_export_format(std::string_view name);
std::string_view to_string(ExportFormat format);

// Which part of the graph to keep. Empty members select everything.
struct SubgraphFilter {
  std::vector<EntityType> types;        // keep entities of these types
  std::vector<RelationType> relations;  // keep relations of these types, and
                                        // only the entities they touch
  std::string around;                   // keep what lies within `depth` steps
  unsigned depth = 1;                   //   of the entities so named
  std::string source;  // keep facts with mentions/evidence in documents whose
                       // source ends with this; their other documents are cut
  bool empty() const {
    return types.empty() && relations.empty() && around.empty() && source.empty();
  }
};

// Parses "Official,Park" or repeated values into types; throws ExportError
// naming `argument` for an unknown name.
std::vector<EntityType> parse_entity_types(const std::vector<std::string>& values,
                                           std::string_view argument);
std::vector<RelationType> parse_relation_types(const std::vector<std::string>& values,
                                               std::string_view argument);

// The entities `name` finds as `kg query` finds them (graph/names.h match_name).
std::vector<Vertex> find_entities(const KnowledgeGraph& graph, std::string_view name);

// A copy of the selected part of `graph`, ids unchanged. Throws ExportError
// when `around` names no entity of the filtered graph.
KnowledgeGraph select_subgraph(const KnowledgeGraph& graph, const SubgraphFilter& filter);

// The writers. Each writes one complete file to `out`.
void write_json(const KnowledgeGraph& graph, std::ostream& out);
void write_graphml(const KnowledgeGraph& graph, std::ostream& out);
void write_gexf(const KnowledgeGraph& graph, std::ostream& out);
void write_dot(const KnowledgeGraph& graph, std::ostream& out);
void write_csv_nodes(const KnowledgeGraph& graph, std::ostream& out);
void write_csv_relationships(const KnowledgeGraph& graph, std::ostream& out);

// Writes `graph` in `format` to `output`: a file path, or empty / "-" for
// `console`. For csv, `output` is a directory (created if missing) that
// receives nodes.csv and relationships.csv; csv cannot go to the console.
// Files are written under a temporary name and renamed, so a failed export
// never leaves half a file where a good one was. Throws ExportError.
void export_graph(const KnowledgeGraph& graph, ExportFormat format, const std::string& output,
                  std::ostream& console);

// Valid UTF-8 (invalid bytes become U+FFFD) without the control characters
// XML 1.0 forbids: text that may go into any XML, HTML or SVG file.
std::string xml_safe_text(std::string_view text);

// The fill colour of an entity type ("#rrggbb"), shared by every picture of
// the graph so that a type looks the same in Gephi, Graphviz and reports.
std::string_view type_colour(EntityType type);

}  // namespace kg
