// report/report.h: the public face of the report stage: what people read.
//
// - The overview (Markdown or one self-contained HTML file): what the graph
//   holds, what each relation means, the most connected entities overall and
//   by type, a picture of a readable connected piece of the graph, and each
//   kind of relation with its evidence, every list cut to the top N with
//   "…and N more", so that its size does not grow with the corpus.
// - The dossier of one entity (--entity NAME).
// - The site (a directory): the overview as its index, one page per entity
//   (posts, relations, timeline, a picture of its neighbours, documents) and
//   one page per source document with its entities marked, all linked,
//   nothing fetched from the network.
// Evidence sentences are shown once per page, with the entities they name
// marked (and linked where there is a page to link to) and their source.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "graph/graph.h"

namespace kg {

class Store;

// A report that cannot be made: unknown format, no entity of that name, an
// output file that cannot be written. The message names what is wrong.
class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ReportFormat { markdown, html, site };

// "md" (or "markdown"), "html" and "site".
std::optional<ReportFormat> parse_report_format(std::string_view name);

struct ReportOptions {
  ReportFormat format = ReportFormat::markdown;
  std::string entity;  // when set: the dossier of the entities of this name
  // Pictures come from Graphviz (`neato`) when it is on PATH and this is
  // true; otherwise from a layout computed here.
  bool use_graphviz = true;
  // Rows per table and entities per list; the overview's picture shows up to
  // twice as many entities (at most 100).
  std::size_t top = 20;
  // What part of the graph the report is about, said under its title
  // (SubgraphFilter::describe()); empty for the whole graph.
  std::string scope;
};

// The whole report as text (markdown or html). Throws ReportError.
std::string render_report(const KnowledgeGraph& graph, const ReportOptions& options);

// render_report to `output` (a file, written whole or not at all), or to
// `console` when `output` is empty or "-". Throws ReportError.
void write_report(const KnowledgeGraph& graph, const ReportOptions& options, const std::string& output,
                  std::ostream& console);

// The clean text of a stored document (UTF-8), or nullopt; the site marks
// entities in it. Offsets of mentions and evidence are code points into it.
using DocumentTextReader = std::function<std::optional<std::string>(std::int64_t document_id)>;
DocumentTextReader document_texts(const Store& store);

// What write_site wrote.
struct SiteSummary {
  std::size_t entity_pages = 0, document_pages = 0, list_pages = 0;
  std::uint64_t bytes = 0;
};

// The site in the directory `dir`: index.html, entities/, documents/,
// lists/ and style.css, in one pass over the graph. A `dir` that holds an
// earlier site is replaced whole; one that holds anything else is refused.
SiteSummary write_site(const KnowledgeGraph& graph, const ReportOptions& options, const DocumentTextReader& texts,
                       const std::string& dir);

}  // namespace kg
