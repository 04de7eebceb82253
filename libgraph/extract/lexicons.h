// extract/lexicons.h owns the word lists extraction relies on: loading them
// from the data files in lexicons/ (compiled in) and from user files, and
// matching them against text through tries over code points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/types.h"

namespace kg {

// A trie over code points holding a small value per word. Matching runs
// forwards (words starting at a position) or, for a trie built from reversed
// words, backwards (words ending at a position: organisation suffixes, titles).
class WordTrie {
 public:
  explicit WordTrie(bool reversed = false) : reversed_(reversed) {}
  void insert(std::u32string_view word, std::uint32_t value);
  bool empty() const { return edge_count_ == 0; }
  // For a forward trie: every word that starts at `pos`, longest first.
  // For a reversed trie: every word that ends at `pos` (exclusive), longest first.
  // Results are (length, value).
  // Inline for the common case of a position that starts no word.
  void match(std::u32string_view text, std::size_t pos,
             std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) const {
    out.clear();
    if (may_match_at(text, pos)) match_walk(text, pos, out);
  }
  // Longest match only; length 0 if none.
  std::pair<std::uint32_t, std::uint32_t> longest(std::u32string_view text, std::size_t pos) const {
    return may_match_at(text, pos) ? longest_walk(text, pos) : std::pair<std::uint32_t, std::uint32_t>{0, 0};
  }
  // The longest match, as longest(), and in `lengths` a bit for the length
  // of every match (bit k: a word of k characters, for k < 32).
  std::pair<std::uint32_t, std::uint32_t> longest_and_lengths(std::u32string_view text, std::size_t pos,
                                                               std::uint32_t& lengths) const {
    lengths = 0;
    return may_match_at(text, pos) ? lengths_walk(text, pos, lengths) : std::pair<std::uint32_t, std::uint32_t>{0, 0};
  }
  std::optional<std::uint32_t> find(std::u32string_view word) const;
  // Most positions of a text start no word: one bit per BMP code point says
  // whether any word's first character (in matching order) is this one.
  bool may_start(char32_t c) const {
    return c < 0x10000 ? ((first_[c >> 6] >> (c & 63)) & 1U) != 0 : astral_;
  }

 private:
  // An edge (node, character) -> child, carrying what the child holds (a
  // node has one edge into it; the root holds no word), so that a step of a
  // walk reads one slot of the table and nothing else.
  struct Edge {
    std::uint64_t key = 0;  // ((node << 32) | character) + 1; 0 marks a free slot
    std::uint32_t child = 0;
    std::uint32_t value : 30 = 0;
    std::uint32_t terminal : 1 = 0;  // a word ends at the child
    // Edges leave the child: a walk that reaches a leaf stops there instead
    // of probing the table for a next edge that is not there (most words
    // of a trie are no prefix of another; the probe for a missing key is
    // the longest, and in a big table a cache miss).
    std::uint32_t has_children : 1 = 0;
  };

