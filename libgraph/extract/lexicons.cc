// extract/lexicons.cc: parsing of the lexicon files (formats in
// docs/lexicons.md) into tries. Built-in files are compiled into the binary;
// user files are read at start-up and checked line by line.
#include "extract/lexicons.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unicode/utf8.h>

#include "core/utf8.h"

namespace kg::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& lexicons_files();
}

namespace kg {

// ---- WordTrie -------------------------------------------------------------

namespace {
// Fibonacci hashing into a table of 2^(64 - shift) slots: the top bits of the
// product, which every bit of the key moves. (Bits taken from the middle of
// the product ignored most of the node number in a big table, and the edges
// of one character out of many nodes piled up into long probes.)
inline std::size_t slot_of(std::uint64_t key, unsigned shift) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift);
}
inline unsigned shift_for(std::size_t size) { return 64U - static_cast<unsigned>(std::countr_zero(size)); }
}  // namespace

std::size_t WordTrie::slot_for(std::uint64_t key) const {
  const std::size_t mask = edges_.size() - 1;
  std::size_t slot = slot_of(key, slot_shift_);
  while (edges_[slot].key != key && edges_[slot].key != 0) slot = (slot + 1) & mask;
  return slot;
}

void WordTrie::insert(std::u32string_view word, std::uint32_t value) {
  if (word.empty()) return;
  if (value >= (1U << 30)) throw std::length_error("WordTrie: a value takes 30 bits at most");
  char32_t first = reversed_ ? word.back() : word.front();
  if (first < 0x10000) first_[first >> 6] |= std::uint64_t{1} << (first & 63);
  else astral_ = true;
  if (word.size() == 1 && first < 0x10000) {
    if (single_.empty()) single_.assign(1024, 0);
    single_[first >> 6] |= std::uint64_t{1} << (first & 63);
  } else if (word.size() >= 2) {
    const std::uint32_t bit = pair_bit(first, reversed_ ? word[word.size() - 2] : word[1]);
    pairs_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  }
  std::uint32_t node = 0;
  std::size_t slot = 0;
  std::uint64_t parent_key = 0;  // of the edge into `node`
  for (std::size_t k = 0; k < word.size(); ++k) {
    const char32_t c = reversed_ ? word[word.size() - 1 - k] : word[k];
    // Grown before the lookup, so that the slot found stays the edge's.
    if ((edge_count_ + 1) * 2 > edges_.size()) grow();
    const std::uint64_t key = ((std::uint64_t{node} << 32) | c) + 1;
    slot = slot_for(key);
    if (edges_[slot].key != key) {
      edges_[slot].key = key;
      edges_[slot].child = node_count_++;
      ++edge_count_;
      if (k > 0) edges_[slot_for(parent_key)].has_children = 1;  // the edge into `node`
    }
    parent_key = key;
    node = edges_[slot].child;
  }
  edges_[slot].terminal = 1;
  edges_[slot].value = value & 0x3FFFFFFFU;  // checked above: the mask only tells -Wconversion
}

void WordTrie::grow() {
  std::vector<Edge> grown(edges_.size() * 2);
  const std::size_t mask = grown.size() - 1;
  for (const Edge& edge : edges_) {
    if (edge.key == 0) continue;
    std::size_t slot = slot_of(edge.key, shift_for(grown.size()));
    while (grown[slot].key != 0) slot = (slot + 1) & mask;
    grown[slot] = edge;
  }
  edges_ = std::move(grown);
  slot_shift_ = shift_for(edges_.size());
}

template <typename OnWord>
void WordTrie::walk(std::u32string_view text, std::size_t pos, OnWord on_word) const {
  // A loop for each direction (no test of it at every step), and the
  // table's address, mask and hash shift in locals (on_word may write
  // through a reference, which keeps the compiler from taking the members
  // as unchanged). Every caller asked may_match_at first: the first step
  // needs no test of the first-character bits.
  const Edge* const edges = edges_.data();
  const std::size_t mask = edges_.size() - 1;
  const unsigned shift = slot_shift_;
  std::uint32_t node = 0;
  std::uint32_t len = 0;
  // One step along `c`; false where the walk ends.
  const auto step = [&](char32_t c) {
    const std::uint64_t key = ((std::uint64_t{node} << 32) | c) + 1;
    std::size_t slot = slot_of(key, shift);
    while (edges[slot].key != key) {
      if (edges[slot].key == 0) return false;
      slot = (slot + 1) & mask;
    }
    const Edge& edge = edges[slot];
    ++len;
    if (edge.terminal) on_word(len, edge.value);
    node = edge.child;
    return edge.has_children != 0;
  };
  std::size_t at = pos;
  if (reversed_) {
    at = std::min(at, text.size());
    while (at > 0 && step(text[at - 1])) --at;
  } else {
    while (at < text.size() && step(text[at])) ++at;
  }
}

