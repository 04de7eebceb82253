// export/provenance.cc: dates as news gives them, and where and when each
// relation and entity was first reported, for every format and the report.
#include <algorithm>
#include <cstdio>

#include "export/export.h"
#include "export/export_common.h"

namespace kg {

namespace {

bool digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string ymd(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

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

std::optional<DateSpan> parse_date_span(std::string_view text) {
  // YYYY, YYYY-MM or YYYY-MM-DD, nothing else; a time after the day
  // ("2023-05-01T08:00", "2023-05-01 08:00") is read as that day.
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) text = text.substr(0, 10);
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  const std::string_view year_text = text.substr(0, 4);
  if (!digits(year_text)) return std::nullopt;
  const int year = to_int(year_text);
  if (year < 1) return std::nullopt;
  if (text.size() == 4) return DateSpan{ymd(year, 1, 1), ymd(year, 12, 31)};
  if (text[4] != '-' || !digits(text.substr(5, 2))) return std::nullopt;
  const int month = to_int(text.substr(5, 2));
  if (month < 1 || month > 12) return std::nullopt;
  if (text.size() == 7) return DateSpan{ymd(year, month, 1), ymd(year, month, days_in_month(year, month))};
  if (text[7] != '-' || !digits(text.substr(8, 2))) return std::nullopt;
  const int day = to_int(text.substr(8, 2));
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  const std::string date = ymd(year, month, day);
  return DateSpan{date, date};
}

Provenance relation_provenance(const KnowledgeGraph& graph, const RelationProps& relation) {
  Provenance p;
  p.count = relation.evidence.size();
  p.first = first_document(graph, relation.evidence, p.span);
  for (const auto& [key, value] : relation.attributes) {
    if (key != "date") continue;
    if (const auto own = parse_date_span(value)) {
      p.date = value;
      widen(p.span, own);
      break;
    }
  }
  if (p.date.empty() && p.first && parse_date_span(p.first->published)) p.date = p.first->published;
  return p;
}

Provenance entity_provenance(const KnowledgeGraph& graph, const EntityProps& entity) {
  Provenance p;
  p.count = entity.mentions.size();
  p.first = first_document(graph, entity.mentions, p.span);
  if (p.first && parse_date_span(p.first->published)) p.date = p.first->published;
  return p;
}

std::string first_source(const Provenance& provenance) {
  return provenance.first ? provenance.first->source : std::string();
}

}  // namespace kg
