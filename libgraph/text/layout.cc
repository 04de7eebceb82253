// text/layout.cc owns the line-level structure of a file: page furniture,
// metadata lines, lines broken inside a sentence, and where one article ends
// and the next begins. It works on keyword tests over the traditional ->
// simplified folded start of each line, so it reads both scripts. The words
// are data (lexicons/text/, read by lexicons.cc); the shapes are here.
//
// Page furniture (lines dropped, counted in stats.furniture_lines): whole
// lines and line starts of furniture.tsv (返回顶部, 当前位置, 版权所有 ...);
// breadcrumbs, a short line with '>' that holds a furniture.tsv `crumb` word
// (首页) or ends with a `crumb_end` one (正文); page numbers, 12, - 12 -,
// 第12页, 3/12, 第3页 共12页 (from PDFs).
// Metadata (lifted into DocumentMeta, removed from the text):
//   a line starting with key: (metadata_keys.tsv: 来源, 作者, 发布时间,
//   责任编辑 ...), or with a date followed by such keys or a time only;
//   editor lines (责任编辑:…), also in parentheses or brackets;
//   a byline "► 名字 名字", "记者 名字", "文/名字" (credits.tsv); a bare 2-4
//   character name (byline_surnames.txt) on the first or last line of an
//   article; names after the last sentence of an article; a trailing
//   (供稿:…), (作者:…), (记者 …), (来源:…); the credit of a lead:
//   本报讯(记者 名字 通讯员 名字)
#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "core/dates.h"
#include "core/utf8.h"
#include "text/internal.h"

namespace kg::text_detail {
namespace {

using u32sv = std::u32string_view;

enum class Kind { Body, Furniture, Editor, Meta, Byline, Name };

struct Line {
  std::uint32_t begin = 0, end = 0;  // trimmed range in the CharStream
  std::uint32_t blank_before = 0, blank_after = 0;
  Kind kind = Kind::Body;
  bool headline = false;  // short, title-like
  bool lead = false;      // 本报讯 / XX讯 opening
  // Its folded (simplified) first characters: Layout::head(line), a range
  // of one buffer for all lines rather than a string each.
  std::uint32_t head_at = 0, head_size = 0;
  std::unique_ptr<DocumentMeta> parsed;  // what a metadata line says (few lines have any)
  std::uint32_t size() const { return end - begin; }
  DocumentMeta& meta() {
    if (!parsed) parsed = std::make_unique<DocumentMeta>();
    return *parsed;
  }
  bool has_date() const { return parsed && !parsed->published.empty(); }
};

constexpr std::size_t kHeadChars = 160;

bool is_final_punct(char32_t c) {
  return c == U'。' || c == '!' || c == '?' || c == ';' || c == ':' || c == U'…' || c == '.' ||
         c == U'！' || c == U'？' || c == U'；' || c == U'：';
}
bool is_closer(char32_t c) {
  return c == U'”' || c == U'’' || c == U'」' || c == U'』' || c == '"' || c == '\'' || c == U'】' ||
         c == ')' || c == U'》';
}
bool contains(u32sv hay, u32sv needle) { return hay.find(needle) != u32sv::npos; }
bool starts_with(u32sv s, u32sv p) { return s.substr(0, p.size()) == p; }
bool ends_with(u32sv s, u32sv p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }
bool starts_with_any(u32sv s, const std::vector<std::u32string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](u32sv p) { return starts_with(s, p); });
}

