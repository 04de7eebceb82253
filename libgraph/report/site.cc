// report/site.cc: the report as an offline site, in the manner of Aleph's
// entity pages: index.html (the overview), a page per entity, a page per
// source document with its entities marked, and lists of every entity by
// type and of every document. One pass over the graph: the indexes are built
// once and each page is written as it is made. Links are relative, nothing is
// fetched from the network, and the site replaces an earlier one whole.
#include <filesystem>
#include <fstream>

#include "export/export.h"
#include "report/report_model.h"

namespace kg {

namespace {

namespace fs = std::filesystem;
using report_detail::GraphIndex;
using report_detail::Page;

constexpr std::size_t kListPage = 1000;  // entries per list page

class SiteLinks : public report_detail::Links {
 public:
  SiteLinks(const KnowledgeGraph& graph, std::string prefix) : graph_(graph), prefix_(std::move(prefix)) {}
  std::string entity(Vertex v) const override {
    return prefix_ + "entities/" + report_detail::page_name(graph_.g[v].id) + ".html";
  }
  std::string document(std::int64_t doc, std::optional<std::uint32_t> sentence) const override {
    if (!graph_.document(doc)) return {};
    return prefix_ + "documents/d" + std::to_string(doc) + ".html" +
           (sentence ? "#s" + std::to_string(*sentence) : std::string());
  }
  std::string list(std::string_view name) const override { return prefix_ + "lists/" + std::string(name) + ".html"; }
  std::string stylesheet() const override { return prefix_ + "style.css"; }
  std::string home() const override { return prefix_.empty() ? std::string() : prefix_ + "index.html"; }

 private:
  const KnowledgeGraph& graph_;
  std::string prefix_;
};

class SiteWriter {
 public:
  SiteWriter(const fs::path& dir, SiteSummary& summary) : dir_(dir), summary_(summary) {}
  void put(const fs::path& relative, const std::string& text) {
    std::ofstream out(dir_ / relative, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) throw ReportError("cannot write '" + (dir_ / relative).string() + "'");
    summary_.bytes += text.size();
  }

 private:
  fs::path dir_;
  SiteSummary& summary_;
};

report_detail::Cell plain(std::string text) {
  report_detail::Cell c;
  c.text = text.empty() ? "—" : std::move(text);
  return c;
}

// Pages of `kListPage` rows: `row` makes the cells of item i.
template <typename Row>
void write_list(SiteWriter& out, const GraphIndex& index, const SiteLinks& links, bool use_graphviz,
                const std::string& name, const std::string& title, const std::vector<std::string>& columns,
                std::size_t count, Row row, SiteSummary& summary) {
  const std::size_t pages = std::max<std::size_t>(1, (count + kListPage - 1) / kListPage);
  for (std::size_t p = 0; p < pages; ++p) {
    Page page;
    page.title = title;
    page.subtitle = report_detail::thousands(count) + " in all" +
                    (pages > 1 ? "; page " + std::to_string(p + 1) + " of " + std::to_string(pages) : "") + ".";
    report_detail::Section section{"list", title, {}, {}, {}, "None.", {}};
    report_detail::Table table{"list", columns, {}, 0, {}};
    for (std::size_t i = p * kListPage; i < count && i < (p + 1) * kListPage; ++i) table.rows.push_back(row(i));
    section.tables.push_back(std::move(table));
    page.sections.push_back(std::move(section));
    if (p > 0) page.pager.push_back({"← previous", name + "-" + std::to_string(p)});
    if (p + 1 < pages) page.pager.push_back({"next →", name + "-" + std::to_string(p + 2)});
    out.put(fs::path("lists") / (name + "-" + std::to_string(p + 1) + ".html"),
            report_detail::render_html(index, page, links, use_graphviz));
    ++summary.list_pages;
  }
}

}  // namespace

SiteSummary write_site(const KnowledgeGraph& graph, const ReportOptions& options, const DocumentTextReader& texts,
                       const std::string& dir) {
  SiteSummary summary;
  const GraphIndex index(graph);
  ReportOptions page_options = options;
  page_options.entity.clear();
  auto write = [&](const std::string& temp) {
    const fs::path root(temp);
    for (const char* sub : {"entities", "documents", "lists"}) fs::create_directories(root / sub);
    SiteWriter out(root, summary);
    out.put("style.css", std::string(report_detail::stylesheet()));

    const SiteLinks at_root(graph, "");
    const SiteLinks below(graph, "../");
    out.put("index.html", report_detail::render_html(index, report_detail::build_overview(index, page_options), at_root,
                                                     options.use_graphviz));
    for (auto [it, end] = boost::vertices(graph.g); it != end; ++it) {
      const Page page = report_detail::build_entity_page(index, *it, page_options);
      out.put(fs::path("entities") / (report_detail::page_name(graph.g[*it].id) + ".html"),
              report_detail::render_html(index, page, below, options.use_graphviz));
      ++summary.entity_pages;
    }
    for (const DocumentInfo& doc : graph.documents) {
      const Page page = report_detail::build_document_page(index, doc, texts ? texts(doc.id) : std::nullopt);
      out.put(fs::path("documents") / ("d" + std::to_string(doc.id) + ".html"),
              report_detail::render_html(index, page, below, options.use_graphviz));
      ++summary.document_pages;
    }

    for (EntityType type : all_entity_types()) {
      std::vector<Vertex> members;
      for (Vertex v : index.ranked)
        if (graph.g[v].type == type) members.push_back(v);
      if (members.empty()) continue;
      const std::string name(to_string(type));
      write_list(out, index, below, options.use_graphviz, name, name + " entities",
                 {"Entity", "Relations", "Mentions", "First reported"}, members.size(),
                 [&](std::size_t i) {
                   const Vertex v = members[i];
                   const Provenance p = entity_provenance(graph, graph.g[v]);
                   report_detail::Cell entity;
                   entity.entities.push_back({v, ""});
                   report_detail::Cell first = plain(p.first ? report_detail::document_label(graph, p.first->id) : "");
                   if (p.first) first.document = p.first->id;
                   return std::vector<report_detail::Cell>{std::move(entity),
                                                           plain(report_detail::thousands(index.degree[v])),
                                                           plain(report_detail::thousands(p.count)), std::move(first)};
                 },
                 summary);
    }
    write_list(out, index, below, options.use_graphviz, "documents", "Documents",
               {"Document", "Published", "Outlet", "Source"}, graph.documents.size(),
               [&](std::size_t i) {
                 const DocumentInfo& d = graph.documents[i];
                 report_detail::Cell name = plain(d.title.empty() ? d.source : d.title);
                 name.document = d.id;
                 return std::vector<report_detail::Cell>{std::move(name), plain(d.published), plain(d.outlet),
                                                         plain(d.source)};
               },
               summary);
  };
  try {
    replace_directory(dir, ".kg-site", write);
  } catch (const ExportError& e) {
    throw ReportError(e.what());
  }
  return summary;
}

}  // namespace kg