void WordTrie::match_walk(std::u32string_view text, std::size_t pos,
                          std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) const {
  walk(text, pos, [&out](std::uint32_t len, std::uint32_t value) { out.emplace_back(len, value); });
  std::reverse(out.begin(), out.end());
}

std::pair<std::uint32_t, std::uint32_t> WordTrie::longest_walk(std::u32string_view text,
                                                               std::size_t pos) const {
  std::pair<std::uint32_t, std::uint32_t> best{0, 0};
  walk(text, pos, [&best](std::uint32_t len, std::uint32_t value) { best = {len, value}; });
  return best;
}

std::pair<std::uint32_t, std::uint32_t> WordTrie::lengths_walk(std::u32string_view text, std::size_t pos,
                                                                std::uint32_t& lengths) const {
  std::pair<std::uint32_t, std::uint32_t> best{0, 0};
  walk(text, pos, [&](std::uint32_t len, std::uint32_t value) {
    best = {len, value};
    if (len < 32) lengths |= 1U << len;
  });
  return best;
}

std::optional<std::uint32_t> WordTrie::find(std::u32string_view word) const {
  // The first-character and pair bits answer most questions without a
  // probe into the table (common_words: several megabytes).
  if (word.empty()) return std::nullopt;
  const char32_t first = reversed_ ? word.back() : word.front();
  if (!may_start(first)) return std::nullopt;
  if (word.size() == 1 ? !is_single(first) : !may_open_pair(first, reversed_ ? word[word.size() - 2] : word[1]))
    return std::nullopt;
  // The word itself is the one match of its whole length.
  std::optional<std::uint32_t> found;
  walk(word, reversed_ ? word.size() : 0, [&](std::uint32_t len, std::uint32_t value) {
    if (len == word.size()) found = value;
  });
  return found;
}

// ---- parsing ----------------------------------------------------------------

namespace {

struct Line {
  std::size_t number;
  std::vector<std::string_view> fields;
};

// Splits a lexicon file into non-comment lines of TAB-separated fields.
std::vector<Line> parse_lines(std::string_view content) {
  std::vector<Line> lines;
  std::size_t number = 0;
  std::size_t pos = 0;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    Line out{number, {}};
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      std::string_view field = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
      while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
      while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
      out.fields.push_back(field);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    lines.push_back(std::move(out));
    if (nl == content.size()) break;
  }
  return lines;
}

[[noreturn]] void bad_line(std::string_view file, std::size_t line, const std::string& what) {
  std::ostringstream msg;
  msg << "lexicon " << file << ":" << line << ": " << what;
  throw std::runtime_error(msg.str());
}

