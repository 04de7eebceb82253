// report/overview.cc: the overview a person reads first, at any scale: what
// the graph holds and what each relation means, the best-connected entities
// overall and by type, each kind of relation with its evidence, the
// documents that say the most. Every list stops at the top N and says how
// many more there are, so the report's size depends on N, not on the corpus.
#include <algorithm>
#include <set>

#include "export/export.h"
#include "report/report_model.h"

namespace kg::report_detail {

namespace {

constexpr std::size_t kQuotesPerRow = 2;

Cell text(std::string value) {
  Cell c;
  c.text = value.empty() ? "—" : std::move(value);
  return c;
}

Cell entity(Vertex v, std::string after = "") {
  Cell c;
  c.entities.push_back({v, std::move(after)});
  return c;
}

const std::string* attribute(const Attributes& attributes, std::string_view name) {
  for (const auto& [key, value] : attributes)
    if (key == name) return &value;
  return nullptr;
}

std::string more_rows_note(std::string_view what) {
  return "`kg query " + std::string(what) + " --evidence` lists them all; `kg report --format site` gives every entity a page.";
}

// The relations of some types, best evidenced first (then best connected).
std::vector<Edge> ranked_relations(const GraphIndex& index, const std::vector<RelationType>& types,
                                   bool (*keep)(const KnowledgeGraph&, Edge)) {
  const auto& g = index.graph.g;
  std::vector<Edge> edges;
  for (auto [it, end] = boost::edges(g); it != end; ++it)
    if (std::find(types.begin(), types.end(), g[*it].type) != types.end() && (!keep || keep(index.graph, *it)))
      edges.push_back(*it);
  auto weight = [&](Edge e) { return index.degree[boost::source(e, g)] + index.degree[boost::target(e, g)]; };
  std::stable_sort(edges.begin(), edges.end(), [&](Edge a, Edge b) {
    if (g[a].evidence.size() != g[b].evidence.size()) return g[a].evidence.size() > g[b].evidence.size();
    if (weight(a) != weight(b)) return weight(a) > weight(b);
    const auto& na = g[boost::source(a, g)].name;
    const auto& nb = g[boost::source(b, g)].name;
    return na != nb ? na < nb : g[boost::target(a, g)].name < g[boost::target(b, g)].name;
  });
  return edges;
}

// Fills `table` from the first `top` edges; `row` makes the cells of one.
template <typename Row>
void fill(Table& table, const std::vector<Edge>& edges, std::size_t top, std::string_view query, Row row) {
  for (std::size_t i = 0; i < edges.size() && i < top; ++i) table.rows.push_back(row(edges[i]));
  table.more_rows = edges.size() > top ? edges.size() - top : 0;
  if (table.more_rows) table.more_note = more_rows_note(query);
}

Section summary(const GraphIndex& index) {
  const KnowledgeGraph& graph = index.graph;
  Section s;
  s.id = "summary";
  s.title = "Summary";
  std::set<std::string> dates;
  for (const DocumentInfo& d : graph.documents)
    if (parse_date_span(d.published)) dates.insert(d.published);
  std::string documents = thousands(graph.documents.size());
  if (!dates.empty()) documents += " (published " + *dates.begin() + " to " + *dates.rbegin() + ")";
  s.facts = {{"Documents", text(documents)},
             {"Entities", text(thousands(graph.entity_count()))},
             {"Relations", text(thousands(graph.relation_count()))}};

  std::map<EntityType, std::size_t> entity_counts;
  for (auto [it, end] = boost::vertices(graph.g); it != end; ++it) ++entity_counts[graph.g[*it].type];
  std::map<RelationType, std::size_t> relation_counts;
  for (auto [it, end] = boost::edges(graph.g); it != end; ++it) ++relation_counts[graph.g[*it].type];
  Table relations{"relation-types", {"Relation", "Count", "What it means"}, {}, 0, {}};
  for (RelationType t : all_relation_types())
    relations.rows.push_back({text(std::string(to_string(t))), text(thousands(relation_counts[t])),
                              text(std::string(meaning(t)))});
  s.tables.push_back(std::move(relations));
  return s;
}

Section most_connected(const GraphIndex& index, std::size_t top) {
  const KnowledgeGraph& graph = index.graph;
  Section s{"top", "Most connected entities", {}, {}, {}, "The graph has no entities.", {}};
  Table t{"top-entities", {"#", "Entity", "Type", "Relations", "Mentions", "First reported"}, {}, 0, {}};
  for (std::size_t i = 0; i < index.ranked.size() && i < top; ++i) {
    const Vertex v = index.ranked[i];
    const Provenance p = entity_provenance(graph, graph.g[v]);
    Cell first = text(p.first ? document_label(graph, p.first->id) : "");
    if (p.first) first.document = p.first->id;
    t.rows.push_back({text(std::to_string(i + 1)), entity(v), text(std::string(to_string(graph.g[v].type))),
                      text(thousands(index.degree[v])), text(thousands(p.count)), std::move(first)});
  }
  t.more_rows = index.ranked.size() > top ? index.ranked.size() - top : 0;
  if (t.more_rows) t.more_note = "the lists by type below, and the site's entity lists, have them all.";
  s.tables.push_back(std::move(t));
  return s;
}

Section by_type(const GraphIndex& index, std::size_t top) {
  const KnowledgeGraph& graph = index.graph;
  Section s{"types", "Entities by type", {}, {}, {}, "The graph has no entities.", {}};
  const std::size_t per_type = std::max<std::size_t>(1, std::min<std::size_t>(top, 10));
  s.paragraphs.push_back("The " + std::to_string(per_type) +
                         " best-connected of each type, with how many relations each has.");
  Table t{"entity-types", {"Type", "Count", "Best connected"}, {}, 0, {}};
  for (EntityType type : all_entity_types()) {
    std::size_t count = 0;
    Cell best;
    for (Vertex v : index.ranked) {
      if (graph.g[v].type != type) continue;
      if (++count <= per_type) best.entities.push_back({v, " (" + std::to_string(index.degree[v]) + ")"});
    }
    if (count == 0) continue;
    if (count > per_type) best.text = "… and " + thousands(count - per_type) + " more";
    Cell name = text(std::string(to_string(type)));
    name.list = std::string(to_string(type)) + "-1";
    t.rows.push_back({std::move(name), text(thousands(count)), std::move(best)});
  }
  s.tables.push_back(std::move(t));
  return s;
}

Cell date_cell(const KnowledgeGraph& graph, Edge e) { return text(seen_text(relation_provenance(graph, graph.g[e]))); }

bool to_park(const KnowledgeGraph& graph, Edge e) {
  return graph.g[boost::target(e, graph.g)].type == EntityType::Park;
}
// leads and part_of; located_in other than in a park or of a project (those
// have their own tables).
bool other_relation(const KnowledgeGraph& graph, Edge e) {
  if (graph.g[e].type != RelationType::located_in) return true;
  return !to_park(graph, e) && graph.g[boost::source(e, graph.g)].type != EntityType::Project;
}

Section relation_section(std::string id, std::string title, RelationType type, std::string empty_note) {
  Section s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.paragraphs.push_back(std::string(to_string(type)) + ": " + std::string(meaning(type)) + ".");
  s.empty_note = std::move(empty_note);
  return s;
}

Section projects(const GraphIndex& index, QuoteBook& quotes, std::size_t top) {
  const KnowledgeGraph& graph = index.graph;
  const auto& g = graph.g;
  Section s = relation_section("projects", "Projects and investment", RelationType::project_of,
                               "No projects were found.");
  Table t{"projects", {"Project", "Investment", "Enterprise", "Location", "Evidence"}, {}, 0, {}};
  std::vector<std::pair<double, Vertex>> order;
  for (Vertex v : index.ranked) {
    if (g[v].type != EntityType::Project) continue;
    const std::string* yuan = attribute(g[v].attributes, "investment_yuan");
    double amount = -1;
    if (yuan) amount = std::strtod(yuan->c_str(), nullptr);
    order.emplace_back(amount, v);
  }
  // Biggest investment first; projects without an amount after, best connected first.
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < order.size() && i < top; ++i) {
    const Vertex v = order[i].second;
    std::string investment;
    if (const std::string* words = attribute(g[v].attributes, "investment_text")) investment = *words;
    if (const std::string* yuan = attribute(g[v].attributes, "investment_yuan"))
      investment += (investment.empty() ? "" : " = ") + *yuan + " 元";
    Cell owners, places, evidence;
    for (auto [e, e_end] = boost::out_edges(v, g); e != e_end; ++e) {
      const RelationProps& r = g[*e];
      Cell* list = r.type == RelationType::project_of ? &owners : r.type == RelationType::located_in ? &places : nullptr;
      if (!list) continue;
      list->entities.push_back({boost::target(*e, g), ""});
      Cell more = quotes.evidence_cell(r, kQuotesPerRow);
      for (auto& q : more.quotes)
        if (evidence.quotes.size() < kQuotesPerRow) evidence.quotes.push_back(std::move(q));
        else ++evidence.more_quotes;
      evidence.more_quotes += more.more_quotes;
    }
    for (Cell* c : {&owners, &places, &evidence})
      if (c->entities.empty() && c->quotes.empty()) c->text = "—";
    t.rows.push_back({entity(v), text(investment), std::move(owners), std::move(places), std::move(evidence)});
  }
  t.more_rows = order.size() > top ? order.size() - top : 0;
  if (t.more_rows) t.more_note = "`kg query --format tsv \"MATCH (p:Project) RETURN p.name\"` lists them all.";
  s.tables.push_back(std::move(t));
  return s;
}

Section documents(const GraphIndex& index, std::size_t top) {
  const KnowledgeGraph& graph = index.graph;
  Section s{"documents", "Documents that say the most", {}, {}, {}, "The graph has no documents.", {}};
  s.list_link = "documents-1";
  std::vector<std::pair<std::size_t, const DocumentInfo*>> order;
  for (const DocumentInfo& d : graph.documents) {
    const auto ev = index.evidence.find(d.id);
    order.emplace_back(ev == index.evidence.end() ? 0 : ev->second.size(), &d);
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  Table t{"documents", {"Document", "Published", "Outlet", "Entities", "Relations stated"}, {}, 0, {}};
  for (std::size_t i = 0; i < order.size() && i < top; ++i) {
    const DocumentInfo& d = *order[i].second;
    std::set<Vertex> entities;
    if (const auto m = index.mentions.find(d.id); m != index.mentions.end())
      for (const MentionAt& at : m->second) entities.insert(at.entity);
    Cell name = text(d.title.empty() ? d.source : d.title);
    name.document = d.id;
    t.rows.push_back({std::move(name), text(d.published), text(d.outlet), text(thousands(entities.size())),
                      text(thousands(order[i].first))});
  }
  t.more_rows = order.size() > top ? order.size() - top : 0;
  if (t.more_rows) t.more_note = "`kg stats` counts them; the site lists them all.";
  s.tables.push_back(std::move(t));
  return s;
}

}  // namespace

Page build_overview(const GraphIndex& index, const ReportOptions& options) {
  const KnowledgeGraph& graph = index.graph;
  const auto& g = graph.g;
  const std::size_t top = std::max<std::size_t>(1, options.top);
  QuoteBook quotes(index);
  Page page;
  page.title = "Knowledge graph report";
  page.subtitle = options.scope.empty() ? "The whole graph." : "Part of the graph: " + options.scope + ".";
  page.sections.push_back(summary(index));
  page.sections.push_back(most_connected(index, top));
  page.sections.push_back(by_type(index, top));

  auto endpoints = [&](Edge e) { return std::make_pair(boost::source(e, g), boost::target(e, g)); };

  Section posts = relation_section("posts", "Officials and their posts", RelationType::holds_post,
                                   "No posts were found.");
  Table post_table{"posts", {"Person", "Post", "Body", "Date", "Evidence"}, {}, 0, {}};
  fill(post_table, ranked_relations(index, {RelationType::holds_post}, nullptr), top, "posts", [&](Edge e) {
    auto [from, to] = endpoints(e);
    return std::vector<Cell>{entity(from), text(g[e].title), entity(to), date_cell(graph, e),
                             quotes.evidence_cell(g[e], kQuotesPerRow)};
  });
  posts.tables.push_back(std::move(post_table));

  Section served = relation_section("served", "Officials and the companies they served", RelationType::served,
                                    "No official was found serving a company.");
  Table served_table{"served", {"Official", "Enterprise", "Role", "Date", "Evidence"}, {}, 0, {}};
  fill(served_table, ranked_relations(index, {RelationType::served}, nullptr), top, "served", [&](Edge e) {
    auto [from, to] = endpoints(e);
    const std::string* role = attribute(g[e].attributes, "role");
    return std::vector<Cell>{entity(from), entity(to), text(role ? *role : ""), date_cell(graph, e),
                             quotes.evidence_cell(g[e], kQuotesPerRow)};
  });
  served.tables.push_back(std::move(served_table));

  Section parks = relation_section("parks", "Parks and what is located in them", RelationType::located_in,
                                   "Nothing was found located in a park.");
  Table park_table{"parks", {"Park", "Located in it", "Type", "Date", "Evidence"}, {}, 0, {}};
  fill(park_table, ranked_relations(index, {RelationType::located_in}, to_park), top, "in PARK", [&](Edge e) {
    auto [from, to] = endpoints(e);
    return std::vector<Cell>{entity(to), entity(from), text(std::string(to_string(g[from].type))),
                             date_cell(graph, e), quotes.evidence_cell(g[e], kQuotesPerRow)};
  });
  parks.tables.push_back(std::move(park_table));
  // Sections are built in the order they are shown: quotes are numbered where first shown.
  Section project_section = projects(index, quotes, top);

  Section coop = relation_section("cooperation", "Cooperation", RelationType::cooperates_with,
                                  "No cooperation was found.");
  Table coop_table{"cooperation", {"Party", "Partner", "Date", "Evidence"}, {}, 0, {}};
  fill(coop_table, ranked_relations(index, {RelationType::cooperates_with}, nullptr), top,
       "--format tsv \"MATCH (a)-[r:cooperates_with]->(b) RETURN a.name, b.name\"", [&](Edge e) {
         auto [from, to] = endpoints(e);
         return std::vector<Cell>{entity(from), entity(to), date_cell(graph, e),
                                  quotes.evidence_cell(g[e], kQuotesPerRow)};
       });
  coop.tables.push_back(std::move(coop_table));

  Section other{"other", "Other relations", {}, {}, {}, "No other relations.", {}};
  for (RelationType t : {RelationType::leads, RelationType::part_of, RelationType::located_in})
    other.paragraphs.push_back(std::string(to_string(t)) + ": " + std::string(meaning(t)) + ".");
  Table other_table{"other-relations", {"From", "Relation", "To", "Date", "Evidence"}, {}, 0, {}};
  const std::vector<Edge> others = ranked_relations(
      index, {RelationType::leads, RelationType::part_of, RelationType::located_in}, other_relation);
  fill(other_table, others, top, "entity NAME", [&](Edge e) {
    auto [from, to] = endpoints(e);
    return std::vector<Cell>{entity(from), text(std::string(to_string(g[e].type))), entity(to),
                             date_cell(graph, e), quotes.evidence_cell(g[e], kQuotesPerRow)};
  });
  other.tables.push_back(std::move(other_table));

  for (Section* s : {&posts, &served, &parks})
    page.sections.push_back(std::move(*s));
  page.sections.push_back(std::move(project_section));
  page.sections.push_back(std::move(coop));
  page.sections.push_back(std::move(other));
  page.sections.push_back(documents(index, top));

  page.picture = overview_picture(index, std::min<std::size_t>(100, 2 * top));
  for (std::size_t i = 0; i < index.ranked.size() && i < top; ++i) page.anchored.push_back(index.ranked[i]);
  return page;
}

}  // namespace kg::report_detail
