// export/graphml_writer.cc: GraphML for Gephi, NetworkX and igraph.
//
// Written by hand rather than with boost::write_graphml, which this file
// would otherwise use: Boost names nodes "n<index>" and edges "e<count>", so
// the stable entity and relation ids would be lost (Gephi merges re-imports
// by id); it writes a <data> element for every key on every element, so an
// optional numeric attribute such as investment_yuan becomes an empty string
// under a double key, which NetworkX and igraph refuse to read; and it passes
// attribute names and XML-forbidden control characters through unescaped.
// Its one strength, UTF-8 kept as UTF-8 rather than character references, is
// kept here too.
#include <string>

#include "export/export.h"
#include "export/export_common.h"

namespace kg {

namespace {

struct Key {
  std::string id, name, type;  // GraphML key id, attr.name, attr.type
};

void declare(std::string& out, const Key& key, std::string_view domain) {
  out += "  <key id=\"";
  export_detail::append_xml_escaped(out, key.id);
  out += "\" for=\"";
  out += domain;
  out += "\" attr.name=\"";
  export_detail::append_xml_escaped(out, key.name);
  out += "\" attr.type=\"";
  out += key.type;
  out += "\"/>\n";
}

void data(std::string& out, std::string_view key_id, std::string_view value) {
  out += "      <data key=\"";
  out += key_id;
  out += "\">";
  export_detail::append_xml_escaped(out, value);
  out += "</data>\n";
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace

void write_graphml(const KnowledgeGraph& graph, std::ostream& out_stream, const ExportOptions& options) {
  const GraphBase& g = graph.g;
  const auto ids = export_detail::make_ids(graph, options.merge_parallel);
  const auto node_columns = export_detail::entity_attribute_columns(
      graph, {"label", "type", "aliases", "mentions", "first_source", "date"});
  const auto edge_columns = export_detail::relation_attribute_columns(
      graph, {"label", "type", "title", "weight", "evidence", "first_source", "date", "last_date"});

  std::string out;
  out.reserve(4096 + 320 * (boost::num_vertices(g) + boost::num_edges(g)));
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  declare(out, {"label", "label", "string"}, "node");
  declare(out, {"n_type", "type", "string"}, "node");
  declare(out, {"n_aliases", "aliases", "string"}, "node");
  declare(out, {"n_mentions", "mentions", "int"}, "node");
  declare(out, {"n_first_source", "first_source", "string"}, "node");
  declare(out, {"n_date", "date", "string"}, "node");
  std::vector<std::string> node_keys;
  for (std::size_t i = 0; i < node_columns.size(); ++i) {
    node_keys.push_back("n_attr" + std::to_string(i));
    declare(out, {node_keys.back(), node_columns[i].name, node_columns[i].numeric ? "double" : "string"},
            "node");
  }
  declare(out, {"e_label", "label", "string"}, "edge");
  declare(out, {"e_type", "type", "string"}, "edge");
  declare(out, {"e_title", "title", "string"}, "edge");
  declare(out, {"e_weight", "weight", "int"}, "edge");
  declare(out, {"e_evidence", "evidence", "int"}, "edge");
  declare(out, {"e_first_source", "first_source", "string"}, "edge");
  declare(out, {"e_date", "date", "string"}, "edge");
  declare(out, {"e_last_date", "last_date", "string"}, "edge");
  std::vector<std::string> edge_keys;
  for (std::size_t i = 0; i < edge_columns.size(); ++i) {
    edge_keys.push_back("e_attr" + std::to_string(i));
    declare(out, {edge_keys.back(), edge_columns[i].name, edge_columns[i].numeric ? "double" : "string"},
            "edge");
  }
  out += "  <graph id=\"kg\" edgedefault=\"directed\">\n";

  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const EntityProps& e = g[*it];
    const Provenance provenance = entity_provenance(graph, e);
    out += "    <node id=\"";
    export_detail::append_xml_escaped(out, ids.node[*it]);
    out += "\">\n";
    data(out, "label", e.name);
    data(out, "n_type", to_string(e.type));
    // "|" because names may contain commas, semicolons and spaces, never "|".
    data(out, "n_aliases", joined(e.aliases, "|"));
    data(out, "n_mentions", std::to_string(provenance.count));
    data(out, "n_first_source", first_source(provenance));
    if (!provenance.date.empty()) data(out, "n_date", provenance.date);
    for (std::size_t i = 0; i < node_columns.size(); ++i)
      if (const std::string* value = export_detail::attribute_value(e.attributes, node_columns[i].name))
        data(out, node_keys[i], *value);
    out += "    </node>\n";
  }

  for (const auto& row : ids.edges) {
    const RelationProps& r = g[row.edge];
    const export_detail::EdgeSummary summary = export_detail::summarize(graph, row);
    export_detail::append_xml_edge_open(out, "    ", ids, row);
    out += ">\n";
    // Gephi shows the label on the edge: the post for holds_post, else the type.
    data(out, "e_label", summary.label);
    data(out, "e_type", summary.type);
    data(out, "e_title", summary.title);
    data(out, "e_weight", std::to_string(summary.provenance.count));
    data(out, "e_evidence", std::to_string(summary.provenance.count));
    data(out, "e_first_source", first_source(summary.provenance));
    if (!summary.provenance.date.empty()) data(out, "e_date", summary.provenance.date);
    if (!summary.provenance.last_date.empty()) data(out, "e_last_date", summary.provenance.last_date);
    for (std::size_t i = 0; i < edge_columns.size(); ++i)
      if (const std::string* value = export_detail::attribute_value(r.attributes, edge_columns[i].name))
        data(out, edge_keys[i], *value);
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  out_stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace kg