u32sv trim(u32sv s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Runs of spaces become one; the value ends at a closing bracket.
std::string clean_value(u32sv v) {
  v = trim(v);
  while (!v.empty() && (v.back() == ')' || v.back() == ']' || v.back() == U'】')) v = trim(v.substr(0, v.size() - 1));
  std::u32string out;
  bool space = false;
  for (char32_t c : v) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return to_utf8(out);
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// YYYY-MM-DD from 2022-10-24, 2019年12月11日, 2024/04/03 or 2024.04.03.
std::string find_date(u32sv s, std::size_t* at = nullptr) {
  for (std::size_t i = 0; i + 8 <= s.size(); ++i) {
    if (!(is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3]))) continue;
    if (i > 0 && is_digit(s[i - 1])) continue;
    const int year = (int(s[i]) - '0') * 1000 + (int(s[i + 1]) - '0') * 100 + (int(s[i + 2]) - '0') * 10 + int(s[i + 3] - '0');
    if (year < 1949 || year > 2100) continue;
    std::size_t k = i + 4;
    const char32_t sep = s[k];
    if (sep != '-' && sep != '/' && sep != '.' && sep != U'年') continue;
    ++k;
    int month = 0, day = 0, digits = 0;
    while (k < s.size() && is_digit(s[k]) && digits < 2) month = month * 10 + int(s[k++] - '0'), ++digits;
    if (digits == 0 || k >= s.size()) continue;
    const char32_t sep2 = s[k];
    if (!((sep == U'年' && sep2 == U'月') || (sep != U'年' && sep2 == sep))) continue;
    ++k;
    digits = 0;
    while (k < s.size() && is_digit(s[k]) && digits < 2) day = day * 10 + int(s[k++] - '0'), ++digits;
    if (digits == 0 || month < 1 || month > 12 || day < 1 || day > 31) continue;
    if (at) *at = i;
    return iso_date(year, month, day);
  }
  return {};
}

// The metadata key written at head[i] and followed by a colon (spaces
// between allowed), or null; *value_at is where its value starts.
const MetaKey* meta_key_at(const TextLexicons& lex, u32sv head, std::size_t i, std::size_t* value_at) {
  if (!lex.may_start_meta_key(head[i])) return nullptr;
  for (const MetaKey& meta_key : lex.meta_keys) {
    const u32sv key = meta_key.key;
    if (!starts_with(head.substr(i), key)) continue;
    std::size_t k = i + key.size();
    while (k < head.size() && is_space(head[k])) ++k;
    if (k < head.size() && (head[k] == ':' || head[k] == U'：')) {
      *value_at = k + 1;
      return &meta_key;
    }
  }
  return nullptr;
}

// Parses "key: value key: value" pairs of a metadata line.
void parse_fields(const TextLexicons& lex, u32sv head, u32sv original, DocumentMeta& meta) {
  struct Hit {
    std::size_t key_at, value_at;
    MetaField field;
  };
  std::vector<Hit> hits;
  for (std::size_t i = 0; i < head.size(); ++i) {
    std::size_t value_at = 0;
    if (const MetaKey* key = meta_key_at(lex, head, i, &value_at)) {
      hits.push_back({i, value_at, key->field});
      i = value_at - 1;
    }
  }
  for (std::size_t h = 0; h < hits.size(); ++h) {
    std::size_t end = h + 1 < hits.size() ? hits[h + 1].key_at : original.size();
    // 来源:园区日报 2023-06-01 10:00 : the value stops at a date.
    std::size_t date_at = 0;
    if (!find_date(head.substr(hits[h].value_at, end - hits[h].value_at), &date_at).empty() && date_at > 0)
      end = hits[h].value_at + date_at;
    const std::string value = clean_value(original.substr(hits[h].value_at, end - hits[h].value_at));
    if (value.empty()) continue;
    std::string* field = nullptr;
    switch (hits[h].field) {
      case MetaField::Outlet: field = &meta.outlet; break;
      case MetaField::Author: field = &meta.author; break;
      case MetaField::Editor: field = &meta.editor; break;
      case MetaField::None: break;
    }
    if (field && field->empty()) *field = value;
  }
  if (meta.published.empty()) meta.published = find_date(head);
}

bool all_han(u32sv s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char32_t c) { return is_han(c); });
}

bool is_person_name(const TextLexicons& lex, u32sv folded) {
  return folded.size() >= 2 && folded.size() <= 4 && all_han(folded) &&
         lex.byline_surnames.find(folded.front()) != u32sv::npos &&
         lex.institution_suffixes.find(folded.back()) == u32sv::npos;
}

