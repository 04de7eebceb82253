// report/report_model.cc: what the report says, worked out from the graph:
// which relations go in which table, how rows are ordered, and how every row
// points back to its evidence sentences and their documents.
#include "report/report_model.h"

#include <algorithm>
#include <map>

#include "export/export.h"

namespace kg::report_detail {

namespace {

std::string file_name(const std::string& source) {
  const auto slash = source.find_last_of("/\\");
  return slash == std::string::npos ? source : source.substr(slash + 1);
}

std::string document_label(const KnowledgeGraph& graph, std::int64_t id) {
  const DocumentInfo* doc = graph.document(id);
  if (!doc) return "document d" + std::to_string(id);
  std::string label;
  if (!doc->title.empty()) label += "《" + doc->title + "》";
  for (const std::string* part : {&doc->published, &doc->outlet}) {
    if (part->empty()) continue;
    if (!label.empty()) label += " ";
    label += *part;
  }
  if (!label.empty()) label += " · ";
  label += file_name(doc->source);
  if (doc->part > 0) label += " #" + std::to_string(doc->part + 1);
  return label;
}

Cell evidence_cell(const KnowledgeGraph& graph, const RelationProps& relation) {
  Cell cell;
  for (const EvidenceRef& ev : relation.evidence) {
    EvidenceLine line{ev.text, document_label(graph, ev.doc)};
    // The same sentence found twice (two mentions in it) is said once.
    const bool repeated = std::any_of(cell.evidence.begin(), cell.evidence.end(), [&](const EvidenceLine& l) {
      return l.sentence == line.sentence && l.document == line.document;
    });
    if (!repeated) cell.evidence.push_back(std::move(line));
  }
  if (cell.evidence.empty()) cell.text = "—";
  return cell;
}

Cell text(std::string value) { return Cell{value.empty() ? "—" : std::move(value), {}}; }

const std::string* attribute(const Attributes& attributes, std::string_view name) {
  for (const auto& [key, value] : attributes)
    if (key == name) return &value;
  return nullptr;
}

void sort_rows(Table& table) {
  std::stable_sort(table.rows.begin(), table.rows.end(),
                   [](const std::vector<Cell>& a, const std::vector<Cell>& b) {
                     for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
                       if (!a[i].evidence.empty() || !b[i].evidence.empty()) break;
                       if (a[i].text != b[i].text) return a[i].text < b[i].text;
                     }
                     return false;
                   });
}

const EntityProps& source_of(const KnowledgeGraph& graph, const Edge& e) {
  return graph.g[boost::source(e, graph.g)];
}
const EntityProps& target_of(const KnowledgeGraph& graph, const Edge& e) {
  return graph.g[boost::target(e, graph.g)];
}

// The whole graph, or its best-connected entities when it is too big to read
// as a picture.
KnowledgeGraph picture_of(const KnowledgeGraph& graph, std::size_t max_entities, std::string& caption) {
  const std::size_t n = graph.entity_count();
  if (n <= max_entities) {
    caption = std::to_string(n) + " entities, " + std::to_string(graph.relation_count()) + " relations";
    return graph;
  }
  std::vector<Vertex> order(n);
  for (std::size_t v = 0; v < n; ++v) order[v] = v;
  auto degree = [&](Vertex v) { return boost::out_degree(v, graph.g) + boost::in_degree(v, graph.g); };
  std::stable_sort(order.begin(), order.end(), [&](Vertex a, Vertex b) { return degree(a) > degree(b); });
  std::vector<char> keep(n, 0);
  for (std::size_t i = 0; i < max_entities; ++i) keep[order[i]] = 1;
  KnowledgeGraph out;
  out.documents = graph.documents;
  std::vector<Vertex> mapped(n);
  for (std::size_t v = 0; v < n; ++v)
    if (keep[v]) mapped[v] = out.add_entity(graph.g[v]);
  for (auto [it, end] = boost::edges(graph.g); it != end; ++it) {
    const Vertex s = boost::source(*it, graph.g), t = boost::target(*it, graph.g);
    if (keep[s] && keep[t]) out.add_relation(mapped[s], mapped[t], graph.g[*it]);
  }
  caption = "the " + std::to_string(max_entities) + " best-connected of " + std::to_string(n) +
            " entities, " + std::to_string(out.relation_count()) + " of " +
            std::to_string(graph.relation_count()) + " relations";
  return out;
}

Section summary_section(const KnowledgeGraph& graph) {
  Section s{"summary", "Summary", {}, {}, {}, {}};
  s.facts = {{"Documents", std::to_string(graph.documents.size())},
             {"Entities", std::to_string(graph.entity_count())},
             {"Relations", std::to_string(graph.relation_count())}};
  Table docs{"documents", {"Id", "Title", "Published", "Outlet", "Source"}, {}};
  for (const DocumentInfo& d : graph.documents)
    docs.rows.push_back({text("d" + std::to_string(d.id)), text(d.title), text(d.published), text(d.outlet),
                         text(d.source)});
  std::map<EntityType, std::size_t> entity_counts;
  for (auto [it, end] = boost::vertices(graph.g); it != end; ++it) ++entity_counts[graph.g[*it].type];
  std::map<RelationType, std::size_t> relation_counts;
  for (auto [it, end] = boost::edges(graph.g); it != end; ++it) ++relation_counts[graph.g[*it].type];
  Table entities{"entity-counts", {"Entity type", "Count"}, {}};
  for (EntityType t : all_entity_types())
    if (entity_counts[t]) entities.rows.push_back({text(std::string(to_string(t))), text(std::to_string(entity_counts[t]))});
  Table relations{"relation-counts", {"Relation type", "Count"}, {}};
  for (RelationType t : all_relation_types())
    if (relation_counts[t])
      relations.rows.push_back({text(std::string(to_string(t))), text(std::to_string(relation_counts[t]))});
  s.tables = {std::move(docs), std::move(entities), std::move(relations)};
  return s;
}

}  // namespace

