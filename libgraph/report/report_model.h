// report/report_model.h (internal to the report stage): the report as data,
// sections of paragraphs and tables, built once from the graph and rendered
// by the Markdown and HTML writers alike, so both always say the same thing.
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"
#include "report/report.h"

namespace kg::report_detail {

struct EvidenceLine {
  std::string sentence;
  std::string document;  // title, date and file of the source document
};

struct Cell {
  std::string text;
  std::vector<EvidenceLine> evidence;  // when set, the cell shows these instead
};

struct Table {
  std::string id;     // stable anchor, e.g. "served"
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

struct Section {
  std::string id;
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<std::pair<std::string, std::string>> facts;  // label: value list
  std::vector<Table> tables;
  std::string empty_note;  // shown when the section has no table rows
};

struct ReportModel {
  std::string title;
  std::vector<Section> sections;
  // What the picture shows: the whole graph, or one entity's neighbourhood.
  KnowledgeGraph picture;
  std::string picture_caption;
};

// The relation report of the whole graph.
ReportModel build_relation_report(const KnowledgeGraph& graph, const ReportOptions& options);
// The dossier of every entity named `options.entity`; throws ReportError if none.
ReportModel build_dossier(const KnowledgeGraph& graph, const ReportOptions& options);

// Text for HTML and SVG: valid UTF-8, no forbidden control characters, and
// &, <, >, " and ' as references.
void append_html_escaped(std::string& out, std::string_view text);

std::string render_markdown(const ReportModel& model);
std::string render_html(const ReportModel& model, const ReportOptions& options);

// An SVG drawing of `graph`: Graphviz's when allowed and installed, else a
// circular layout computed here. Returns the <svg> element alone.
std::string draw_svg(const KnowledgeGraph& graph, bool use_graphviz);
// The circular drawing alone (used when Graphviz is absent or fails).
std::string draw_circular_svg(const KnowledgeGraph& graph);

}  // namespace kg::report_detail
