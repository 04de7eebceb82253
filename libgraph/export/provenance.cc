// export/provenance.cc: where and when each relation and entity was first
// (and last) reported, for every format and the report.
#include <algorithm>

#include "export/export.h"
#include "export/export_common.h"

namespace kg {

namespace {

using export_detail::reported_before;
using export_detail::widen;

template <typename Refs>
const DocumentInfo* first_document(const KnowledgeGraph& graph, const Refs& refs, std::optional<DateSpan>& span) {
  const DocumentInfo* first = nullptr;
  std::int64_t previous = -1;
  for (const auto& ref : refs) {
    if (ref.doc == previous) continue;  // refs of one document usually come together
    previous = ref.doc;
    const DocumentInfo* doc = graph.document(ref.doc);
    if (!doc) continue;
    widen(span, parse_date_span(doc->published));
    if (!first || reported_before(*doc, *first)) first = doc;
  }
  return first;
}

}  // namespace

namespace export_detail {

bool reported_before(const DocumentInfo& a, const DocumentInfo& b) {
  const auto da = parse_date_span(a.published), db = parse_date_span(b.published);
  if (da.has_value() != db.has_value()) return da.has_value();
  if (da && db && da->first != db->first) return da->first < db->first;
  return a.id < b.id;
}

void widen(std::optional<DateSpan>& span, const std::optional<DateSpan>& more) {
  if (!more) return;
  if (!span) {
    span = more;
    return;
  }
  span->first = std::min(span->first, more->first);
  span->last = std::max(span->last, more->last);
}

}  // namespace export_detail

Provenance relation_provenance(const KnowledgeGraph& graph, const RelationProps& relation) {
  Provenance p;
  p.count = relation.evidence.size();
  p.first = first_document(graph, relation.evidence, p.span);
  // Evidence dated piece by piece (issue 12 part 2): the relation lives from
  // the first to the last of its dates.
  std::vector<std::string> dates;
  for (const EvidenceRef& ev : relation.evidence)
    if (!ev.date.empty()) dates.push_back(ev.date);
  if (const DateRange seen = date_range(dates); !seen.first.empty()) {
    p.date = seen.first;
    p.last_date = seen.last;
    p.span = DateSpan{parse_date_span(seen.first)->first, parse_date_span(seen.last)->last};
    return p;
  }
  for (const auto& [key, value] : relation.attributes) {
    if (key != "date") continue;
    if (const auto own = parse_date_span(value)) {
      p.date = value;
      widen(p.span, own);
      break;
    }
  }
  if (p.date.empty() && p.first && parse_date_span(p.first->published)) p.date = p.first->published;
  p.last_date = p.date;
  return p;
}

Provenance entity_provenance(const KnowledgeGraph& graph, const EntityProps& entity) {
  Provenance p;
  p.count = entity.mentions.size();
  p.first = first_document(graph, entity.mentions, p.span);
  if (p.first && parse_date_span(p.first->published)) p.date = p.first->published;
  return p;
}

std::string seen_text(const Provenance& provenance) { return seen_text(DateRange{provenance.date, provenance.last_date}); }

std::string first_source(const Provenance& provenance) {
  return provenance.first ? provenance.first->source : std::string();
}

}  // namespace kg
