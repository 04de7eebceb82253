// report/pages.cc: the page of one entity (the dossier: facts, posts,
// relations with evidence, timeline, documents, a picture of its neighbours)
// and the page of one source document (its text with entities and evidence
// marked, what it mentions and states).
#include <algorithm>
#include <set>

#include "export/export.h"
#include "report/report_model.h"

namespace kg::report_detail {

namespace {

// A hub can have thousands of relations; its page lists this many of each kind.
constexpr std::size_t kPageRows = 500;
constexpr std::size_t kQuotesPerRow = 3;

Cell text(std::string value) {
  Cell c;
  c.text = value.empty() ? "—" : std::move(value);
  return c;
}

Cell entity(Vertex v) {
  Cell c;
  c.entities.push_back({v, ""});
  return c;
}

Cell document(const KnowledgeGraph& graph, std::int64_t doc) {
  Cell c = text(document_label(graph, doc));
  c.document = doc;
  return c;
}

void cap(Table& table, std::size_t limit, const std::string& note) {
  if (table.rows.size() <= limit) return;
  table.more_rows = table.rows.size() - limit;
  table.rows.resize(limit);
  table.more_note = note;
}

struct Dated {
  std::string date;
  std::vector<Cell> row;
};

}  // namespace

Page build_entity_page(const GraphIndex& index, Vertex v, const ReportOptions& options) {
  (void)options;
  const KnowledgeGraph& graph = index.graph;
  const auto& g = graph.g;
  const EntityProps& e = g[v];
  QuoteBook quotes(index);
  Page page;
  page.title = e.name;
  page.subtitle = std::string(to_string(e.type));

  Section facts{"facts", "Facts", {}, {}, {}, {}, {}};
  facts.facts.push_back({"Type", text(std::string(to_string(e.type)))});
  std::string aliases;
  for (const auto& a : e.aliases) aliases += (aliases.empty() ? "" : "、") + a;
  facts.facts.push_back({"Aliases", text(aliases)});
  for (const auto& [key, value] : e.attributes) facts.facts.push_back({key, text(value)});
  std::map<std::int64_t, std::size_t> per_document;
  for (const MentionRef& m : e.mentions) ++per_document[m.doc];
  facts.facts.push_back({"Mentions", text(thousands(e.mentions.size()) + " in " + thousands(per_document.size()) +
                                          (per_document.size() == 1 ? " document" : " documents"))});
  facts.facts.push_back({"Relations", text(thousands(index.degree[v]))});
  const Provenance p = entity_provenance(graph, e);
  if (p.first) facts.facts.push_back({"First reported", document(graph, p.first->id)});
  facts.facts.push_back({"Id", text(e.id)});

  Section posts{"posts", "Posts", {std::string(meaning(RelationType::holds_post)) + "."}, {}, {}, {}, {}};
  Table held{"posts-held", {"Post", "Body", "Date", "Evidence"}, {}, 0, {}};
  Table holders{"post-holders", {"Person", "Post", "Date", "Evidence"}, {}, 0, {}};
  Section relations{"relations", "Relations", {}, {}, {}, "No relations were found.", {}};
  Table related{"relations", {"Relation", "Other entity", "Date", "Evidence"}, {}, 0, {}};
  std::vector<Dated> timeline;
  std::set<RelationType> seen_types;

  auto add = [&](Edge edge, bool outgoing) {
    const RelationProps& r = g[edge];
    const Vertex other = outgoing ? boost::target(edge, g) : boost::source(edge, g);
    const Provenance rp = relation_provenance(graph, r);
    Cell evidence = quotes.evidence_cell(r, kQuotesPerRow);
    std::string fact;
    if (r.type == RelationType::holds_post && outgoing) {
      held.rows.push_back({text(r.title), entity(other), text(seen_text(rp)), std::move(evidence)});
      fact = r.title.empty() ? "holds a post in" : "is " + r.title + " of";
    } else if (r.type == RelationType::holds_post) {
      holders.rows.push_back({entity(other), text(r.title), text(seen_text(rp)), std::move(evidence)});
      fact = r.title.empty() ? "has a post holder:" : "has " + r.title + ":";
    } else {
      seen_types.insert(r.type);
      std::string relation = outgoing || is_symmetric(r.type) ? std::string(to_string(r.type)) + " →"
                                                              : "← " + std::string(to_string(r.type));
      for (const auto& [key, value] : r.attributes)
        if (key == "role") relation += " (" + value + ")";
      related.rows.push_back({text(relation), entity(other), text(seen_text(rp)), std::move(evidence)});
      fact = relation;
    }
    if (!rp.date.empty()) {
      Cell what = entity(other);
      what.prefix = fact + " ";
      Cell source = rp.first ? document(graph, rp.first->id) : text("");
      timeline.push_back({rp.date, {text(rp.date), std::move(what), std::move(source)}});
    }
  };
  // Posts first, as the page shows them, so that a quote is numbered where it
  // is first shown and later rows refer back up to it.
  for (const bool posts_pass : {true, false}) {
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it)
      if ((g[*it].type == RelationType::holds_post) == posts_pass) add(*it, true);
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it)
      if ((g[*it].type == RelationType::holds_post) == posts_pass) add(*it, false);
  }
  cap(held, kPageRows, "");
  cap(holders, kPageRows, "");
  cap(related, kPageRows, "`kg query entity` lists them all.");
  if (!held.rows.empty()) posts.tables.push_back(std::move(held));
  if (!holders.rows.empty()) posts.tables.push_back(std::move(holders));
  for (RelationType t : seen_types)
    relations.paragraphs.push_back(std::string(to_string(t)) + ": " + std::string(meaning(t)) + ".");
  relations.tables.push_back(std::move(related));

  Section dates{"timeline", "Timeline", {"Dated relations and the documents that mention it, earliest first."}, {}, {}, "Nothing about it is dated.", {}};
  for (const auto& [doc, count] : per_document) {
    const DocumentInfo* info = graph.document(doc);
    if (!info || !parse_date_span(info->published)) continue;
    Cell what = text("mentioned " + std::to_string(count) + (count == 1 ? " time" : " times"));
    timeline.push_back({info->published, {text(info->published), std::move(what), document(graph, doc)}});
  }
  std::stable_sort(timeline.begin(), timeline.end(), [](const Dated& a, const Dated& b) { return a.date < b.date; });
  Table when{"timeline", {"Date", "What", "Source"}, {}, 0, {}};
  for (auto& item : timeline) when.rows.push_back(std::move(item.row));
  cap(when, kPageRows, "");
  dates.tables.push_back(std::move(when));

  Section documents{"documents", "Documents", {}, {}, {}, "No document mentions it.", {}};
  Table docs{"documents", {"Document", "Published", "Outlet", "Mentions"}, {}, 0, {}};
  for (const auto& [doc, count] : per_document) {
    const DocumentInfo* info = graph.document(doc);
    docs.rows.push_back({document(graph, doc), text(info ? info->published : ""), text(info ? info->outlet : ""),
                         text(std::to_string(count))});
  }
  cap(docs, kPageRows, "");
  documents.tables.push_back(std::move(docs));

  page.sections.push_back(std::move(facts));
  if (!posts.tables.empty()) page.sections.push_back(std::move(posts));
  page.sections.push_back(std::move(relations));
  page.sections.push_back(std::move(dates));
  page.sections.push_back(std::move(documents));
  page.picture = ego_picture(index, v, 24);
  return page;
}