// The leading place or organisation name of a heading (临沂高新区 in
// 临沂高新区崛起大数据产业特色高地), or empty.
u32sv leading_name(u32sv folded, u32sv suffixes) {
  std::size_t start = 0;
  if (starts_with(folded, U"【")) {
    const std::size_t close = folded.find(U'】');
    if (close != u32sv::npos && close < 8) start = close + 1;
  }
  for (std::size_t i = start + 2; i < folded.size() && i < start + 14; ++i) {
    if (!is_han(folded[i])) return {};
    if (suffixes.find(folded[i]) != u32sv::npos) return folded.substr(start, i + 1 - start);
  }
  return {};
}

bool ends_with_final(u32sv s) {
  while (!s.empty() && (is_closer(s.back()) || is_space(s.back()))) {
    if (s.back() == ')' ) break;
    s.remove_suffix(1);
  }
  return !s.empty() && (is_final_punct(s.back()) || s.back() == ')');
}

std::size_t count_commas(u32sv s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char32_t c) { return c == ',' || c == U'、'; }));
}

// A file's lines and their folded heads, kept per thread from one file to
// the next: two buffers the size of the text, which came back cold from the
// allocator when made anew for each file. Let go when a huge file grew them.
struct LineBuffers {
  static constexpr std::size_t kKeptLines = std::size_t{1} << 16, kKeptHeadChars = std::size_t{1} << 20;
  std::vector<Line> lines;
  std::u32string heads;
};

LineBuffers& line_buffers() {
  thread_local LineBuffers buffers;
  return buffers;
}

class Layout {
 public:
  explicit Layout(const CharStream& chars)
      : text_(chars.text), lines_(line_buffers().lines), heads_(line_buffers().heads) {
    lines_.clear();  // heads_ is resized before use, every character written
  }
  ~Layout() {
    lines_.clear();
    if (lines_.capacity() > LineBuffers::kKeptLines) std::vector<Line>().swap(lines_);
    if (heads_.capacity() > LineBuffers::kKeptHeadChars) std::u32string().swap(heads_);
  }
  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;

  std::vector<ArticleDraft> run() {
    scan_lines();
    find_column_width();
    classify();
    mark_long_headlines();
    split();
    attach_orphans();
    return build();
  }

 private:
  struct Draft {
    std::vector<std::size_t> body;  // line indices
    std::size_t heading_lines = 0;  // leading title/subtitle lines in body
    std::u32string heading_text;    // folded
    DocumentMeta meta;
    std::size_t body_count = 0;     // body lines that are not headings
    std::uint32_t furniture = 0;
    bool signed_off = false;
    bool orphan = false;
    bool merged = false;  // given to another draft; dropped by compact_drafts
  };

  u32sv view(const Line& l) const { return u32sv(text_).substr(l.begin, l.size()); }
  u32sv head(const Line& l) const { return u32sv(heads_).substr(l.head_at, l.head_size); }
  std::uint32_t column_width_ = 0;

