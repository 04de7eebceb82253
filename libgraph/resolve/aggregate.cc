// resolve/aggregate.cc owns the arithmetic of aggregates (counted lists kept
// sorted, so that two aggregates of the same records are equal byte for byte)
// and what is shown of them.
#include "resolve/aggregate.h"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "graph/names.h"

namespace kg {
namespace {

std::uint32_t add_count(std::uint32_t count, std::int64_t delta) {
  const std::int64_t sum = static_cast<std::int64_t>(count) + delta;
  return sum <= 0 ? 0 : static_cast<std::uint32_t>(sum);
}

// FNV-1a: small, stable, good enough for ids. Fed piece by piece, it hashes
// the pieces' concatenation without making it.
constexpr std::uint64_t kFnvStart = 1469598103934665603ULL;
std::uint64_t fnv1a(std::string_view text, std::uint64_t h = kFnvStart) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// The most frequent of a counted list; ties go to the text that sorts first.
template <typename Item, typename Count, typename Text>
const Item* most_frequent(const std::vector<Item>& list, Count count, Text text) {
  const Item* best = nullptr;
  for (const Item& item : list) {
    if (count(item) == 0) continue;
    if (best == nullptr || count(item) > count(*best) || (count(item) == count(*best) && text(item) < text(*best)))
      best = &item;
  }
  return best;
}

// The spelling displayed as the name; nullptr when there is none.
const Spelling* displayed_spelling(const EntityData& data) {
  const Spelling* best = most_frequent(
      data.spellings, [](const Spelling& s) { return s.own; }, [](const Spelling& s) -> const std::string& { return s.text; });
  if (best != nullptr) return best;
  // No record named it (an aggregate made from a stored graph): any spelling.
  return data.spellings.empty() ? nullptr : &data.spellings.front();
}

}  // namespace

bool is_person(EntityType type) { return type == EntityType::Official || type == EntityType::Person; }

EntityType resolution_group(EntityType type) { return is_person(type) ? EntityType::Person : type; }

std::string displayed_name(const EntityData& data) {
  const Spelling* shown = displayed_spelling(data);
  return shown != nullptr ? shown->text : std::string();
}

EntityType displayed_type(const EntityData& data) {
  if (data.group != EntityType::Person) return data.group;
  return data.official_records > 0 ? EntityType::Official : EntityType::Person;
}

std::vector<std::string> displayed_aliases(const EntityData& data) {
  const std::string name = displayed_name(data);
  std::vector<std::string> aliases;
  for (const Spelling& s : data.spellings)
    if (s.text != name && (s.own > 0 || s.alias > 0)) aliases.push_back(s.text);
  return aliases;  // spellings are sorted, so are these
}

Attributes displayed_attributes(const std::vector<AttributeCount>& counts) {
  Attributes shown;
  for (std::size_t i = 0; i < counts.size();) {
    std::size_t j = i;
    const AttributeCount* best = nullptr;
    for (; j < counts.size() && counts[j].key == counts[i].key; ++j)
      if (counts[j].count > 0 && (best == nullptr || counts[j].count > best->count)) best = &counts[j];
    // Values of one key are sorted, so the first of the most frequent wins ties.
    if (best != nullptr) shown.emplace_back(best->key, best->value);
    i = j;
  }
  return shown;
}

std::string displayed_title(const RelationData& data) {
  const Spelling* best = most_frequent(
      data.titles, [](const Spelling& s) { return s.own; }, [](const Spelling& s) -> const std::string& { return s.text; });
  return best != nullptr ? best->text : std::string();
}

std::uint64_t entity_key(const EntityData& data) {
  const Spelling* shown = displayed_spelling(data);
  std::string computed_key;  // only when the spelling does not carry its key
  if (shown == nullptr) computed_key = lookup_key("");
  else if (shown->key.empty()) computed_key = lookup_key(shown->text);
  const std::string_view name_key = shown != nullptr && !shown->key.empty() ? std::string_view(shown->key) : computed_key;
  if (data.group != EntityType::Person) return fnv1a(name_key, fnv1a("\x1f", fnv1a(to_string(data.group))));
  // A person: the name and the first of the bodies they hold posts in, or
  // else the document they were found in.
  const std::uint64_t h = fnv1a("\x1f", fnv1a(name_key, fnv1a("Person\x1f")));
  return data.affiliations.empty() ? fnv1a(data.anchor, h) : fnv1a(format_key('a', data.affiliations.front()), h);
}

std::uint64_t relation_key(RelationType type, std::string_view from_id, std::string_view to_id,
                           std::string_view title_key) {
  std::uint64_t h = fnv1a("\x1f", fnv1a(to_string(type)));
  h = fnv1a("\x1f", fnv1a(from_id, h));
  return fnv1a(title_key, fnv1a("\x1f", fnv1a(to_id, h)));
}

std::uint64_t affiliation_hash(std::string_view key) { return fnv1a(key); }

std::string format_key(char prefix, std::uint64_t key) {
  // "%c%016llx", by to_chars: snprintf's parsing of its format was a tenth
  // of the main thread's work in a first build's tail.
  char digits[16];
  const char* end = std::to_chars(digits, digits + sizeof digits, key, 16).ptr;  // 16 digits at most: fits
  std::string text(1 + sizeof digits - static_cast<std::size_t>(end - digits), '0');
  text[0] = prefix;
  text.append(digits, static_cast<std::size_t>(end - digits));
  return text;
}

std::string key_of(const Spelling& spelling) { return spelling.key.empty() ? lookup_key(spelling.text) : spelling.key; }

void add_spelling(std::vector<Spelling>& list, std::string_view text, std::uint32_t own, std::uint32_t alias,
                  std::string_view key) {
  auto it = std::lower_bound(list.begin(), list.end(), text, [](const Spelling& s, std::string_view t) { return s.text < t; });
  if (it == list.end() || it->text != text) it = list.insert(it, Spelling{std::string(text), 0, 0, std::string(key)});
  it->own += own;
  it->alias += alias;
}

bool subtract_spelling(std::vector<Spelling>& list, std::string_view text, std::uint32_t own, std::uint32_t alias) {
  auto it = std::lower_bound(list.begin(), list.end(), text, [](const Spelling& s, std::string_view t) { return s.text < t; });
  if (it == list.end() || it->text != text) return own == 0 && alias == 0;
  const bool enough = it->own >= own && it->alias >= alias;
  it->own = it->own >= own ? it->own - own : 0;
  it->alias = it->alias >= alias ? it->alias - alias : 0;
  if (it->own == 0 && it->alias == 0) list.erase(it);
  return enough;
}

void add_attribute(std::vector<AttributeCount>& list, std::string_view key, std::string_view value, std::int64_t delta) {
  auto it = std::lower_bound(list.begin(), list.end(), std::tie(key, value), [](const AttributeCount& a, const auto& k) {
    return std::pair<std::string_view, std::string_view>(a.key, a.value) < std::pair<std::string_view, std::string_view>(std::get<0>(k), std::get<1>(k));
  });
  if (it == list.end() || it->key != key || it->value != value) {
    if (delta <= 0) return;
    it = list.insert(it, AttributeCount{std::string(key), std::string(value), 0});
  }
  it->count = add_count(it->count, delta);
  if (it->count == 0) list.erase(it);
}

void add_link(std::vector<AliasLink>& list, std::string_view from, std::string_view to, std::int64_t delta) {
  auto it = std::lower_bound(list.begin(), list.end(), std::tie(from, to), [](const AliasLink& l, const auto& k) {
    return std::pair<std::string_view, std::string_view>(l.from, l.to) < std::pair<std::string_view, std::string_view>(std::get<0>(k), std::get<1>(k));
  });
  if (it == list.end() || it->from != from || it->to != to) {
    if (delta <= 0) return;
    it = list.insert(it, AliasLink{std::string(from), std::string(to), 0});
  }
  it->count = add_count(it->count, delta);
  if (it->count == 0) list.erase(it);
}

void add_mentions(std::vector<DocumentSpans>& list, std::int64_t document, const std::vector<Span>& spans) {
  auto it = std::lower_bound(list.begin(), list.end(), document,
                             [](const DocumentSpans& d, std::int64_t doc) { return d.document < doc; });
  if (it == list.end() || it->document != document) it = list.insert(it, DocumentSpans{document, {}});
  it->spans.insert(it->spans.end(), spans.begin(), spans.end());
  std::sort(it->spans.begin(), it->spans.end(),
            [](const Span& a, const Span& b) { return std::tie(a.begin, a.end) < std::tie(b.begin, b.end); });
}

void remove_document(std::vector<DocumentSpans>& list, std::int64_t document) {
  std::erase_if(list, [&](const DocumentSpans& d) { return d.document == document; });
}

void add_evidence(std::vector<Evidence>& list, Evidence evidence) {
  auto before = [](const Evidence& a, const Evidence& b) {
    return std::tie(a.document, a.span.begin, a.span.end, a.sentence) <
           std::tie(b.document, b.span.begin, b.span.end, b.sentence);
  };
  list.insert(std::upper_bound(list.begin(), list.end(), evidence, before), std::move(evidence));
}

void remove_evidence_of(std::vector<Evidence>& list, std::int64_t document) {
  std::erase_if(list, [&](const Evidence& e) { return e.document == document; });
}

std::vector<std::string> evidence_dates(const RelationData& data) {
  std::vector<std::string> dates;
  dates.reserve(data.evidence.size());
  for (const Evidence& e : data.evidence) dates.push_back(e.date);
  return dates;
}

}  // namespace kg