  // A word may match at pos: its first character (in matching order) may
  // begin a word, and it is a word itself or it and the next one may begin
  // a longer word. The second test turns away most of the walks the first
  // lets through (大 begins many places; 大家 none), each a probe or two
  // into a table too big for the cache; inline, it also saves the call.
  // GCC 12 reports text[pos + 1] as out of bounds where a test inlines this
  // with a string literal (it does not follow the size check before it).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif
  bool may_match_at(std::u32string_view text, std::size_t pos) const {
    if (reversed_) {
      if (pos == 0 || pos > text.size() || !may_start(text[pos - 1])) return false;
      return is_single(text[pos - 1]) || (pos >= 2 && may_open_pair(text[pos - 1], text[pos - 2]));
    }
    if (pos >= text.size() || !may_start(text[pos])) return false;
    return is_single(text[pos]) || (pos + 1 < text.size() && may_open_pair(text[pos], text[pos + 1]));
  }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  // `c` is a word of one character (astral characters: maybe).
  bool is_single(char32_t c) const {
    if (c >= 0x10000) return true;
    return !single_.empty() && ((single_[c >> 6] >> (c & 63)) & 1U) != 0;
  }
  // Some word of two characters or more begins with `first` then `second`
  // (in matching order): one bit per hashed pair, so maybe.
  bool may_open_pair(char32_t first, char32_t second) const {
    const std::uint32_t bit = pair_bit(first, second);
    return ((pairs_[bit >> 6] >> (bit & 63)) & 1U) != 0;
  }
  static std::uint32_t pair_bit(char32_t first, char32_t second) {
    return ((static_cast<std::uint32_t>(first) * 0x9E3779B1U) ^ static_cast<std::uint32_t>(second)) * 0x85EBCA6BU >> 16;
  }
  std::pair<std::uint32_t, std::uint32_t> longest_walk(std::u32string_view text, std::size_t pos) const;
  void match_walk(std::u32string_view text, std::size_t pos,
                  std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) const;
  std::pair<std::uint32_t, std::uint32_t> lengths_walk(std::u32string_view text, std::size_t pos,
                                                        std::uint32_t& lengths) const;
  // Follows the text from pos (backwards for a reversed trie), calling
  // on_word(length, value) for every word on the way, shortest first.
  template <typename OnWord>
  void walk(std::u32string_view text, std::size_t pos, OnWord on_word) const;
  // The slot holding `key`, or the free slot where it would go.
  std::size_t slot_for(std::uint64_t key) const;
  void grow();
  bool reversed_;
  std::uint32_t node_count_ = 1;  // the root is node 0
  std::vector<std::uint64_t> first_ = std::vector<std::uint64_t>(1024, 0);
  bool astral_ = false;
  std::vector<std::uint64_t> single_;  // a bit per BMP word of one character; empty if none
  std::vector<std::uint64_t> pairs_ = std::vector<std::uint64_t>(1024, 0);  // 65536 bits, pair_bit()
  // Edges in an open-addressing table: std::unordered_map costs a pointer
  // chase per character and Debian's Boost (1.74) predates
  // boost::unordered_flat_map.
  std::vector<Edge> edges_ = std::vector<Edge>(64);
  unsigned slot_shift_ = 64 - 6;  // 64 - log2(edges_.size()), kept for the hash of every probe
  std::size_t edge_count_ = 0;
};

// The vocabulary of one recogniser: words with roles, read from a file of
// word<TAB>role[<TAB>argument] lines (served.tsv, located.tsv, projects.tsv).
// A word may have several roles.
class RoleWords {
 public:
  // The roles this file may use, in bit order.
  explicit RoleWords(std::vector<std::string> roles) : role_names_(std::move(roles)) {}
  // Adds a word; false if `role` is not one of this file's roles.
  bool add(std::u32string_view word, std::string_view role, std::string_view argument);
  // The longest word starting at pos that has `role`: its length, or 0.
  std::uint32_t at(std::u32string_view text, std::size_t pos, std::size_t role) const {
    return pos < text.size() && words_.may_start(text[pos]) ? at_slow(text, pos, role) : 0;
  }
  // Some word (of any role) may start with `c`.
  bool may_start(char32_t c) const { return words_.may_start(c); }
  // Some word with `role` occurs in `text`.
  bool occurs_in(std::u32string_view text, std::size_t role) const;
  // The argument of `word` for `role` ("" if none).
  std::string argument(std::u32string_view word, std::size_t role) const;
  const std::vector<std::string>& role_names() const { return role_names_; }

 private:
  struct Entry {
    std::uint32_t roles = 0;
    std::vector<std::pair<std::size_t, std::string>> arguments;
  };
  std::uint32_t at_slow(std::u32string_view text, std::size_t pos, std::size_t role) const;
  std::vector<std::string> role_names_;
  WordTrie words_{false};
  std::vector<Entry> entries_;
};

// A set of words looked up with views of the text: the hash is transparent,
// so that asking about a span builds no std::u32string.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::u32string_view word) const { return std::hash<std::u32string_view>{}(word); }
};

// A set of words asked about spans of the text (is this core a generic
// term?). Kept in a trie rather than a hash set: most questions end at the
// first character's bit, and the others take a probe per character instead
// of hashing the whole span and chasing a bucket.
class WordSet {
 public:
  void insert(std::u32string_view word) { words_.insert(word, 0); }
  std::size_t count(std::u32string_view word) const { return words_.find(word) ? 1 : 0; }

 private:
  WordTrie words_{false};
};

// A small set of characters (function_chars.txt, numerals.txt): asked about
// most characters of every text, so a bit per BMP code point answers in one
// load where a hash set hashed and chased a bucket.
class CharSet {
 public:
  void insert(char32_t c) {
    if (c < 0x10000) bits_[c >> 6] |= std::uint64_t{1} << (c & 63);
    else if (astral_.find(c) == std::u32string::npos) astral_.push_back(c);
  }
  std::size_t count(char32_t c) const {
    if (c < 0x10000) return (bits_[c >> 6] >> (c & 63)) & 1U;
    return astral_.find(c) == std::u32string::npos ? 0 : 1;
  }

 private:
  std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(1024, 0);
  std::u32string astral_;  // characters beyond the BMP, rare in lexicons
};

// Which body a post belongs to (titles.tsv, column attach).
enum class TitleAttach : std::uint8_t { PartyOrg, Place, GovOrg, Enterprise, Organization, Park, Any };

struct TitleInfo {
  std::u32string title;
  TitleAttach attach = TitleAttach::Any;
  bool official = true;  // a party/government role
};

