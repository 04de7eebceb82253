// export/gexf_writer.cc: GEXF 1.3, Gephi's own format. Parallel edges carry
// their relation type as the edge `kind` (GEXF 1.3 tells parallel edges apart
// by kind), nodes carry their type's colour through the viz namespace. When
// facts are dated the graph is dynamic: every edge lives from the first to
// the last day its dates cover, every node from its first to its last
// dated mention or relation, so Gephi's timeline can play the network.
#include <string>

#include "export/export.h"
#include "export/export_common.h"

namespace kg {

namespace {

void attribute_decl(std::string& out, std::string_view id, std::string_view title,
                    std::string_view type) {
  out += "      <attribute id=\"";
  export_detail::append_xml_escaped(out, id);
  out += "\" title=\"";
  export_detail::append_xml_escaped(out, title);
  out += "\" type=\"";
  out += type;
  out += "\"/>\n";
}

void attvalue(std::string& out, std::string_view id, std::string_view value) {
  out += "          <attvalue for=\"";
  export_detail::append_xml_escaped(out, id);
  out += "\" value=\"";
  export_detail::append_xml_escaped(out, value);
  out += "\"/>\n";
}

int hex_pair(std::string_view hex) {
  auto digit = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
  };
  return digit(hex[0]) * 16 + digit(hex[1]);
}

}  // namespace

void write_gexf(const KnowledgeGraph& graph, std::ostream& out_stream, const ExportOptions& options) {
  const GraphBase& g = graph.g;
  const auto ids = export_detail::make_ids(graph, options.merge_parallel);
  const auto node_columns =
      export_detail::entity_attribute_columns(graph, {"type", "aliases", "mentions", "first_source", "date"});
  const auto edge_columns =
      export_detail::relation_attribute_columns(graph, {"type", "title", "evidence", "first_source", "date", "last_date"});

  // Spans first: a node lives at least as long as its edges (Gephi hides an
  // edge whose ends are not alive).
  std::vector<export_detail::EdgeSummary> edges;
  edges.reserve(ids.edges.size());
  std::vector<Provenance> nodes(boost::num_vertices(g));
  for (auto [it, end] = boost::vertices(g); it != end; ++it) nodes[*it] = entity_provenance(graph, g[*it]);
  bool dynamic = false;
  for (const auto& row : ids.edges) {
    edges.push_back(export_detail::summarize(graph, row));
    const auto& span = edges.back().provenance.span;
    export_detail::widen(nodes[row.source].span, span);
    export_detail::widen(nodes[row.target].span, span);
  }
  for (const Provenance& p : nodes) dynamic = dynamic || p.span.has_value();

  auto append_span = [](std::string& out, const std::optional<DateSpan>& span) {
    if (!span) return;
    out += " start=\"" + span->first + "\" end=\"" + span->last + "\"";
  };

  std::string out;
  out.reserve(4096 + 320 * (boost::num_vertices(g) + boost::num_edges(g)));
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
      "  <meta>\n    <creator>kg</creator>\n"
      "    <description>knowledge graph of local-governance news</description>\n  </meta>\n";
  out += dynamic ? "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
                 : "  <graph defaultedgetype=\"directed\" mode=\"static\">\n";
  out += "    <attributes class=\"node\">\n";
  attribute_decl(out, "type", "type", "string");
  attribute_decl(out, "aliases", "aliases", "string");
  attribute_decl(out, "mentions", "mentions", "integer");
  attribute_decl(out, "first_source", "first_source", "string");
  attribute_decl(out, "date", "date", "string");
  std::vector<std::string> node_keys;
  for (std::size_t i = 0; i < node_columns.size(); ++i) {
    node_keys.push_back("a" + std::to_string(i));
    attribute_decl(out, node_keys.back(), node_columns[i].name,
                   node_columns[i].numeric ? "double" : "string");
  }
  out += "    </attributes>\n    <attributes class=\"edge\">\n";
  attribute_decl(out, "type", "type", "string");
  attribute_decl(out, "title", "title", "string");
  attribute_decl(out, "evidence", "evidence", "integer");
  attribute_decl(out, "first_source", "first_source", "string");
  attribute_decl(out, "date", "date", "string");
  attribute_decl(out, "last_date", "last_date", "string");
  std::vector<std::string> edge_keys;
  for (std::size_t i = 0; i < edge_columns.size(); ++i) {
    edge_keys.push_back("a" + std::to_string(i));
    attribute_decl(out, edge_keys.back(), edge_columns[i].name,
                   edge_columns[i].numeric ? "double" : "string");
  }
  out += "    </attributes>\n    <nodes count=\"" + std::to_string(boost::num_vertices(g)) + "\">\n";

  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const EntityProps& e = g[*it];
    const Provenance& provenance = nodes[*it];
    out += "      <node id=\"";
    export_detail::append_xml_escaped(out, ids.node[*it]);
    out += "\" label=\"";
    export_detail::append_xml_escaped(out, e.name);
    out += "\"";
    append_span(out, provenance.span);
    out += ">\n        <attvalues>\n";
    attvalue(out, "type", to_string(e.type));
    std::string aliases;
    for (std::size_t i = 0; i < e.aliases.size(); ++i) {
      if (i) aliases += '|';
      aliases += e.aliases[i];
    }
    attvalue(out, "aliases", aliases);
    attvalue(out, "mentions", std::to_string(provenance.count));
    attvalue(out, "first_source", first_source(provenance));
    if (!provenance.date.empty()) attvalue(out, "date", provenance.date);
    for (std::size_t i = 0; i < node_columns.size(); ++i)
      if (const std::string* value = export_detail::attribute_value(e.attributes, node_columns[i].name))
        attvalue(out, node_keys[i], *value);
    out += "        </attvalues>\n";
    const std::string_view colour = type_colour(e.type);
    out += "        <viz:color r=\"" + std::to_string(hex_pair(colour.substr(1, 2))) + "\" g=\"" +
           std::to_string(hex_pair(colour.substr(3, 2))) + "\" b=\"" +
           std::to_string(hex_pair(colour.substr(5, 2))) + "\"/>\n";
    out += "      </node>\n";
  }
  out += "    </nodes>\n    <edges count=\"" + std::to_string(ids.edges.size()) + "\">\n";

  for (std::size_t i = 0; i < ids.edges.size(); ++i) {
    const auto& row = ids.edges[i];
    const export_detail::EdgeSummary& summary = edges[i];
    const RelationProps& r = g[row.edge];
    export_detail::append_xml_edge_open(out, "      ", ids, row);
    out += " kind=\"";
    export_detail::append_xml_escaped(out, summary.type);
    out += "\" label=\"";
    export_detail::append_xml_escaped(out, summary.label);
    out += "\" weight=\"" + std::to_string(summary.provenance.count) + "\"";
    append_span(out, summary.provenance.span);
    out += ">\n        <attvalues>\n";
    attvalue(out, "type", summary.type);
    attvalue(out, "title", summary.title);
    attvalue(out, "evidence", std::to_string(summary.provenance.count));
    attvalue(out, "first_source", first_source(summary.provenance));
    if (!summary.provenance.date.empty()) attvalue(out, "date", summary.provenance.date);
    if (!summary.provenance.last_date.empty()) attvalue(out, "last_date", summary.provenance.last_date);
    for (std::size_t k = 0; k < edge_columns.size(); ++k)
      if (const std::string* value = export_detail::attribute_value(r.attributes, edge_columns[k].name))
        attvalue(out, edge_keys[k], *value);
    out += "        </attvalues>\n      </edge>\n";
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  out_stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace kg