  static bool is_line_break(char32_t c) {
    return c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  void scan_lines() {
    const std::size_t n = text_.size();
    lines_.reserve(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), U'\n')) + 1);
    std::uint32_t blanks = 0;
    std::size_t pos = 0;
    while (pos <= n) {
      std::size_t end = pos;
      while (end < n && !is_line_break(text_[end])) ++end;
      std::size_t b = pos, e = end;
      while (b < e && is_space(text_[b])) ++b;
      while (e > b && is_space(text_[e - 1])) --e;
      if (b == e) {
        ++blanks;
      } else {
        Line line;
        line.begin = static_cast<std::uint32_t>(b);
        line.end = static_cast<std::uint32_t>(e);
        line.blank_before = blanks;
        if (!lines_.empty()) lines_.back().blank_after = blanks;
        lines_.push_back(std::move(line));
        blanks = 0;
      }
      if (end >= n) break;
      pos = end + 1;
      if (text_[end] == '\r' && pos < n && text_[pos] == '\n') ++pos;
    }
    if (!lines_.empty()) lines_.back().blank_after = blanks;
  }

  void fold_heads() {
    std::size_t total = 0;
    for (const Line& line : lines_) total += std::min<std::size_t>(line.size(), kHeadChars);
    heads_.resize(total);
    std::uint32_t at = 0;
    for (Line& line : lines_) {
      const u32sv original = view(line);
      const auto take = static_cast<std::uint32_t>(std::min<std::size_t>(original.size(), kHeadChars));
      t2s_chars(original.substr(0, take), heads_.data() + at);
      line.head_at = at;
      line.head_size = take;
      at += take;
    }
  }

  void classify() {
    fold_heads();
    for (Line& line : lines_) {
      const u32sv original = view(line);
      const u32sv head = this->head(line);
      const std::size_t len = original.size();

      if (len <= 60 && is_furniture(head)) {
        line.kind = Kind::Furniture;
        continue;
      }
      u32sv unbracketed = head;
      if (!unbracketed.empty() && (unbracketed.front() == '(' || unbracketed.front() == '[' || unbracketed.front() == U'【'))
        unbracketed.remove_prefix(1);
      if (len <= 60 && starts_with_any(unbracketed, lex_.editor_keys)) {
        const std::size_t offset = static_cast<std::size_t>(unbracketed.data() - head.data());
        parse_fields(lex_, unbracketed, original.substr(offset), line.meta());
        if (!line.meta().editor.empty()) {
          line.kind = Kind::Editor;
          continue;
        }
      }
      if (len <= 120 && is_meta_line(head)) {
        parse_fields(lex_, head, original, line.meta());
        line.kind = Kind::Meta;
        continue;
      }
      if (std::string author = byline_author(head, original, len); !author.empty()) {
        line.meta().author = std::move(author);
        line.kind = Kind::Byline;
        continue;
      }
      if (is_person_name(lex_, head)) {
        line.kind = Kind::Name;
        line.meta().author = clean_value(original);
        continue;
      }
      line.lead = is_lead(head);
      line.headline = !line.lead && is_headline(head, len);
      if (line.lead) take_lead_credit(line);
    }
  }

  // The names of a credit, without the words around them:
  // "记者 王明 通讯员 李华" -> "王明 李华".
  std::string credit_names(u32sv original) const {
    std::u32string names;
    for (std::size_t i = 0; i < original.size();) {
      bool keyword = false;
      for (u32sv key : lex_.credit_words) {
        if (starts_with(original.substr(i), key)) {
          names.push_back(U' ');
          i += key.size();
          keyword = true;
          break;
        }
      }
      if (keyword) continue;
      const char32_t c = original[i++];
      names.push_back(c == ':' || c == '/' || c == '|' || c == U'、' || c == ',' ? U' ' : c);
    }
    return clean_value(names);
  }

  // "► 文武 杨柳", "记者 王明", "本报记者 王明 通讯员 李华", "文/王明".
  std::string byline_author(u32sv head, u32sv original, std::size_t len) const {
    if (head.front() == U'►' || head.front() == U'▶' || head.front() == U'■')
      return len <= 40 ? credit_names(original.substr(1)) : std::string();
    if (len > 30 || head.find(U'。') != u32sv::npos || head.find(',') != u32sv::npos) return {};
    for (u32sv key : lex_.byline_words)
      if (starts_with(head, key) && head.size() > key.size() && is_space(head[key.size()]))
        return credit_names(original);
    for (u32sv key : lex_.signature_words) {
      if (!starts_with(head, key)) continue;
      std::size_t mark = key.size();
      if (mark < head.size() && head[mark] == ' ') ++mark;
      if (mark < head.size() && (head[mark] == '/' || head[mark] == '|'))
        return credit_names(original.substr(mark + 1));
    }
    return {};
  }

  // 本报讯(记者 王明)园区… : the credit becomes the author and the text
  // starts after it.
  void take_lead_credit(Line& line) const {
    const u32sv head = this->head(line);
    const std::size_t open = head.find('(');
    if (open == u32sv::npos || open > 16 || (head[open - 1] != U'讯' && head[open - 1] != U'电')) return;
    const std::size_t close = head.find(')', open);
    if (close == u32sv::npos || close - open > 40) return;
    const u32sv inside = head.substr(open + 1, close - open - 1);
    if (!starts_with_any(inside, lex_.lead_credit_words)) return;
    line.meta().author = credit_names(view(line).substr(open + 1, close - open - 1));
    std::uint32_t begin = line.begin + static_cast<std::uint32_t>(close + 1);
    while (begin < line.end && is_space(text_[begin])) ++begin;
    if (begin < line.end) line.begin = begin;
  }

  // A longer first line right above the date/source line or the byline is
  // the headline too.
  void mark_long_headlines() {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      Line& line = lines_[i];
      if (line.kind != Kind::Body || line.headline || line.lead || line.size() > 80 || ends_with_final(view(line)) ||
          head(line).find(U'。') != u32sv::npos)
        continue;
      const std::size_t j = next_content(i);
      if (j < lines_.size() && (lines_[j].kind == Kind::Byline ||
                                (lines_[j].kind == Kind::Meta && lines_[j].has_date())))
        line.headline = true;
    }
  }

  // One or two numbers of at most three digits, with nothing but the marks
  // page numbers are written with.
  static bool is_page_number(u32sv head) {
    if (head.size() > 16) return false;
    std::size_t groups = 0, digits = 0;
    for (char32_t c : head) {
      if (is_digit(c)) {
        if (digits++ == 0) ++groups;
        if (digits > 3) return false;
        continue;
      }
      digits = 0;
      if (!(is_space(c) || c == '-' || c == U'—' || c == U'–' || c == '/' || c == '(' || c == ')' || c == U'第' ||
            c == U'页' || c == U'共'))
        return false;
    }
    return groups >= 1 && groups <= 2;
  }

  bool is_furniture(u32sv head) const {
    if (is_page_number(head)) return true;
    const auto& lines = lex_.furniture_lines;
    if (std::find(lines.begin(), lines.end(), head) != lines.end()) return true;
    if (starts_with_any(head, lex_.furniture_starts)) return true;
    if (!contains(head, U">")) return false;
    return std::any_of(lex_.crumb_words.begin(), lex_.crumb_words.end(), [&](u32sv w) { return contains(head, w); }) ||
           std::any_of(lex_.crumb_ends.begin(), lex_.crumb_ends.end(), [&](u32sv w) { return ends_with(head, w); });
  }

  bool is_meta_key_at(u32sv head, std::size_t i) const {
    std::size_t value_at = 0;
    return meta_key_at(lex_, head, i, &value_at) != nullptr;
  }

  // A line that opens with a key (来源: …) or with a date followed by keys
  // (2022-10-24 09:32:31来源:…) or by nothing but a time. A sentence that opens with a
  // date (2024年1月31日,镇里举办…。) is text.
  bool is_meta_line(u32sv head) const {
    if (is_meta_key_at(head, 0)) return true;
    std::size_t at = 0;
    if (find_date(head.substr(0, std::min<std::size_t>(head.size(), 16)), &at).empty() || at != 0) return false;
    if (head.find(U'。') != u32sv::npos || head.find(',') != u32sv::npos) return false;
    std::size_t rest = 0;  // past the date and time
    while (rest < head.size() && (is_digit(head[rest]) || is_space(head[rest]) || head[rest] == '-' ||
                                  head[rest] == '/' || head[rest] == '.' || head[rest] == ':' ||
                                  head[rest] == U'年' || head[rest] == U'月' || head[rest] == U'日'))
      ++rest;
    if (rest == head.size()) return true;
    for (std::size_t i = rest; i < head.size(); ++i)
      if (is_meta_key_at(head, i)) return true;
    return false;
  }

  // 本报讯 / 西部决策网讯 / 本报北京3月1日讯 + space, colon or '(' at the
  // start of a paragraph. 讯 and 电 are the grammar of a dateline (any
  // outlet or place may stand before them), not a list that grows, so they
  // stay here with the rest of the shape.
  static bool is_lead(u32sv head) {
    if (starts_with(head, U"本报讯")) return true;
    for (std::size_t i = 1; i < head.size() && i < 16; ++i) {
      const char32_t c = head[i - 1];
      if (!is_han(c) && !(c >= 'A' && c <= 'z') && !(c >= '0' && c <= '9')) return false;
      const bool dateline = head[i] == U'讯' || (head[i] == U'电' && head[i - 1] == U'日');
      if (dateline && i + 1 < head.size() &&
          (is_space(head[i + 1]) || head[i + 1] == ':' || head[i + 1] == '('))
        return true;
    }
    return false;
  }

  static bool is_headline(u32sv head, std::size_t len) {
    if (len < 4 || len > 40) return false;
    if (ends_with_final(head)) return false;
    if (head.find(U'。') != u32sv::npos) return false;
    return count_commas(head) <= 2;
  }

  // Text set in a narrow column (an e-paper page, a PDF of one) breaks its
  // lines at one width: most lines of eight or more characters are that long,
  // give or take one. 0 when the text has no such width.
  void find_column_width() {
    std::vector<std::uint32_t> count(128, 0);
    std::uint32_t long_lines = 0;
    for (const Line& line : lines_) {
      if (line.size() < 8 || line.size() >= count.size()) continue;
      ++count[line.size()];
      ++long_lines;
    }
    std::uint32_t best = 0, best_count = 0;
    for (std::uint32_t w = 1; w + 1 < count.size(); ++w) {
      const std::uint32_t near = count[w - 1] + count[w] + count[w + 1];
      if (near > best_count) best_count = near, best = w;
    }
    column_width_ = best_count >= 4 && best_count * 5 >= long_lines * 2 ? best : 0;
  }

  // A line broken by PDF extraction rather than a heading: it does not end a
  // sentence and it reads like the middle of one.
  bool broken_after(const Line& line) const {
    const u32sv s = view(line);
    if (ends_with_final(s)) return false;
    if (column_width_ > 0 && s.size() + 1 >= column_width_) return true;
    if (s.size() > 40) return true;
    if (s.size() > 24 && count_commas(s) >= 1) return true;
    if (lex_.broken_line_endings.find(s.back()) != u32sv::npos) return true;
    const std::size_t stop = s.find(U'。');
    return stop != u32sv::npos && stop + 1 < s.size();
  }

  std::size_t next_content(std::size_t i) const {
    for (std::size_t j = i + 1; j < lines_.size(); ++j)
      if (lines_[j].kind != Kind::Furniture) return j;
    return lines_.size();
  }

  bool starts_article(std::size_t i, const Draft& cur) const {
    const Line& line = lines_[i];
    if (cur.signed_off) return true;
    std::size_t j = next_content(i);
    for (int skipped = 0; j < lines_.size() && lines_[j].headline && skipped < 2; ++skipped) j = next_content(j);
    if (j < lines_.size() && (lines_[j].kind == Kind::Byline || lines_[j].lead ||
                              (lines_[j].kind == Kind::Meta && lines_[j].has_date())))
      return true;
    const u32sv folded = head(line);
    const std::size_t colon = folded.find(':');
    if (colon != u32sv::npos && colon >= 3 && colon <= 14 && folded.size() - colon > 4 &&
        leading_name(folded, lex_.org_suffixes).size() == colon)
      return true;
    const u32sv name = leading_name(folded, lex_.place_suffixes);
    if (!name.empty() && !contains(cur.heading_text, name) && (line.blank_after >= 2 || line.blank_before >= 2))
      return true;
    return false;
  }

  void split() {
    drafts_.emplace_back();
    bool prev_heading = false;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      Line& line = lines_[i];
      Draft* cur = &drafts_.back();
      switch (line.kind) {
        case Kind::Furniture:
          ++cur->furniture;
          continue;
        case Kind::Editor:
        case Kind::Meta:
        case Kind::Byline:
          merge_meta(cur->meta, line.meta());
          continue;
        case Kind::Name: {
          if (cur->body_count == 0) {
            merge_meta(cur->meta, line.meta());
            continue;
          }
          const std::size_t j = next_content(i);
          if (j >= lines_.size() || lines_[j].headline || lines_[j].kind != Kind::Body) {
            merge_meta(cur->meta, line.meta());
            cur->signed_off = true;
            continue;
          }
          break;  // a name-like line inside the text: keep it
        }
        case Kind::Body:
          break;
      }
      if ((line.headline && cur->body_count >= 2 && starts_article(i, *cur)) ||
          (line.lead && cur->body_count >= 2 && !prev_heading)) {
        drafts_.emplace_back();
        cur = &drafts_.back();
        cur->orphan = line.lead;
      } else if (line.headline && cur->signed_off) {
        drafts_.emplace_back();
        cur = &drafts_.back();
      }
      cur->signed_off = false;
      if (line.lead) merge_meta(cur->meta, line.meta());  // 本报讯(记者 …)
      cur->body.push_back(i);
      if (line.headline && cur->body_count == 0 && !cur->orphan) {
        if (cur->heading_lines == 0) cur->meta.title = to_utf8(view(line));
        ++cur->heading_lines;
        cur->heading_text += head(line);
        cur->heading_text += U'\n';
        prev_heading = true;
      } else {
        ++cur->body_count;
        prev_heading = false;
      }
    }
    // A draft without text (metadata only) gives its metadata to a neighbour.
    if (drafts_.size() > 1) {
      for (std::size_t d = 0; d < drafts_.size(); ++d) {
        if (!drafts_[d].body.empty()) continue;
        std::size_t into = d;
        while (into > 0 && drafts_[into].body.empty()) --into;
        if (drafts_[into].body.empty()) {
          into = d;
          while (into + 1 < drafts_.size() && drafts_[into].body.empty()) ++into;
        }
        if (into == d) continue;
        merge_meta(drafts_[into].meta, drafts_[d].meta);
        drafts_[into].furniture += drafts_[d].furniture;
        drafts_[d].merged = true;
      }
      compact_drafts();
    }
  }

  void compact_drafts() {
    std::size_t kept = 0;
    for (std::size_t d = 0; d < drafts_.size(); ++d) {
      if (drafts_[d].merged) continue;
      if (kept != d) drafts_[kept] = std::move(drafts_[d]);
      ++kept;
    }
    drafts_.resize(kept);
  }

  static void merge_meta(DocumentMeta& into, const DocumentMeta& from) {
    if (into.title.empty()) into.title = from.title;
    if (into.published.empty()) into.published = from.published;
    if (into.outlet.empty()) into.outlet = from.outlet;
    if (into.author.empty()) into.author = from.author;
    if (into.editor.empty()) into.editor = from.editor;
  }

  // An opening paragraph found away from its headline (a lead after another
  // article's end) goes in front of the article whose headline names the
  // same place or organisation.
  void attach_orphans() {
    // Look a few articles back and forth: a file is a page or two.
    constexpr std::size_t kReach = 16;
    bool any = false;
    for (std::size_t d = 0; d < drafts_.size(); ++d) {
      Draft& orphan = drafts_[d];
      if (!orphan.orphan || orphan.body.empty()) continue;
      const Line& first = lines_[orphan.body.front()];
      std::size_t target = drafts_.size();
      // Nearest first: d-1, d+1, d-2, d+2, ...
      for (std::size_t step = 1; step <= 2 * kReach && target == drafts_.size(); ++step) {
        const std::size_t distance = (step + 1) / 2;
        if (step % 2 == 1 ? distance > d : d + distance >= drafts_.size()) continue;
        const std::size_t t = step % 2 == 1 ? d - distance : d + distance;
        const Draft& candidate = drafts_[t];
        if (candidate.orphan || candidate.merged || candidate.heading_lines == 0) continue;
        const u32sv name = leading_name(head(lines_[candidate.body.front()]), lex_.org_suffixes);
        if (!name.empty() && contains(head(first), name)) target = t;
      }
      if (target == drafts_.size()) continue;
      Draft& into = drafts_[target];
      into.body.insert(into.body.begin() + static_cast<std::ptrdiff_t>(into.heading_lines), orphan.body.begin(),
                       orphan.body.end());
      into.body_count += orphan.body_count;
      into.furniture += orphan.furniture;
      merge_meta(into.meta, orphan.meta);
      orphan.merged = true;
      any = true;
    }
    if (any) compact_drafts();
  }

  // Credits written at the end of the text: (供稿:谭剑霞), (责任编辑:…), or
  // names after the last sentence (…迈上新台阶。单晓宁 钟 艺 吴晓倩).
  void strip_trailing_credits(Draft& draft) {
    while (!draft.body.empty()) {
      Line& line = lines_[draft.body.back()];
      u32sv s = view(line);
      bool changed = false;
      if (!s.empty() && s.back() == ')') {
        const std::size_t open = s.rfind('(');
        if (open != u32sv::npos && s.size() - open <= 40) {
          std::u32string folded;
          for (char32_t c : s.substr(open + 1)) folded.push_back(t2s_char(c));
          DocumentMeta credit;
          parse_fields(lex_, folded, s.substr(open + 1), credit);
          for (u32sv key : lex_.closing_credit_words) {
            if (credit.author.empty() && starts_with(folded, key) && folded.size() > key.size() &&
                is_space(folded[key.size()]))
              credit.author = clean_value(s.substr(open + 1 + key.size()));
          }
          if (!credit.author.empty() || !credit.editor.empty() || !credit.outlet.empty()) {
            credit.published.clear();
            merge_meta(draft.meta, credit);
            std::size_t keep = open;
            while (keep > 0 && is_space(s[keep - 1])) --keep;
            line.end = line.begin + static_cast<std::uint32_t>(keep);
            changed = true;
          }
        }
      } else {
        std::size_t last = s.size();
        while (last > 0 && !is_final_punct(s[last - 1]) && !is_closer(s[last - 1])) --last;
        const u32sv tail = trim(s.substr(last));
        if (last > 0 && tail.size() >= 2 && tail.size() <= 20) {
          bool names = true;
          std::size_t token = 0;
          for (char32_t c : tail) {
            if (is_space(c)) {
              token = 0;
              continue;
            }
            if (!is_han(c) || ++token > 4) names = false;
          }
          if (names && lex_.byline_surnames.find(t2s_char(tail.front())) != u32sv::npos) {
            DocumentMeta credit;
            credit.author = clean_value(tail);
            merge_meta(draft.meta, credit);
            line.end = line.begin + static_cast<std::uint32_t>(last);
            changed = true;
          }
        }
      }
      if (!changed) return;
      if (line.end > line.begin) return;
      draft.body.pop_back();
    }
  }

  std::vector<ArticleDraft> build() {
    std::vector<ArticleDraft> out;
    out.reserve(drafts_.size());
    for (Draft& draft : drafts_) {
      strip_trailing_credits(draft);
      ArticleDraft article;
      article.meta = draft.meta;
      article.furniture_lines = draft.furniture;
      const Line* prev = nullptr;
      bool prev_joined = false;
      for (std::size_t k = 0; k < draft.body.size(); ++k) {
        const Line& line = lines_[draft.body[k]];
        // The short last line of a paragraph broken across lines (or pages)
        // is broken too when it does not end the sentence and the next line
        // does (a caption under a caption ends none).
        const bool join = prev != nullptr && k >= draft.heading_lines && k > 0 && !(k - 1 < draft.heading_lines) &&
                          (broken_after(*prev) ||
                           (prev_joined && !ends_with_final(view(*prev)) && view(line).find(U'。') != u32sv::npos));
        prev_joined = join;
        if (join) {
          article.paragraphs.back().pieces.push_back({line.begin, line.end});
          ++article.lines_joined;
        } else {
          article.paragraphs.push_back({{{line.begin, line.end}}});
        }
        prev = &line;
      }
      out.push_back(std::move(article));
    }
    if (out.empty()) out.emplace_back();
    return out;
  }

  const std::u32string& text_;
  const TextLexicons& lex_ = text_lexicons();
  std::vector<Line>& lines_;
  std::u32string& heads_;  // the lines' heads, one after another
  std::vector<Draft> drafts_;
};

}  // namespace

std::vector<ArticleDraft> lay_out(const CharStream& chars) { return Layout(chars).run(); }

std::string iso_date_in(std::u32string_view text) { return find_date(text); }

}  // namespace kg::text_detail