enum class TriggerRole : std::uint8_t { Lead, Accompany, Settle, Arrive, Attract, In, Joint, Own, Other };

struct TriggerInfo {
  RelationType relation = RelationType::served;
  TriggerRole role = TriggerRole::Other;
};

enum class PlaceLevel : std::uint8_t {
  Province, City, County, District, Town, Township, Street, Village, Community, Group, Region
};

// What a word does in the frames news reports are written in (frames.tsv).
enum FrameRole : std::uint16_t {
  kFrameGo = 1 << 0,       // opens a visit when a place follows: 赴月塘镇
  kFramePurpose = 1 << 1,  // what a visit is for: 调研
  kFrameSee = 1 << 2,      // the visitors saw what follows: 先后来到A、B
  kFrameLead = 1 << 3,     // the official before it leads: 带队
  kFrameGroup = 1 << 4,    // a visiting group standing for its leader: 一行
  kFrameHold = 1 << 5,     // holding an event: 举行
  kFrameEvent = 1 << 6,    // a settling event: 开工, 签约
  kFrameList = 1 << 7,     // introduces an event's items: 分别是
  kFrameHome = 1 << 8,     // the article's own area: 我镇
  kFrameMember = 1 << 9,   // belongs to the park in view: 园区企业
  kFrameAccompany = 1 << 10,  // the person only goes along: 陪同
  kFrameSite = 1 << 11,    // the site of what was visited: A公司厂区, B项目现场
  kFrameAgent = 1 << 12,   // names who formed the body before it: 联合党支部由A、B…
  kFrameForm = 1 << 13,    // the forming itself: 联合组建, 共同组建
};

struct FrameWord {
  std::uint16_t roles = 0;     // FrameRole bits
  std::u32string home_level;   // home: 镇, 县, 园区 ...
};

struct PlaceInfo {
  std::u32string name;    // full name
  PlaceLevel level = PlaceLevel::Region;
  std::u32string parent;  // full name of the enclosing division, may be empty
};

class Lexicons {
 public:
  // Built-in lexicons plus user files ("name<TAB>type[<TAB>alias|alias]").
  explicit Lexicons(const std::vector<std::string>& user_files = {});

