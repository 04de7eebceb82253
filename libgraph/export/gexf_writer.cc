// export/gexf_writer.cc: GEXF 1.3, Gephi's own format. Parallel edges carry
// their relation type as the edge `kind` (GEXF 1.3 tells parallel edges apart
// by kind), nodes carry their type's colour through the viz namespace.
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

void write_gexf(const KnowledgeGraph& graph, std::ostream& out_stream) {
  const GraphBase& g = graph.g;
  const auto ids = export_detail::make_ids(graph);
  const auto node_columns = export_detail::entity_attribute_columns(graph, {"type", "aliases", "mentions"});
  const auto edge_columns = export_detail::relation_attribute_columns(graph, {"type", "title"});

  std::string out;
  out.reserve(4096 + 256 * (boost::num_vertices(g) + boost::num_edges(g)));
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
      "  <meta>\n    <creator>kg</creator>\n"
      "    <description>knowledge graph of local-governance news</description>\n  </meta>\n"
      "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
      "    <attributes class=\"node\">\n";
  attribute_decl(out, "type", "type", "string");
  attribute_decl(out, "aliases", "aliases", "string");
  attribute_decl(out, "mentions", "mentions", "integer");
  std::vector<std::string> node_keys;
  for (std::size_t i = 0; i < node_columns.size(); ++i) {
    node_keys.push_back("a" + std::to_string(i));
    attribute_decl(out, node_keys.back(), node_columns[i].name,
                   node_columns[i].numeric ? "double" : "string");
  }
  out += "    </attributes>\n    <attributes class=\"edge\">\n";
  attribute_decl(out, "type", "type", "string");
  attribute_decl(out, "title", "title", "string");
  std::vector<std::string> edge_keys;
  for (std::size_t i = 0; i < edge_columns.size(); ++i) {
    edge_keys.push_back("a" + std::to_string(i));
    attribute_decl(out, edge_keys.back(), edge_columns[i].name,
                   edge_columns[i].numeric ? "double" : "string");
  }
  out += "    </attributes>\n    <nodes>\n";

  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const EntityProps& e = g[*it];
    out += "      <node id=\"";
    export_detail::append_xml_escaped(out, ids.node[*it]);
    out += "\" label=\"";
    export_detail::append_xml_escaped(out, e.name);
    out += "\">\n        <attvalues>\n";
    attvalue(out, "type", to_string(e.type));
    std::string aliases;
    for (std::size_t i = 0; i < e.aliases.size(); ++i) {
      if (i) aliases += '|';
      aliases += e.aliases[i];
    }
    attvalue(out, "aliases", aliases);
    attvalue(out, "mentions", std::to_string(e.mentions.size()));
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
  out += "    </nodes>\n    <edges>\n";

  for (const auto& row : ids.edges) {
    const RelationProps& r = g[row.edge];
    export_detail::append_xml_edge_open(out, "      ", ids, row);
    out += " kind=\"";
    out += to_string(r.type);
    out += "\" label=\"";
    export_detail::append_xml_escaped(out, r.title.empty() ? to_string(r.type) : std::string_view(r.title));
    out += "\" weight=\"" + std::to_string(r.evidence.size()) + "\">\n        <attvalues>\n";
    attvalue(out, "type", to_string(r.type));
    attvalue(out, "title", r.title);
    for (std::size_t i = 0; i < edge_columns.size(); ++i)
      if (const std::string* value = export_detail::attribute_value(r.attributes, edge_columns[i].name))
        attvalue(out, edge_keys[i], *value);
    out += "        </attvalues>\n      </edge>\n";
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  out_stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace kg
