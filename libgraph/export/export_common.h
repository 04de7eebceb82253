// export/export_common.h (internal to the export stage): what every writer
// needs in the same way: unique ids for nodes and edges, the keys of parallel
// edges, the attribute columns and their types, and text made safe for XML.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "export/export.h"
#include "graph/graph.h"

namespace kg::export_detail {

struct EdgeRow {
  Edge edge;                // the (first) relation of the row
  std::vector<Edge> merged;  // with merge_parallel: every relation of the pair, else empty
  Vertex source, target;
  std::string id;         // unique in the file
  std::uint32_t key = 0;  // 0, 1, ... among edges of the same (source, target)
};

// Ids as files carry them. Entity and relation ids are used as they are when
// present and unique; anything else gets a made-up id that cannot collide.
struct ExportIds {
  std::vector<std::string> node;  // indexed by vertex
  std::vector<EdgeRow> edges;     // in boost::edges() order
};
// With merge_parallel, one row per (source, target) pair, its id made from
// the ids of both ends.
ExportIds make_ids(const KnowledgeGraph& graph, bool merge_parallel = false);

// What an edge row says: for one relation its own type, title and
// provenance; for merged relations the distinct types and titles joined with
// "|", evidence summed, the earliest first document and date, and the union
// of their date spans.
struct EdgeSummary {
  std::string type, title;
  std::string label;  // the title, else the type: what Gephi shows on the edge
  Provenance provenance;
};
EdgeSummary summarize(const KnowledgeGraph& graph, const EdgeRow& row);

// Which of two documents reported first: dated before undated, the earlier
// published date, then the lower id.
bool reported_before(const DocumentInfo& a, const DocumentInfo& b);
// `span` grown to cover `more` (or set to it).
void widen(std::optional<DateSpan>& span, const std::optional<DateSpan>& more);

// An attribute name found on entities (or relations) and whether every value
// it has is a number, so typed formats can declare it as double.
struct AttributeColumn {
  std::string name;
  bool numeric = true;
};
std::vector<AttributeColumn> entity_attribute_columns(const KnowledgeGraph& graph,
                                                      const std::vector<std::string>& reserved);
std::vector<AttributeColumn> relation_attribute_columns(const KnowledgeGraph& graph,
                                                        const std::vector<std::string>& reserved);
bool is_number(std::string_view text);
// The first value of `name`, or null: a name given twice keeps its first value.
const std::string* attribute_value(const Attributes& attributes, std::string_view name);

// Valid UTF-8 (invalid bytes become U+FFFD), without the control characters
// XML 1.0 forbids; tab, newline and carriage return are kept.
std::string xml_clean(std::string_view text);
// xml_clean, then &, <, >, " and ' as entities. UTF-8 stays UTF-8.
void append_xml_escaped(std::string& out, std::string_view text);
std::string xml_escaped(std::string_view text);

// Valid UTF-8 with invalid bytes replaced; other characters untouched.
std::string valid_utf8(std::string_view text);

// `<edge id="…" source="…" target="…"` with its ids escaped, the opening
// GraphML and GEXF share; the caller adds its own attributes and closes it.
void append_xml_edge_open(std::string& out, std::string_view indent, const ExportIds& ids, const EdgeRow& row);

// "d<id>", the document id every format uses.
std::string document_ref(std::int64_t id);

}  // namespace kg::export_detail