  WordTrie titles{true};            // value: index into title_info
  WordTrie titles_forward{false};   // the same words, matched from their start
  std::vector<TitleInfo> title_info;
  WordTrie org_suffixes{true};      // value: EntityType
  WordSet park_body_suffixes;   // org_suffixes.tsv owner=park: 管委会, 党工委
  WordSet place_body_suffixes;  // org_suffixes.tsv owner=place: 政府
  // 园区, 区内: a word that stands for the park the article is about
  // (frames.tsv, home with level 园区).
  bool names_home_park(std::u32string_view word) const;
  WordTrie place_suffixes{true};    // value: PlaceLevel
  // A character that is a place's level on its own (镇, 县, 市, 村: a
  // one-character suffix of place_suffixes.tsv from province to village,
  // weak ones like 庄 aside).
  bool is_level_char(char32_t c) const;
  std::optional<PlaceLevel> level_of(char32_t c) const;
  WordTrie places{false};           // value: index into place_info (full and short forms)
  std::vector<PlaceInfo> place_info;
  WordTrie surnames{false};         // value: unused
  WordTrie triggers{false};         // value: index into trigger_info
  std::vector<TriggerInfo> trigger_info;
  // served.tsv, located.tsv, projects.tsv: roles in the order of these enums.
  enum ServedRole : std::size_t { kServedOrder, kServedListed, kServedAt, kServedCompany };
  RoleWords served_words{{"order", "listed", "at", "company"}};
  enum LocatedRole : std::size_t { kLocatedParticle, kLocatedInside };
  RoleWords located_words{{"particle", "inside"}};
  enum ProjectRole : std::size_t { kProjectBuild, kProjectInvest, kProjectAbout, kProjectCurrency };
  RoleWords project_words{{"build", "invest", "about", "currency"}};
  // dates.tsv (issue 12 part 2): the words dates are written with.
  enum DateRole : std::size_t { kDateYear, kDateMonth, kDateDay, kDateDocument, kDateYears };
  RoleWords date_words{{"year", "month", "day", "document", "years"}};
  WordTrie list_joiners{false};     // list_joiners.txt: 、 和 及 以及
  WordTrie party_prefixes{true};    // party_prefixes.txt: 中共, ending where a name's place begins
  WordTrie party_formal_endings{true};  // party_forms.tsv: 支部委员会, value: index into party_short_endings
  std::vector<std::u32string> party_short_endings;
  WordTrie legal_forms{true};       // company_forms.tsv legal: 有限公司, at the end of a name
  WordTrie company_groups{true};    // company_forms.tsv group: 集团
  WordTrie company_branches{false}; // company_forms.tsv branch: 分, 支
  std::vector<std::u32string> short_legal_forms;  // company_forms.tsv short: 公司
  WordTrie institutions{true};      // institutions.txt, matched at the end of a name
  WordTrie frame_words{false};      // frames.tsv, value: index into frame_info
  std::vector<FrameWord> frame_info;
  WordTrie frame_go_blockers{true};  // frames.tsv "notgo": 受到 is no journey
  WordTrie name_enders{false};      // words that end a person name when they follow it
  WordTrie name_enders_backward{true};  // the same, matched from their end (what a name's left edge follows)
  WordTrie boundary_words{true};    // words that cannot end inside a name's left part
  WordTrie boundary_forward{false};
  WordTrie known_names{false};      // companies.tsv + user lexicons, value: index into known
  std::vector<std::pair<std::u32string, EntityType>> known;
  std::unordered_map<std::u32string, std::vector<std::u32string>> known_aliases;
  WordTrie industry_words{true};    // enterprise name endings such as 科技, 电子
  WordTrie industry_forward{false}; // the same, matched from their start
  WordSet not_names;
  CharSet function_chars;  // function_chars.txt
  CharSet measure_chars;  // measure_words.txt: 家, 个, 吨
  CharSet numeral_chars;  // numerals.txt: 一, 十, 万, 第
  bool is_measure(char32_t c) const { return measure_chars.count(c) > 0; }
  bool is_han_numeral(char32_t c) const { return numeral_chars.count(c) > 0; }
  CharSet conjunctions;   // conjunctions.txt
  WordSet nominal_verbs;  // nominal_verbs.txt
  WordSet generic_terms;
  WordSet suffix_blockers;
  WordSet weak_suffixes;          // 办, 中心: need a body before them        // 局面 is not a bureau
  WordSet generic_project_heads;  // 获奖项目 names no project
  WordTrie generic_modifiers{false};
  WordTrie alias_markers{false};    // alias_markers.txt: 以下简称
  WordTrie demonstratives{false};   // demonstratives.txt: 该, 此, 本
  WordTrie descriptive_words{false};  // descriptive_words.txt: 新型, 优秀
  WordTrie common_words{false};     // common_words.txt: ordinary words of 2-4 characters
  // A brand's core opens with a rare pair of syllables (智诺, 天和); a
  // description's with an ordinary word (智能, 食品). Latin letters and
  // digits make no ordinary word either.
  bool opens_with_common_word(std::u32string_view text, std::size_t pos) const {
    return common_words.longest(text, pos).first > 0;
  }
  WordTrie list_heads{false};       // list_heads.tsv, value: EntityType
  WordTrie facility_words{true};    // facility_words.txt, matched at the end of a list item
  WordTrie person_intro{true};      // words before a name: 村民, 记者 (value: 0 Person, 1 Official, 2 not an entity)
  WordTrie person_intro_forward{false};
  WordTrie suffix_blocker_words{false};  // suffix_blockers as a trie, for matching in running text

  // The lexicons that recognisers look for at every position of a document
  // (surnames, organisation suffixes, the gazetteer...). A document's
  // DocState finds in one pass where each of them may open a word, and each
  // recogniser visits those positions only: a dozen scans testing every
  // character again cost more than the rest of most of them.
  enum Scanned : std::size_t {
    kScanSurnames, kScanOrgSuffixes, kScanPlaceSuffixes, kScanPlaces, kScanKnownNames,
    kScanFrameWords, kScanTriggers, kScanServedWords, kScanDates, kScannedCount
  };
  // Bit k: `c` may open a word of Scanned lexicon k, in the order the trie
  // matches (for a reversed trie, `c` may be a word's last character); for
  // kScanDates, a word of dates.tsv or a digit. Found once the files are
  // read: words inserted into the tries later are not seen here.
  std::uint16_t scanned_openers(char32_t c) const { return c < 0x10000 ? openers_[c] : astral_openers_; }

 private:
  void load_file(std::string_view path, std::string_view content);
  void load_user_file(const std::string& path);
  void add_known(const std::u32string& name, EntityType type, std::string_view aliases);
  std::vector<std::pair<std::u32string, std::u32string>> short_forms_;
  // The level characters (is_level_char) and their levels, found once the
  // files are read: asked about most characters of every text.
  void find_level_chars(const std::u32string& one_character_place_suffixes);
  std::u32string one_character_place_suffixes_;
  std::u32string level_chars_;
  std::vector<PlaceLevel> level_values_;
  void find_openers();
  std::vector<std::uint16_t> openers_;  // scanned_openers of each BMP code point
  std::uint16_t astral_openers_ = 0;    // of every code point beyond (a trie tells them apart by one flag)
};

}  // namespace kg