std::string_view basename(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::optional<TitleAttach> parse_attach(std::string_view s) {
  if (s == "PartyOrg") return TitleAttach::PartyOrg;
  if (s == "Place") return TitleAttach::Place;
  if (s == "GovOrg") return TitleAttach::GovOrg;
  if (s == "Enterprise") return TitleAttach::Enterprise;
  if (s == "Organization") return TitleAttach::Organization;
  if (s == "Park") return TitleAttach::Park;
  if (s == "Any") return TitleAttach::Any;
  return std::nullopt;
}

std::optional<PlaceLevel> parse_level(std::string_view s) {
  static const std::pair<std::string_view, PlaceLevel> levels[] = {
      {"province", PlaceLevel::Province}, {"city", PlaceLevel::City},
      {"county", PlaceLevel::County},     {"district", PlaceLevel::District},
      {"town", PlaceLevel::Town},         {"township", PlaceLevel::Township},
      {"street", PlaceLevel::Street},     {"village", PlaceLevel::Village},
      {"community", PlaceLevel::Community}, {"group", PlaceLevel::Group},
      {"region", PlaceLevel::Region}};
  for (auto& [name, level] : levels)
    if (name == s) return level;
  return std::nullopt;
}

std::optional<TriggerInfo> parse_trigger(std::string_view relation, std::string_view role) {
  auto rel = parse_relation_type(relation);
  if (!rel) return std::nullopt;
  TriggerInfo info{*rel, TriggerRole::Other};
  if (role == "lead") info.role = TriggerRole::Lead;
  else if (role == "accompany") info.role = TriggerRole::Accompany;
  else if (role == "settle") info.role = TriggerRole::Settle;
  else if (role == "arrive") info.role = TriggerRole::Arrive;
  else if (role == "attract") info.role = TriggerRole::Attract;
  else if (role == "in") info.role = TriggerRole::In;
  else if (role == "joint") info.role = TriggerRole::Joint;
  else if (role == "own") info.role = TriggerRole::Own;
  return info;
}

std::uint16_t parse_frame_role(std::string_view role) {
  static const std::pair<std::string_view, FrameRole> roles[] = {
      {"go", kFrameGo},       {"purpose", kFramePurpose}, {"see", kFrameSee},   {"lead", kFrameLead},
      {"group", kFrameGroup}, {"hold", kFrameHold},       {"event", kFrameEvent}, {"list", kFrameList},
      {"home", kFrameHome},   {"member", kFrameMember},       {"accompany", kFrameAccompany},
      {"site", kFrameSite},   {"agent", kFrameAgent},     {"form", kFrameForm}};
  for (auto& [name, value] : roles)
    if (name == role) return value;
  return 0;
}

}  // namespace

std::optional<PlaceLevel> Lexicons::level_of(char32_t c) const {
  const std::size_t at = level_chars_.find(c);
  if (at == std::u32string::npos) return std::nullopt;
  return level_values_[at];
}

void Lexicons::find_level_chars(const std::u32string& one_character_place_suffixes) {
  for (char32_t c : one_character_place_suffixes) {
    if (level_chars_.find(c) != std::u32string::npos) continue;
    const auto level = place_suffixes.find(std::u32string_view(&c, 1));
    if (!level || weak_suffixes.count(std::u32string_view(&c, 1))) continue;
    const auto value = static_cast<PlaceLevel>(*level);
    if (value > PlaceLevel::Village) continue;
    level_chars_.push_back(c);
    level_values_.push_back(value);
  }
}

bool Lexicons::names_home_park(std::u32string_view word) const {
  auto index = frame_words.find(word);
  return index && (frame_info[*index].roles & kFrameHome) && frame_info[*index].home_level == U"园区";
}

bool Lexicons::is_level_char(char32_t c) const { return level_of(c).has_value(); }

bool RoleWords::add(std::u32string_view word, std::string_view role, std::string_view argument) {
  auto it = std::find(role_names_.begin(), role_names_.end(), role);
  if (it == role_names_.end()) return false;
  const auto bit = static_cast<std::size_t>(it - role_names_.begin());
  std::uint32_t index;
  if (auto existing = words_.find(word)) {
    index = *existing;
  } else {
    index = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back({});
    words_.insert(word, index);
  }
  entries_[index].roles |= 1U << bit;
  if (!argument.empty()) entries_[index].arguments.emplace_back(bit, std::string(argument));
  return true;
}

std::uint32_t RoleWords::at_slow(std::u32string_view text, std::size_t pos, std::size_t role) const {
  // Most words have one role: the longest word usually answers.
  const auto [len, index] = words_.longest(text, pos);
  if (len == 0) return 0;
  if (entries_[index].roles & (1U << role)) return len;
  // One list per thread: the pipeline runs one Extractor on several threads
  // at once, and a shared list is a data race (ASan: heap-buffer-overflow).
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> matches;
  words_.match(text, pos, matches);
  for (auto [length, entry] : matches)  // longest first
    if (entries_[entry].roles & (1U << role)) return length;
  return 0;
}

bool RoleWords::occurs_in(std::u32string_view text, std::size_t role) const {
  for (std::size_t k = 0; k < text.size(); ++k)
    if (at(text, k, role) > 0) return true;
  return false;
}