Page build_document_page(const GraphIndex& index, const DocumentInfo& info, std::optional<std::string> text_of) {
  const KnowledgeGraph& graph = index.graph;
  const auto& g = graph.g;
  QuoteBook quotes(index);
  Page page;
  page.title = info.title.empty() ? info.source : info.title;
  page.subtitle = document_label(graph, info.id);

  Section facts{"facts", "Document", {}, {}, {}, {}, {}};
  facts.facts.push_back({"Source", text(info.source + (info.part > 0 ? " (article " + std::to_string(info.part + 1) + ")" : ""))});
  facts.facts.push_back({"Published", text(info.published)});
  facts.facts.push_back({"Outlet", text(info.outlet)});
  if (!info.author.empty()) facts.facts.push_back({"Author", text(info.author)});
  if (!info.editor.empty()) facts.facts.push_back({"Editor", text(info.editor)});

  DocumentText body;
  body.doc = info.id;
  body.text = std::move(text_of);
  std::map<Vertex, std::size_t> mentioned;
  if (const auto m = index.mentions.find(info.id); m != index.mentions.end()) {
    body.mentions = m->second;
    for (const MentionAt& at : m->second) ++mentioned[at.entity];
  }
  Section stated{"relations", "Relations stated here", {}, {}, {}, "No relation was found in this document.", {}};
  Table rows{"relations", {"From", "Relation", "To", "Sentence"}, {}, 0, {}};
  if (const auto ev = index.evidence.find(info.id); ev != index.evidence.end()) {
    for (const EvidenceAt& at : ev->second) {
      const RelationProps& r = g[at.relation];
      const EvidenceRef& ref = r.evidence[at.index];
      body.sentences.emplace_back(ref.start, ref.end);
      Cell sentence;
      sentence.quotes.push_back(quotes.quote(ref));
      std::string relation(to_string(r.type));
      if (!r.title.empty()) relation += " (" + r.title + ")";
      rows.rows.push_back({entity(boost::source(at.relation, g)), text(relation), entity(boost::target(at.relation, g)),
                           std::move(sentence)});
    }
  }
  std::sort(body.sentences.begin(), body.sentences.end());
  body.sentences.erase(std::unique(body.sentences.begin(), body.sentences.end()), body.sentences.end());
  stated.tables.push_back(std::move(rows));

  Section entities{"entities", "Entities mentioned", {}, {}, {}, "No entity was found in this document.", {}};
  Table list{"entities", {"Entity", "Type", "Mentions here"}, {}, 0, {}};
  std::vector<std::pair<Vertex, std::size_t>> order(mentioned.begin(), mentioned.end());
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [v, count] : order)
    list.rows.push_back({entity(v), text(std::string(to_string(g[v].type))), text(std::to_string(count))});
  entities.tables.push_back(std::move(list));

  page.sections.push_back(std::move(facts));
  page.document = std::move(body);
  page.sections.push_back(std::move(entities));
  page.sections.push_back(std::move(stated));
  return page;
}

}  // namespace kg::report_detail
