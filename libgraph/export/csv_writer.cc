// export/csv_writer.cc: the two files neo4j-admin import reads, with the
// header fields it understands (id:ID, :LABEL, :START_ID, :END_ID, :TYPE,
// typed columns). Fields are quoted, quotes doubled; line breaks become
// spaces because neo4j-admin refuses them unless told --multiline-fields.
#include <string>

#include "export/export.h"
#include "export/export_common.h"

namespace kg {

namespace {

void append_field(std::string& out, std::string_view text) {
  const std::string safe = export_detail::xml_clean(text);
  out += '"';
  for (char c : safe) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else out += c;
  }
  out += '"';
}

}  // namespace

void write_csv_nodes(const KnowledgeGraph& graph, std::ostream& out_stream) {
  const GraphBase& g = graph.g;
  const auto ids = export_detail::make_ids(graph);
  std::string out = "id:ID,name,type,aliases:string[],:LABEL\n";
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const EntityProps& e = g[*it];
    append_field(out, ids.node[*it]);
    out += ',';
    append_field(out, e.name);
    out += ',';
    append_field(out, to_string(e.type));
    out += ',';
    // neo4j-admin splits arrays on ';', so an alias may not contain one.
    std::string aliases;
    for (std::size_t i = 0; i < e.aliases.size(); ++i) {
      if (i) aliases += ';';
      for (char c : e.aliases[i]) aliases += c == ';' ? ',' : c;
    }
    append_field(out, aliases);
    out += ',';
    append_field(out, to_string(e.type));
    out += '\n';
  }
  out_stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

void write_csv_relationships(const KnowledgeGraph& graph, std::ostream& out_stream) {
  const GraphBase& g = graph.g;
  const auto ids = export_detail::make_ids(graph);
  std::string out = ":START_ID,:END_ID,:TYPE,title,weight:int\n";
  for (const auto& row : ids.edges) {
    const RelationProps& r = g[row.edge];
    append_field(out, ids.node[row.source]);
    out += ',';
    append_field(out, ids.node[row.target]);
    out += ',';
    append_field(out, to_string(r.type));
    out += ',';
    append_field(out, r.title);
    out += ',';
    out += std::to_string(r.evidence.size());
    out += '\n';
  }
  out_stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace kg