ReportModel build_relation_report(const KnowledgeGraph& graph, const ReportOptions& options) {
  ReportModel model;
  model.title = "Relation report";
  model.sections.push_back(summary_section(graph));

  Section posts{"posts", "Officials and their posts", {}, {}, {}, "No posts were found."};
  Table post_table{"posts", {"Official", "Post", "Organisation", "Evidence"}, {}};
  Section served{"served", "Officials and the companies they served", {}, {}, {},
                 "No official was found serving a company."};
  Table served_table{"served", {"Official", "Enterprise", "Role", "Evidence"}, {}};
  Section parks{"parks", "Parks and what is located in them", {}, {}, {}, "Nothing was found located in a park."};
  Table park_table{"parks", {"Park", "Located in it", "Type", "Evidence"}, {}};
  Section coop{"cooperation", "Cooperation", {}, {}, {}, "No cooperation was found."};
  Table coop_table{"cooperation", {"Party", "Partner", "Evidence"}, {}};
  Section other{"other", "Other relations", {}, {}, {}, "No other relations."};
  Table other_table{"other-relations", {"From", "Relation", "To", "Evidence"}, {}};

  for (auto [it, end] = boost::edges(graph.g); it != end; ++it) {
    const RelationProps& r = graph.g[*it];
    const EntityProps& from = source_of(graph, *it);
    const EntityProps& to = target_of(graph, *it);
    switch (r.type) {
      case RelationType::holds_post:
        post_table.rows.push_back({text(from.name), text(r.title), text(to.name), evidence_cell(graph, r)});
        break;
      case RelationType::served: {
        const std::string* role = attribute(r.attributes, "role");
        served_table.rows.push_back(
            {text(from.name), text(to.name), text(role ? *role : ""), evidence_cell(graph, r)});
        break;
      }
      case RelationType::located_in:
        if (to.type == EntityType::Park) {
          park_table.rows.push_back(
              {text(to.name), text(from.name), text(std::string(to_string(from.type))), evidence_cell(graph, r)});
          break;
        }
        [[fallthrough]];
      case RelationType::leads:
      case RelationType::part_of:
      case RelationType::project_of:
        other_table.rows.push_back(
            {text(from.name), text(std::string(to_string(r.type))), text(to.name), evidence_cell(graph, r)});
        break;
      case RelationType::cooperates_with:
        coop_table.rows.push_back({text(from.name), text(to.name), evidence_cell(graph, r)});
        break;
    }
  }

  Section projects{"projects", "Projects and investment", {}, {}, {}, "No projects were found."};
  Table project_table{"projects", {"Project", "Investment", "Enterprise", "Location", "Evidence"}, {}};
  for (auto [it, end] = boost::vertices(graph.g); it != end; ++it) {
    const EntityProps& p = graph.g[*it];
    if (p.type != EntityType::Project) continue;
    std::string investment;
    if (const std::string* t = attribute(p.attributes, "investment_text")) investment = *t;
    if (const std::string* yuan = attribute(p.attributes, "investment_yuan"))
      investment += (investment.empty() ? "" : " = ") + *yuan + " 元";
    std::string owners, places;
    Cell evidence;
    for (auto [e, e_end] = boost::out_edges(*it, graph.g); e != e_end; ++e) {
      const RelationProps& r = graph.g[*e];
      std::string* list = r.type == RelationType::project_of   ? &owners
                          : r.type == RelationType::located_in ? &places
                                                               : nullptr;
      if (!list) continue;
      if (!list->empty()) *list += "、";
      *list += target_of(graph, *e).name;
      Cell more = evidence_cell(graph, r);
      evidence.evidence.insert(evidence.evidence.end(), more.evidence.begin(), more.evidence.end());
    }
    if (evidence.evidence.empty()) evidence.text = "—";
    project_table.rows.push_back({text(p.name), text(investment), text(owners), text(places), std::move(evidence)});
  }

  for (auto* table : {&post_table, &served_table, &park_table, &project_table, &coop_table, &other_table})
    sort_rows(*table);
  posts.tables.push_back(std::move(post_table));
  served.tables.push_back(std::move(served_table));
  parks.tables.push_back(std::move(park_table));
  projects.tables.push_back(std::move(project_table));
  coop.tables.push_back(std::move(coop_table));
  other.tables.push_back(std::move(other_table));
  for (auto* section : {&posts, &served, &parks, &projects, &coop, &other})
    model.sections.push_back(std::move(*section));

  model.picture = picture_of(graph, options.picture_max_entities, model.picture_caption);
  return model;
}

