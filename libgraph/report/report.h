// report/report.h: the public face of the report stage: a relation report a
// person reads (summary, officials and posts, officials and the companies
// they served, parks, projects and investments, cooperation), or the dossier
// of one entity, as Markdown or as one self-contained HTML file with a
// picture of the graph. Every row carries its evidence sentence and source.
#pragma once

#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "graph/graph.h"

namespace kg {

// A report that cannot be made: unknown format, no entity of that name, an
// output file that cannot be written. The message names what is wrong.
class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ReportFormat { markdown, html };

// "md" (or "markdown") and "html".
std::optional<ReportFormat> parse_report_format(std::string_view name);

struct ReportOptions {
  ReportFormat format = ReportFormat::markdown;
  std::string entity;  // when set: the dossier of the entities of this name
  // The HTML picture comes from Graphviz `dot -Tsvg` when it is on PATH and
  // this is true; otherwise from a circular drawing computed here.
  bool use_graphviz = true;
  // Larger graphs are drawn by their best-connected entities only.
  std::size_t picture_max_entities = 120;
};

// The whole report as text. Throws ReportError.
std::string render_report(const KnowledgeGraph& graph, const ReportOptions& options);

// render_report to `output` (a file, written whole or not at all), or to
// `console` when `output` is empty or "-". Throws ReportError.
void write_report(const KnowledgeGraph& graph, const ReportOptions& options, const std::string& output,
                  std::ostream& console);

}  // namespace kg