std::string RoleWords::argument(std::u32string_view word, std::size_t role) const {
  auto index = words_.find(word);
  if (!index) return {};
  for (const auto& [bit, value] : entries_[*index].arguments)
    if (bit == role) return value;
  return {};
}

void Lexicons::load_file(std::string_view path, std::string_view content) {
  const std::string_view file = basename(path);
  for (const Line& line : parse_lines(content)) {
    const auto& f = line.fields;
    std::u32string word = to_u32(f[0]);
    if (word.empty()) continue;
    auto need = [&](std::size_t n) {
      if (f.size() < n) bad_line(path, line.number, "expected " + std::to_string(n) + " TAB-separated columns");
    };
    if (file == "titles.tsv") {
      need(2);
      auto attach = parse_attach(f[1]);
      if (!attach) bad_line(path, line.number, "unknown attach '" + std::string(f[1]) + "'");
      bool official = f.size() < 3 || f[2] != "person";
      title_info.push_back({word, *attach, official});
      titles.insert(word, static_cast<std::uint32_t>(title_info.size() - 1));
      titles_forward.insert(word, static_cast<std::uint32_t>(title_info.size() - 1));
    } else if (file == "org_suffixes.tsv") {
      need(2);
      auto type = parse_entity_type(f[1]);
      if (!type) bad_line(path, line.number, "unknown entity type '" + std::string(f[1]) + "'");
      org_suffixes.insert(word, static_cast<std::uint32_t>(*type));
      if (f.size() > 2 && f[2] == "park") park_body_suffixes.insert(word);
      if (f.size() > 2 && f[2] == "place") place_body_suffixes.insert(word);
    } else if (file == "place_suffixes.tsv") {
      need(2);
      auto level = parse_level(f[1]);
      if (!level) bad_line(path, line.number, "unknown place level '" + std::string(f[1]) + "'");
      place_suffixes.insert(word, static_cast<std::uint32_t>(*level));
      if (word.size() == 1) one_character_place_suffixes_.push_back(word[0]);
    } else if (file == "places.tsv") {
      need(2);
      auto level = parse_level(f[1]);
      if (!level) bad_line(path, line.number, "unknown place level '" + std::string(f[1]) + "'");
      if (places.find(word)) continue;
      place_info.push_back({word, *level, f.size() > 2 ? to_u32(f[2]) : std::u32string()});
      places.insert(word, static_cast<std::uint32_t>(place_info.size() - 1));
    } else if (file == "place_short_forms.tsv") {
      need(2);
      // Resolved after all files are read: the full form may come later.
      short_forms_.emplace_back(word, to_u32(f[1]));
    } else if (file == "surnames.txt") {
      surnames.insert(word, 0);
    } else if (file == "triggers.tsv") {
      need(3);
      auto info = parse_trigger(f[1], f[2]);
      if (!info) bad_line(path, line.number, "unknown relation '" + std::string(f[1]) + "'");
      trigger_info.push_back(*info);
      triggers.insert(word, static_cast<std::uint32_t>(trigger_info.size() - 1));
    } else if (file == "speech_verbs.txt") {
      // One-character enders end a name only when marked strong (说, 率); the
      // others (向, 为, 和) also stand inside given names.
      if (word.size() > 1 || (f.size() > 1 && f[1] == "strong")) {
        name_enders.insert(word, 0);
        name_enders_backward.insert(word, 0);
      }
    } else if (file == "boundary_words.txt") {
      boundary_words.insert(word, 0);
      boundary_forward.insert(word, 0);
    } else if (file == "industry_words.txt") {
      industry_words.insert(word, 0);
      industry_forward.insert(word, 0);
    } else if (file == "not_names.txt") {
      not_names.insert(word);
    } else if (file == "weak_suffixes.txt") {
      weak_suffixes.insert(word);
    } else if (file == "suffix_blockers.txt") {
      suffix_blockers.insert(word);
      suffix_blocker_words.insert(word, 0);
    } else if (file == "generic_project_heads.txt") {
      generic_project_heads.insert(word);
    } else if (file == "generic_terms.txt") {
      generic_terms.insert(word);
    } else if (file == "generic_modifiers.txt") {
      generic_modifiers.insert(word, 0);
    } else if (file == "person_intro.tsv") {
      need(2);
      std::uint32_t kind = f[1] == "Official" ? 1u : f[1] == "Person" ? 0u : 2u;
      person_intro.insert(word, kind);
      person_intro_forward.insert(word, kind);
    } else if (file == "companies.tsv" || file == "central_bodies.tsv") {
      need(2);
      auto type = parse_entity_type(f[1]);
      if (!type) bad_line(path, line.number, "unknown entity type '" + std::string(f[1]) + "'");
      add_known(word, *type, f.size() > 2 ? f[2] : std::string_view());
    } else if (file == "list_heads.tsv") {
      need(2);
      auto type = parse_entity_type(f[1]);
      if (!type) bad_line(path, line.number, "unknown entity type '" + std::string(f[1]) + "'");
      list_heads.insert(word, static_cast<std::uint32_t>(*type));
    } else if (file == "served.tsv" || file == "located.tsv" || file == "projects.tsv" || file == "dates.tsv") {
      need(2);
      RoleWords& words = file == "served.tsv"    ? served_words
                         : file == "located.tsv" ? located_words
                         : file == "dates.tsv"   ? date_words
                                                 : project_words;
      if (!words.add(word, f[1], f.size() > 2 ? f[2] : std::string_view()))
        bad_line(path, line.number, "unknown role '" + std::string(f[1]) + "'");
      if (file == "dates.tsv" && (f[1] == "document" || f[1] == "years") && f.size() > 2) {
        int offset = 0;
        const auto [end, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), offset);
        if (ec != std::errc() || end != f[2].data() + f[2].size())
          bad_line(path, line.number, "expected a whole number of days or years, got '" + std::string(f[2]) + "'");
      }
    } else if (file == "party_forms.tsv") {
      need(2);
      party_formal_endings.insert(word, static_cast<std::uint32_t>(party_short_endings.size()));
      party_short_endings.push_back(to_u32(f[1]));
    } else if (file == "party_prefixes.txt") {
      party_prefixes.insert(word, 0);
    } else if (file == "company_forms.tsv") {
      need(2);
      if (f[1] == "legal") legal_forms.insert(word, 0);
      else if (f[1] == "group") company_groups.insert(word, 0);
      else if (f[1] == "branch") company_branches.insert(word, 0);
      else if (f[1] == "short") short_legal_forms.push_back(word);
      else bad_line(path, line.number, "unknown form '" + std::string(f[1]) + "'");
    } else if (file == "list_joiners.txt") {
      list_joiners.insert(word, 0);
    } else if (file == "institutions.txt") {
      institutions.insert(word, 0);
    } else if (file == "common_words.txt") {
      common_words.insert(word, 0);
    } else if (file == "descriptive_words.txt") {
      descriptive_words.insert(word, 0);
    } else if (file == "demonstratives.txt") {
      demonstratives.insert(word, 0);
    } else if (file == "alias_markers.txt") {
      alias_markers.insert(word, 0);
    } else if (file == "measure_words.txt" || file == "numerals.txt") {
      if (word.size() != 1) bad_line(path, line.number, "expected one character");
      (file == "numerals.txt" ? numeral_chars : measure_chars).insert(word[0]);
    } else if (file == "conjunctions.txt") {
      if (word.size() != 1) bad_line(path, line.number, "expected one character");
      conjunctions.insert(word[0]);
    } else if (file == "nominal_verbs.txt") {
      nominal_verbs.insert(word);
    } else if (file == "function_chars.txt") {
      if (word.size() != 1) bad_line(path, line.number, "expected one character");
      function_chars.insert(word[0]);
    } else if (file == "facility_words.txt") {
      facility_words.insert(word, 0);
    } else if (file == "frames.tsv") {
      need(2);
      if (f[1] == "notgo") {
        frame_go_blockers.insert(word, 0);
        continue;
      }
      std::uint16_t role = parse_frame_role(f[1]);
      if (role == 0) bad_line(path, line.number, "unknown frame role '" + std::string(f[1]) + "'");
      if (role == kFrameHome) need(3);
      std::uint32_t index;
      if (auto existing = frame_words.find(word)) {
        index = *existing;
      } else {
        index = static_cast<std::uint32_t>(frame_info.size());
        frame_info.push_back({});
        frame_words.insert(word, index);
      }
      frame_info[index].roles |= role;
      if (role == kFrameHome) frame_info[index].home_level = to_u32(f[2]);
    } else {
      throw std::runtime_error("lexicon " + std::string(path) +
                               ": not a lexicon kg knows (docs/lexicons.md lists them)");
    }
  }
}