ReportModel build_dossier(const KnowledgeGraph& graph, const ReportOptions& options) {
  const std::vector<Vertex> found = find_entities(graph, options.entity);
  if (found.empty()) throw ReportError("--entity: no entity named '" + options.entity + "' in the graph");
  ReportModel model;
  model.title = "Dossier: " + options.entity;
  std::size_t index = 0;
  for (Vertex v : found) {
    const EntityProps& e = graph.g[v];
    ++index;
    Section s{"entity-" + std::to_string(index), e.name + " (" + std::string(to_string(e.type)) + ")", {}, {}, {},
              "No relations were found."};
    std::string aliases;
    for (const auto& a : e.aliases) aliases += (aliases.empty() ? "" : "、") + a;
    s.facts.push_back({"Type", std::string(to_string(e.type))});
    s.facts.push_back({"Id", e.id});
    s.facts.push_back({"Aliases", aliases.empty() ? "—" : aliases});
    for (const auto& [key, value] : e.attributes) s.facts.push_back({key, value});
    std::map<std::int64_t, std::size_t> per_document;
    for (const MentionRef& m : e.mentions) ++per_document[m.doc];
    for (const auto& [doc, count] : per_document)
      s.facts.push_back({"Mentioned in", document_label(graph, doc) + " (" + std::to_string(count) + "×)"});

    Table relations{"relations-" + std::to_string(index), {"Relation", "Direction", "Other entity", "Title", "Evidence"},
                    {}};
    for (auto [it, end] = boost::out_edges(v, graph.g); it != end; ++it) {
      const RelationProps& r = graph.g[*it];
      const EntityProps& other = target_of(graph, *it);
      relations.rows.push_back({text(std::string(to_string(r.type))), text("→"),
                                text(other.name + " (" + std::string(to_string(other.type)) + ")"), text(r.title),
                                evidence_cell(graph, r)});
    }
    for (auto [it, end] = boost::in_edges(v, graph.g); it != end; ++it) {
      const RelationProps& r = graph.g[*it];
      const EntityProps& other = source_of(graph, *it);
      relations.rows.push_back({text(std::string(to_string(r.type))), text("←"),
                                text(other.name + " (" + std::string(to_string(other.type)) + ")"), text(r.title),
                                evidence_cell(graph, r)});
    }
    sort_rows(relations);
    s.tables.push_back(std::move(relations));
    model.sections.push_back(std::move(s));
  }
  SubgraphFilter around;
  around.around = options.entity;
  around.depth = 1;
  KnowledgeGraph neighbourhood = select_subgraph(graph, around);
  model.picture = picture_of(neighbourhood, options.picture_max_entities, model.picture_caption);
  model.picture_caption = "neighbourhood of " + options.entity + ": " + model.picture_caption;
  return model;
}

}  // namespace kg::report_detail
