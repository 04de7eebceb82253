// export/dot_writer.cc: Graphviz DOT. Every id and label is a quoted string,
// nodes are filled with their type's colour, edges say what they mean.
#include <string>

#include "export/export.h"
#include "export/export_common.h"

namespace kg {

namespace {

// A DOT quoted string: backslash and quote escaped, line breaks as \n, and
// control characters dropped (Graphviz rejects some of them).
void append_quoted(std::string& out, std::string_view text) {
  const std::string safe = export_detail::xml_clean(text);
  out += '"';
  for (char c : safe) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      case '\t': out += ' '; break;
      default: out += c; break;
    }
  }
  out += '"';
}

}  // namespace

void write_dot(const KnowledgeGraph& graph, std::ostream& out_stream, const ExportOptions& options) {
  const GraphBase& g = graph.g;
  const auto ids = export_detail::make_ids(graph, options.merge_parallel);
  std::string out;
  out.reserve(1024 + 128 * (boost::num_vertices(g) + boost::num_edges(g)));
  out +=
      "digraph \"kg\" {\n"
      "  graph [rankdir=LR, overlap=false, fontname=\"Noto Sans CJK SC\"];\n"
      "  node [shape=box, style=\"rounded,filled\", fontcolor=\"white\", "
      "fontname=\"Noto Sans CJK SC\"];\n"
      "  edge [fontsize=10, fontname=\"Noto Sans CJK SC\"];\n";
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const EntityProps& e = g[*it];
    out += "  ";
    append_quoted(out, ids.node[*it]);
    out += " [label=";
    append_quoted(out, e.name);
    out += ", tooltip=";
    append_quoted(out, to_string(e.type));
    out += ", fillcolor=";
    append_quoted(out, type_colour(e.type));
    out += "];\n";
  }
  for (const auto& row : ids.edges) {
    const RelationProps& r = g[row.edge];
    const export_detail::EdgeSummary summary = export_detail::summarize(graph, row);
    out += "  ";
    append_quoted(out, ids.node[row.source]);
    out += " -> ";
    append_quoted(out, ids.node[row.target]);
    out += " [label=";
    std::string label = summary.type;
    if (!summary.title.empty()) label += ": " + summary.title;
    append_quoted(out, label);
    out += ", id=";
    append_quoted(out, row.id);
    std::string tooltip = std::to_string(summary.provenance.count) + " evidence";
    if (!summary.provenance.date.empty()) tooltip += ", " + summary.provenance.date;
    if (summary.provenance.first) tooltip += ", first in " + summary.provenance.first->source;
    out += ", tooltip=";
    append_quoted(out, tooltip);
    if (row.merged.size() <= 1 && is_symmetric(r.type)) out += ", dir=both";
    out += "];\n";
  }
  out += "}\n";
  out_stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace kg