void Lexicons::add_known(const std::u32string& name, EntityType type, std::string_view aliases) {
  known.emplace_back(name, type);
  known_names.insert(name, static_cast<std::uint32_t>(known.size() - 1));
  std::size_t start = 0;
  while (start < aliases.size()) {
    std::size_t bar = aliases.find('|', start);
    if (bar == std::string_view::npos) bar = aliases.size();
    std::u32string alias = to_u32(aliases.substr(start, bar - start));
    if (!alias.empty()) {
      known_aliases[name].push_back(alias);
      known_names.insert(alias, static_cast<std::uint32_t>(known.size() - 1));
    }
    start = bar + 1;
  }
}

void Lexicons::load_user_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("lexicon " + path + ": cannot open the file");
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string content = buf.str();
  // Lexicons are UTF-8 (docs/lexicons.md): a GBK or UTF-16 file would
  // otherwise load as names full of U+FFFD that match nothing.
  const auto* bytes = reinterpret_cast<const uint8_t*>(content.data());
  const auto size = static_cast<int32_t>(content.size());
  for (int32_t at = 0, next = 0; at < size; at = next) {
    UChar32 c;
    U8_NEXT(bytes, next, size, c);
    if (c < 0) {
      const auto line = 1 + std::count(content.begin(), content.begin() + at, '\n');
      char what[96];
      std::snprintf(what, sizeof what, "not UTF-8 (byte 0x%02X at offset %d); save the file as UTF-8",
                    static_cast<unsigned>(bytes[at]), static_cast<int>(at));
      bad_line(path, static_cast<std::size_t>(line), what);
    }
  }
  for (const Line& line : parse_lines(content)) {
    const auto& f = line.fields;
    if (f.size() < 2) bad_line(path, line.number, "expected name<TAB>type[<TAB>alias|alias]");
    auto type = parse_entity_type(f[1]);
    if (!type) bad_line(path, line.number, "unknown entity type '" + std::string(f[1]) + "'");
    std::u32string name = to_u32(f[0]);
    if (name.empty()) bad_line(path, line.number, "empty name");
    add_known(name, *type, f.size() > 2 ? f[2] : std::string_view());
  }
}

