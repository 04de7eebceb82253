// report/report.cc: choosing the report (overview or dossier), rendering it
// as Markdown or one HTML file, and writing it whole or to the console.
#include "report/report.h"

#include <set>

#include "export/export.h"
#include "report/report_model.h"
#include "store/store.h"

namespace kg {

namespace {

using report_detail::GraphIndex;
using report_detail::Page;

// A single file links only to the rows it has.
class InPageLinks : public report_detail::Links {
 public:
  explicit InPageLinks(const KnowledgeGraph& graph, const std::vector<Vertex>& anchored)
      : graph_(graph), anchored_(anchored.begin(), anchored.end()) {}
  std::string entity(Vertex v) const override {
    return anchored_.count(v) ? "#e-" + report_detail::page_name(graph_.g[v].id) : std::string();
  }
  std::string document(std::int64_t, std::optional<std::uint32_t>) const override { return {}; }
  std::string list(std::string_view) const override { return {}; }
  std::string stylesheet() const override { return {}; }
  std::string home() const override { return {}; }

 private:
  const KnowledgeGraph& graph_;
  std::set<Vertex> anchored_;
};

Page dossier(const GraphIndex& index, const ReportOptions& options) {
  const std::vector<Vertex> found = find_entities(index.graph, options.entity);
  if (found.empty()) throw ReportError("--entity: no entity named '" + options.entity + "' in the graph");
  if (found.size() == 1) return report_detail::build_entity_page(index, found.front(), options);
  // Several entities of one name (four 王伟): one part each.
  Page page;
  page.title = options.entity;
  page.subtitle = std::to_string(found.size()) + " entities have this name.";
  for (Vertex v : found) {
    Page part = report_detail::build_entity_page(index, v, options);
    for (auto& section : part.sections) {
      section.id += "-" + report_detail::page_name(index.graph.g[v].id);
      section.title = report_detail::entity_label(index.graph, v) + ": " + section.title;
      page.sections.push_back(std::move(section));
    }
    if (!page.picture) page.picture = std::move(part.picture);
  }
  return page;
}

}  // namespace

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "md" || name == "markdown") return ReportFormat::markdown;
  if (name == "html") return ReportFormat::html;
  if (name == "site") return ReportFormat::site;
  return std::nullopt;
}

std::string render_report(const KnowledgeGraph& graph, const ReportOptions& options) {
  if (options.format == ReportFormat::site) throw ReportError("--format site writes a directory: use write_site");
  const GraphIndex index(graph);
  const Page page = options.entity.empty() ? report_detail::build_overview(index, options) : dossier(index, options);
  if (options.format == ReportFormat::markdown) return report_detail::render_markdown(index, page);
  const InPageLinks links(graph, page.anchored);
  return report_detail::render_html(index, page, links, options.use_graphviz);
}

void write_report(const KnowledgeGraph& graph, const ReportOptions& options, const std::string& output,
                  std::ostream& console) {
  const std::string text = render_report(graph, options);
  if (output.empty() || output == "-") {
    console.write(text.data(), static_cast<std::streamsize>(text.size()));
    console.flush();
    return;
  }
  try {
    write_file_atomically(output, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
  } catch (const ExportError& e) {
    throw ReportError(e.what());
  }
}

DocumentTextReader document_texts(const Store& store) {
  return [&store](std::int64_t id) { return store.document_text(id); };
}

}  // namespace kg
