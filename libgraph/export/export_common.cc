// export/export_common.cc: ids, attribute columns and XML-safe text shared by
// the writers, and the colour of each entity type.
#include "export/export_common.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_set>

#include <unicode/utf8.h>

#include "export/export.h"

namespace kg {

std::string_view type_colour(EntityType type) {
  // Distinguishable on white and in print; people are warm, bodies cool.
  switch (type) {
    case EntityType::Official: return "#d62728";
    case EntityType::Person: return "#ff9896";
    case EntityType::PartyOrg: return "#b5172b";
    case EntityType::Park: return "#2ca02c";
    case EntityType::Enterprise: return "#1f77b4";
    case EntityType::Project: return "#ff7f0e";
    case EntityType::GovOrg: return "#9467bd";
    case EntityType::Place: return "#8c564b";
    case EntityType::Organization: return "#17becf";
  }
  return "#7f7f7f";
}

std::string xml_safe_text(std::string_view text) { return export_detail::xml_clean(text); }

namespace export_detail {

std::string document_ref(std::int64_t id) { return "d" + std::to_string(id); }

ExportIds make_ids(const KnowledgeGraph& graph, bool merge_parallel) {
  ExportIds ids;
  const auto& g = graph.g;
  const std::size_t n = boost::num_vertices(g);
  ids.node.resize(n);
  std::unordered_set<std::string> taken;
  for (std::size_t v = 0; v < n; ++v) {
    const std::string& id = g[v].id;
    if (!id.empty() && taken.insert(id).second) ids.node[v] = id;
  }
  // Entities without an id (never from the store) get one from their index.
  for (std::size_t v = 0; v < n; ++v) {
    if (!ids.node[v].empty()) continue;
    std::string made = "_v" + std::to_string(v);
    while (!taken.insert(made).second) made += "_";
    ids.node[v] = made;
  }

  std::map<std::pair<Vertex, Vertex>, std::uint32_t> parallel;
  std::unordered_set<std::string> edge_taken;
  std::size_t index = 0;
  for (auto [it, end] = boost::edges(g); it != end; ++it, ++index) {
    EdgeRow row{*it, {}, boost::source(*it, g), boost::target(*it, g), {}, 0};
    const auto pair = std::make_pair(row.source, row.target);
    if (merge_parallel) {
      auto [at, fresh] = parallel.emplace(pair, static_cast<std::uint32_t>(ids.edges.size()));
      if (!fresh) {
        ids.edges[at->second].merged.push_back(*it);
        continue;
      }
      row.merged.push_back(*it);
      // One row per pair: its ends make its id, stable across exports.
      std::string made = ids.node[row.source] + "~" + ids.node[row.target];
      while (!edge_taken.insert(made).second) made += "_";
      row.id = std::move(made);
      ids.edges.push_back(std::move(row));
      continue;
    }
    row.key = parallel[pair]++;
    const std::string& id = g[*it].id;
    if (!id.empty() && edge_taken.insert(id).second) {
      row.id = id;
    } else {
      // Relation ids are promised unique among parallel edges only; qualify
      // them by their ends so they are unique in the file and still stable.
      std::string made = ids.node[row.source] + "~" + ids.node[row.target] + "~" +
                         (id.empty() ? std::to_string(row.key) : id);
      while (!edge_taken.insert(made).second) made += "_" + std::to_string(index);
      row.id = made;
    }
    ids.edges.push_back(std::move(row));
  }
  return ids;
}

namespace {
void add_distinct(std::string& list, std::string_view item) {
  if (item.empty()) return;
  std::string_view rest = list;
  while (!rest.empty()) {
    const auto bar = rest.find('|');
    if (rest.substr(0, bar) == item) return;
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  if (!list.empty()) list += '|';
  list += item;
}
}  // namespace

EdgeSummary summarize(const KnowledgeGraph& graph, const EdgeRow& row) {
  EdgeSummary s;
  if (row.merged.size() <= 1) {
    const RelationProps& r = graph.g[row.edge];
    s.type = to_string(r.type);
    s.title = r.title;
    s.provenance = relation_provenance(graph, r);
  } else {
    for (const Edge e : row.merged) {
      const RelationProps& r = graph.g[e];
      add_distinct(s.type, to_string(r.type));
      add_distinct(s.title, r.title);
      const Provenance p = relation_provenance(graph, r);
      s.provenance.count += p.count;
      if (p.first && (!s.provenance.first || reported_before(*p.first, *s.provenance.first)))
        s.provenance.first = p.first;
      if (!p.date.empty() &&
          (s.provenance.date.empty() || parse_date_span(p.date)->first < parse_date_span(s.provenance.date)->first))
        s.provenance.date = p.date;
      widen(s.provenance.span, p.span);
    }
  }
  s.label = s.title.empty() ? s.type : s.title;
  return s;
}

bool is_number(std::string_view text) {
  if (text.empty()) return false;
  double value = 0;
  const char* first = text.data();
  const char* last = first + text.size();
  auto [ptr, ec] = std::from_chars(first, last, value);
  return ec == std::errc() && ptr == last && std::isfinite(value);
}

const std::string* attribute_value(const Attributes& attributes, std::string_view name) {
  for (const auto& [key, value] : attributes)
    if (key == name) return &value;
  return nullptr;
}

namespace {
template <typename Props>
void add_columns(std::vector<AttributeColumn>& columns, const Props& props,
                 const std::vector<std::string>& reserved) {
  for (const auto& attribute : props.attributes) {
    const auto& name = attribute.first;
    const auto& value = attribute.second;
    if (name.empty() || std::find(reserved.begin(), reserved.end(), name) != reserved.end())
      continue;
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    auto it = std::find_if(columns.begin(), columns.end(),
                           [&](const AttributeColumn& c) { return c.name == name; });
    if (it == columns.end()) {
      columns.push_back({name, is_number(value)});
    } else if (it->numeric && !is_number(value)) {
      it->numeric = false;
    }
  }
}
}  // namespace

std::vector<AttributeColumn> entity_attribute_columns(const KnowledgeGraph& graph,
                                                      const std::vector<std::string>& reserved) {
  std::vector<AttributeColumn> columns;
  for (auto [it, end] = boost::vertices(graph.g); it != end; ++it)
    add_columns(columns, graph.g[*it], reserved);
  std::sort(columns.begin(), columns.end(),
            [](const AttributeColumn& a, const AttributeColumn& b) { return a.name < b.name; });
  return columns;
}

std::vector<AttributeColumn> relation_attribute_columns(const KnowledgeGraph& graph,
                                                        const std::vector<std::string>& reserved) {
  std::vector<AttributeColumn> columns;
  for (auto [it, end] = boost::edges(graph.g); it != end; ++it)
    add_columns(columns, graph.g[*it], reserved);
  std::sort(columns.begin(), columns.end(),
            [](const AttributeColumn& a, const AttributeColumn& b) { return a.name < b.name; });
  return columns;
}

namespace {
bool xml_allowed(UChar32 c) {
  if (c < 0x20) return c == 0x09 || c == 0x0A || c == 0x0D;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  return c != 0xFFFE && c != 0xFFFF;
}

// One pass: copy valid runs as they are, repair or drop the rest.
std::string clean(std::string_view text, bool for_xml) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else if (!for_xml || xml_allowed(c)) {
      out.append(text.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}
}  // namespace

std::string valid_utf8(std::string_view text) { return clean(text, false); }
std::string xml_clean(std::string_view text) { return clean(text, true); }

void append_xml_escaped(std::string& out, std::string_view text) {
  const std::string cleaned = xml_clean(text);
  for (char c : cleaned) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      // Kept literally, a newline inside an attribute value is read back as
      // a space; a character reference keeps it.
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default: out += c; break;
    }
  }
}

std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  append_xml_escaped(out, text);
  return out;
}

void append_xml_edge_open(std::string& out, std::string_view indent, const ExportIds& ids, const EdgeRow& row) {
  out += indent;
  out += "<edge id=\"";
  append_xml_escaped(out, row.id);
  out += "\" source=\"";
  append_xml_escaped(out, ids.node[row.source]);
  out += "\" target=\"";
  append_xml_escaped(out, ids.node[row.target]);
  out += "\"";
}

}  // namespace export_detail
}  // namespace kg