Lexicons::Lexicons(const std::vector<std::string>& user_files) {
  for (const auto& [path, content] : embedded::lexicons_files()) load_file(path, content);
  for (const auto& [short_form, full] : short_forms_) {
    auto index = places.find(full);
    if (index) places.insert(short_form, *index);
  }
  short_forms_.clear();
  find_level_chars(one_character_place_suffixes_);
  one_character_place_suffixes_.clear();
  for (const auto& file : user_files) load_user_file(file);
  find_openers();
}

void Lexicons::find_openers() {
  static_assert(kScannedCount <= 16, "openers_ holds a bit per scanned lexicon");
  auto may_open = [&](std::size_t which, char32_t c) {
    switch (static_cast<Scanned>(which)) {
      case kScanSurnames: return surnames.may_start(c);
      case kScanOrgSuffixes: return org_suffixes.may_start(c);
      case kScanPlaceSuffixes: return place_suffixes.may_start(c);
      case kScanPlaces: return places.may_start(c);
      case kScanKnownNames: return known_names.may_start(c);
      case kScanFrameWords: return frame_words.may_start(c);
      case kScanTriggers: return triggers.may_start(c);
      case kScanServedWords: return served_words.may_start(c);
      case kScanDates: return date_words.may_start(c) || (c >= U'0' && c <= U'9');
      case kScannedCount: break;
    }
    return false;
  };
  auto openers_of = [&](char32_t c) {
    std::uint16_t bits = 0;
    for (std::size_t which = 0; which < kScannedCount; ++which)
      if (may_open(which, c)) bits = static_cast<std::uint16_t>(bits | (1U << which));
    return bits;
  };
  openers_.resize(0x10000);
  for (char32_t c = 0; c < 0x10000; ++c) openers_[c] = openers_of(c);
  astral_openers_ = openers_of(0x10000);
}

}  // namespace kg
