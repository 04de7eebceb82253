// report/index.cc: what every page looks up (mentions and evidence by
// document, degrees, the ranking of entities), the page-wide numbering of
// evidence quotes with the entities they name, and the labels of documents
// and entities.
#include <algorithm>
#include <cstdio>

#include "core/utf8.h"
#include "export/export.h"
#include "report/report_model.h"

namespace kg::report_detail {

GraphIndex::GraphIndex(const KnowledgeGraph& g) : graph(g) {
  const std::size_t n = boost::num_vertices(g.g);
  degree.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    degree[v] = boost::out_degree(v, g.g) + boost::in_degree(v, g.g);
    for (const MentionRef& m : g.g[v].mentions) mentions[m.doc].push_back({m.start, m.end, v});
  }
  for (auto& [doc, list] : mentions)
    std::sort(list.begin(), list.end(), [](const MentionAt& a, const MentionAt& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
  for (auto [it, end] = boost::edges(g.g); it != end; ++it) {
    const auto& ev = g.g[*it].evidence;
    for (std::size_t i = 0; i < ev.size(); ++i) evidence[ev[i].doc].push_back({*it, i});
  }
  ranked.resize(n);
  for (std::size_t v = 0; v < n; ++v) ranked[v] = v;
  std::sort(ranked.begin(), ranked.end(), [&](Vertex a, Vertex b) {
    if (degree[a] != degree[b]) return degree[a] > degree[b];
    if (g.g[a].mentions.size() != g.g[b].mentions.size()) return g.g[a].mentions.size() > g.g[b].mentions.size();
    return g.g[a].name < g.g[b].name;
  });
}

Quote QuoteBook::quote(const EvidenceRef& evidence) {
  Quote q;
  q.text = evidence.text;
  q.doc = evidence.doc;
  q.start = evidence.start;
  // The same sentence twice (two relations, or the same article stored
  // twice) is one quote.
  if (const auto same = by_text_.find(evidence.text); same != by_text_.end()) {
    q.number = same->second;
    q.repeat = true;
  } else {
    q.number = by_text_.size() + 1;
    by_text_.emplace(evidence.text, q.number);
  }
  // Marks: the mentions inside the sentence, when the sentence is the text
  // its offsets say (a sentence the store could not place has no marks).
  const std::u32string text = to_u32(evidence.text);
  if (evidence.end < evidence.start || text.size() != evidence.end - evidence.start) return q;
  const auto list = index_.mentions.find(evidence.doc);
  if (list == index_.mentions.end()) return q;
  auto it = std::lower_bound(list->second.begin(), list->second.end(), evidence.start,
                             [](const MentionAt& m, std::uint32_t at) { return m.start < at; });
  std::uint32_t covered = evidence.start;
  for (; it != list->second.end() && it->start < evidence.end; ++it) {
    if (it->start < covered || it->end > evidence.end || it->end <= it->start) continue;  // overlaps or crosses
    q.marks.push_back({it->start - evidence.start, it->end - evidence.start, it->entity});
    covered = it->end;
  }
  return q;
}

Cell QuoteBook::evidence_cell(const RelationProps& relation, std::size_t limit) {
  Cell cell;
  // Earliest document first, so the quote shown is where it was first said.
  std::vector<const EvidenceRef*> order;
  for (const EvidenceRef& ev : relation.evidence) order.push_back(&ev);
  const KnowledgeGraph& graph = index_.graph;
  std::stable_sort(order.begin(), order.end(), [&](const EvidenceRef* a, const EvidenceRef* b) {
    const DocumentInfo* da = graph.document(a->doc);
    const DocumentInfo* db = graph.document(b->doc);
    const std::string pa = da ? da->published : std::string(), pb = db ? db->published : std::string();
    if (pa.empty() != pb.empty()) return !pa.empty();
    return pa < pb;
  });
  std::vector<std::string_view> seen;
  for (const EvidenceRef* ev : order) {
    if (std::find(seen.begin(), seen.end(), std::string_view(ev->text)) != seen.end()) continue;
    seen.push_back(ev->text);
    if (cell.quotes.size() < limit) cell.quotes.push_back(quote(*ev));
    else ++cell.more_quotes;
  }
  if (cell.quotes.empty()) cell.text = "—";
  return cell;
}

namespace {
std::string file_name(const std::string& source) {
  const auto slash = source.find_last_of("/\\");
  return slash == std::string::npos ? source : source.substr(slash + 1);
}
}  // namespace

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

std::string entity_label(const KnowledgeGraph& graph, Vertex v) {
  return graph.g[v].name + " (" + std::string(to_string(graph.g[v].type)) + ")";
}

std::string page_name(std::string_view id) {
  std::string out;
  for (unsigned char c : id) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
      out += static_cast<char>(c);
    } else {  // '_' too, so that no two ids make one name
      char hex[3];
      std::snprintf(hex, sizeof hex, "%02x", c);
      out += '_';
      out += hex;
    }
  }
  return out.empty() ? "_" : out;
}

std::string thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace kg::report_detail
