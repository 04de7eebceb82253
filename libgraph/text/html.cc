// text/html.cc owns web pages saved as HTML: recognising one, the charset it
// declares (<meta charset>, http-equiv Content-Type), the parse (Gumbo, an
// HTML5 parser), the article text without tags, scripts, styles and
// navigation (nav, page headers and footers, asides, menus and breadcrumb-like
// link lists, hidden elements), block elements as paragraph breaks, and the
// page's metadata (<title>, publication date, outlet and author in <meta>).
//
// Every character keeps the bytes of the raw file it came from. Gumbo gives
// each text node its decoded text and the stretch of source it came from;
// the two are walked side by side, a character reference (&amp; &#x4E00;)
// covering its whole reference. Where they cannot be lined up (a legacy
// reference without ';' such as &copy2024) the rest of the node points at
// the rest of its source: coarser, never wrong.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/utf8.h"
#include "text/internal.h"
#include "text/text.h"

namespace kg::text_detail {
namespace {

using u32sv = std::u32string_view;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool starts_with_ci(u32sv text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char32_t c = text[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != static_cast<unsigned char>(prefix[i])) return false;
  }
  return true;
}

bool is_html_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Wide characters between which a line break in the source is no space
// (CSS Text 3, segment break transformation).
bool is_east_asian_wide(char32_t c) {
  return is_han(c) || (c >= 0x3000 && c <= 0x30FF) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFE30 && c <= 0xFE4F);
}

const char* attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

// Gumbo keeps a copy of the open elements with every parse error it records,
// which on a page nested thousands deep takes gigabytes: kg reads no errors.
GumboOptions parse_options() {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  return options;
}

struct GumboTree {
  GumboOptions options = parse_options();
  GumboOutput* output;
  explicit GumboTree(std::string_view utf8) : output(gumbo_parse_with_options(&options, utf8.data(), utf8.size())) {}
  ~GumboTree() { gumbo_destroy_output(&options, output); }
  GumboTree(const GumboTree&) = delete;
  GumboTree& operator=(const GumboTree&) = delete;
};

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) return &node->v.element.children;
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  return nullptr;
}

// Calls visit(node) for every node in document order without recursion
// (pages may nest elements thousands deep); visit returns false to skip the
// node's children.
template <class Visit>
void for_each_node(const GumboNode* root, Visit visit) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (!visit(node)) continue;
    if (const GumboVector* kids = children_of(node))
      for (unsigned i = kids->length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids->data[i]));
  }
}

// The charset a <meta> declares, or empty.
std::string charset_of_meta(const GumboNode* meta) {
  if (const char* charset = attribute(meta, "charset")) return charset;
  const char* equiv = attribute(meta, "http-equiv");
  const char* content = attribute(meta, "content");
  if (equiv == nullptr || content == nullptr || lower(equiv) != "content-type") return {};
  const std::string value = lower(content);
  const std::size_t at = value.find("charset=");
  if (at == std::string::npos) return {};
  std::size_t begin = at + 8, end = begin;
  while (begin < value.size() && (value[begin] == '"' || value[begin] == '\'' || value[begin] == ' ')) ++begin;
  end = begin;
  while (end < value.size() && value[end] != ';' && value[end] != '"' && value[end] != '\'' && value[end] != ' ') ++end;
  return value.substr(begin, end - begin);
}

// How deep the page's elements nest, counted on the tags as written: start
// tags of elements that must be closed, minus their end tags. Gumbo looks up
// the stack of open elements for each new one, so its time grows with the
// square of this depth (100,000 nested <div>s take a minute and a half);
// real pages nest a few dozen deep. Elements whose end tag may be left out
// (p, li, td, ...) and void elements (br, img, ...) are not counted; the
// HTML standard fixes which they are.
std::size_t nesting_depth(std::string_view html) {
  static const std::string_view kNotNesting[] = {
      "p",     "li",   "dt",   "dd",    "tr",   "td",   "th",     "option", "optgroup", "tbody", "thead",
      "tfoot", "colgroup", "rb", "rt", "rp",   "html", "head",   "body",   "br",       "img",   "hr",
      "meta",  "link", "input", "area", "base", "col", "embed",  "param",  "source",   "track", "wbr",
      "keygen", "basefont", "frame", "image"};
  std::size_t depth = 0, deepest = 0;
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end;
      continue;
    }
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    std::size_t k = i + (closing ? 2 : 1), e = k;
    while (e < html.size() && std::isalnum(static_cast<unsigned char>(html[e]))) ++e;
    if (e == k || !std::isalpha(static_cast<unsigned char>(html[k]))) continue;
    const std::string name = lower(html.substr(k, e - k));
    if (std::find(std::begin(kNotNesting), std::end(kNotNesting), name) != std::end(kNotNesting)) continue;
    if (closing) {
      depth -= depth > 0 ? 1 : 0;
      continue;
    }
    const std::size_t close = html.find('>', e);
    if (close != std::string_view::npos && close > e && html[close - 1] == '/') continue;  // <x/>
    deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

constexpr std::size_t kMaxNesting = 5000;

// ---------------------------------------------------------------------------
// Which elements hold no article text.

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR:
    case GUMBO_TAG_UL: case GUMBO_TAG_LEGEND:
      return true;
    default:
      return false;
  }
}

bool never_text(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP: case GUMBO_TAG_MENU: case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_APPLET:
      return true;
    default:
      return false;
  }
}

// ARIA roles of page furniture: the landmark and widget roles the WAI-ARIA
// standard defines, a closed set (unlike the class names sites choose).
bool is_furniture_role(const char* role) {
  if (role == nullptr) return false;
  const std::string r = lower(role);
  return r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" || r == "menu" ||
         r == "menubar" || r == "search" || r == "toolbar";
}

// Words of class and id names that sites give their furniture
// (lexicons/text/furniture_classes.txt).
bool has_furniture_name(const GumboNode* node) {
  const std::vector<std::string>& names = text_lexicons().furniture_class_words;
  for (const char* attr : {"class", "id"}) {
    const char* value = attribute(node, attr);
    if (value == nullptr) continue;
    const std::string v = lower(value);
    std::size_t i = 0;
    while (i < v.size()) {
      while (i < v.size() && !std::isalnum(static_cast<unsigned char>(v[i]))) ++i;
      std::size_t j = i;
      while (j < v.size() && std::isalnum(static_cast<unsigned char>(v[j]))) ++j;
      const std::string_view word(v.data() + i, j - i);
      if (std::find(names.begin(), names.end(), word) != names.end()) return true;
      i = j;
    }
  }
  return false;
}

bool is_hidden(const GumboNode* node) {
  if (attribute(node, "hidden") != nullptr) return true;
  if (const char* aria = attribute(node, "aria-hidden"); aria != nullptr && lower(aria) == "true") return true;
  if (const char* style = attribute(node, "style")) {
    std::string s;
    for (char c : lower(style))
      if (c != ' ') s.push_back(c);
    if (s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos) return true;
  }
  return false;
}

// Visible characters of each element and how many of them are link text.
struct LinkStats {
  std::uint32_t chars = 0;
  std::uint32_t link_chars = 0;
  std::uint32_t links = 0;
  bool has_separator = false;  // '>' '»' '›' '/' outside links (breadcrumbs)
};

std::unordered_map<const GumboNode*, LinkStats> link_stats(const GumboNode* root) {
  std::unordered_map<const GumboNode*, LinkStats> stats;
  // Post-order without recursion: a node is summed after its children.
  std::vector<std::pair<const GumboNode*, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [node, done] = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    if (!done) {
      stack.push_back({node, true});
      const GumboVector& kids = node->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i) stack.push_back({static_cast<const GumboNode*>(kids.data[i]), false});
      continue;
    }
    LinkStats total;
    const bool is_link = node->v.element.tag == GUMBO_TAG_A;
    const GumboVector& kids = node->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
      if (kid->type == GUMBO_NODE_TEXT) {
        for (char32_t c : to_u32(kid->v.text.text)) {
          if (is_html_space(c) || c == 0xA0 || c == 0x3000) continue;
          ++total.chars;
          if (!is_link && (c == '>' || c == U'»' || c == U'›' || c == '/' || c == U'→')) total.has_separator = true;
        }
      } else if (kid->type == GUMBO_NODE_ELEMENT && !never_text(kid->v.element.tag)) {
        const LinkStats& k = stats[kid];
        total.chars += k.chars;
        total.link_chars += k.link_chars;
        total.links += k.links;
        total.has_separator = total.has_separator || k.has_separator;
      }
    }
    if (is_link) {
      total.link_chars = total.chars;
      total.links += 1;
    }
    stats[node] = total;
  }
  return stats;
}

// A menu, a list of related links or a breadcrumb trail: mostly short link texts.
bool is_link_list(const LinkStats& s) {
  if (s.chars == 0) return false;
  if (s.links >= 3 && s.link_chars * 10 >= s.chars * 6 && s.link_chars / s.links <= 30) return true;
  return s.links >= 2 && s.chars <= 60 && s.has_separator && s.link_chars * 2 >= s.chars;
}

// ---------------------------------------------------------------------------
// The page's text, character by character, with raw spans.

class PageReader {
 public:
  PageReader(std::string_view source, const CharStream& decoded) : source_(source), decoded_(decoded) {
    starts_.reserve(decoded.size() + 1);
    buffer_.reserve(decoded.size() * 2);
    for (char32_t c : decoded.text) {
      starts_.push_back(static_cast<std::uint32_t>(buffer_.size()));
      buffer_ += to_utf8(c);
    }
    starts_.push_back(static_cast<std::uint32_t>(buffer_.size()));
  }

  HtmlPage read() {
    if (nesting_depth(buffer_) > kMaxNesting)
      throw InputError(std::string(source_) + ": HTML nested more than " + std::to_string(kMaxNesting) +
                       " elements deep (not a page kg reads)");
    GumboTree tree(buffer_);
    const GumboNode* root = tree.output->root;
    read_metadata(tree.output->document);
    stats_ = link_stats(root);
    walk(root);
    HtmlPage page;
    page.meta = meta_;
    page.furniture_blocks = furniture_;
    if (page.meta.title.empty()) page.meta.title = to_utf8(title_.text);
    // The article opens with its headline; a page whose body does not repeat
    // the <title> gets it as its first line.
    if (!title_.text.empty() && !body_repeats_title()) {
      page.chars = std::move(title_);
      page.chars.push(U'\n', Span{page.chars.raw.back().end, page.chars.raw.back().end});
      page.chars.push(U'\n', Span{page.chars.raw.back().end, page.chars.raw.back().end});
    }
    page.chars.reserve(page.chars.size() + out_.size());
    page.chars.text += out_.text;
    page.chars.raw.insert(page.chars.raw.end(), out_.raw.begin(), out_.raw.end());
    page.chars.flags.insert(page.chars.flags.end(), out_.flags.begin(), out_.flags.end());
    return page;
  }

 private:
  // Index of the decoded character whose UTF-8 starts at buffer offset.
  std::size_t char_at(std::size_t offset) const {
    return static_cast<std::size_t>(std::lower_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
  }

  // Appends the decoded text of a text node to `into`, lined up with its
  // source. Returns false if nothing was appended.
  void append_text(const GumboNode* node, CharStream& into) {
    const GumboText& t = node->v.text;
    const std::size_t offset = static_cast<std::size_t>(t.original_text.data - buffer_.data());
    std::size_t k = char_at(offset);
    const std::size_t k_end = std::min(char_at(offset + t.original_text.length), decoded_.size());
    const std::u32string d = to_u32(t.text);
    const u32sv src = u32sv(decoded_.text).substr(0, k_end);
    std::size_t j = 0;
    auto put = [&](char32_t c, std::size_t from, std::size_t to) {
      from = std::min(from, decoded_.size() - 1);
      to = std::max(to, from + 1);
      Span raw = decoded_.raw[from];
      std::uint8_t flags = decoded_.flags[from];
      for (std::size_t m = from + 1; m < to; ++m) {
        raw.end = std::max(raw.end, decoded_.raw[m].end);
        flags = static_cast<std::uint8_t>(flags | decoded_.flags[m]);
      }
      emit(c, raw, flags, into);
    };
    // Whether the decoded text from dj lines up with the source from sk.
    auto lines_up = [&](std::size_t dj, std::size_t sk) {
      if (sk >= k_end) return dj >= d.size();
      if (dj >= d.size()) return false;
      const char32_t s = src[sk];
      return s == '&' || s == '\r' || d[dj] == s;
    };
    while (j < d.size()) {
      if (k >= k_end) {  // more text than source: the rest points at the node's end
        for (; j < d.size(); ++j) put(d[j], k_end - 1, k_end);
        break;
      }
      const char32_t s = src[k];
      if (s == '&') {
        std::size_t e = k + 1;
        if (e < k_end && src[e] == '#') {
          ++e;
          if (e < k_end && (src[e] == 'x' || src[e] == 'X')) ++e;
        }
        while (e < k_end && src[e] < 0x80 && std::isalnum(static_cast<int>(src[e]))) ++e;
        if (e < k_end && src[e] == ';') ++e;
        bool done = false;
        for (std::size_t n = 1; n <= 2 && !done; ++n) {  // a reference decodes to one or two characters
          if (j + n <= d.size() && lines_up(j + n, e)) {
            for (std::size_t m = 0; m < n; ++m) put(d[j + m], k, e);
            j += n;
            k = e;
            done = true;
          }
        }
        if (!done && d.compare(j, e - k, src.substr(k, e - k)) == 0) {  // not a reference: literal text
          for (; k < e; ++k, ++j) put(d[j], k, k + 1);
          done = true;
        }
        if (!done) {  // cannot line up: the rest of the node points at the rest of its source
          for (; j < d.size(); ++j) put(d[j], k, k_end);
          break;
        }
      } else if (s == '\r' && d[j] == '\n') {
        const std::size_t e = k + 1 < k_end && src[k + 1] == '\n' ? k + 2 : k + 1;
        put(U'\n', k, e);
        k = e;
        ++j;
      } else if (d[j] == s || (s == 0 && d[j] == 0xFFFD)) {
        put(d[j], k, k + 1);
        ++k;
        ++j;
      } else {
        for (; j < d.size(); ++j) put(d[j], k, k_end);
        break;
      }
    }
  }

  // White space collapses to one space; a run holding a line break between
  // two wide characters is dropped; none survives at a line's start.
  void emit(char32_t c, Span raw, std::uint8_t flags, CharStream& into) {
    if (pre_depth_ == 0 && is_html_space(c)) {
      if (!space_pending_) space_span_ = raw;
      space_span_.end = std::max(space_span_.end, raw.end);
      space_has_break_ = (space_pending_ && space_has_break_) || c == '\n';
      space_pending_ = true;
      return;
    }
    if (space_pending_) {
      space_pending_ = false;
      const bool at_line_start = into.size() == 0 || into.text.back() == '\n';
      if (!at_line_start && !(space_has_break_ && is_east_asian_wide(into.text.back()) && is_east_asian_wide(c)))
        into.push(U' ', space_span_);
    }
    into.push(c, raw, flags);
  }

  void line_break(bool paragraph) {
    space_pending_ = false;
    if (out_.size() == 0) return;
    const Span at{out_.raw.back().end, out_.raw.back().end};
    if (out_.text.back() != '\n') out_.push(U'\n', at);
    if (paragraph && (out_.size() < 2 || out_.text[out_.size() - 2] != '\n')) out_.push(U'\n', at);
  }

  bool skipped(const GumboNode* node) const {
    const GumboTag tag = node->v.element.tag;
    if (never_text(tag) || is_hidden(node) || is_furniture_role(attribute(node, "role"))) return true;
    // A page's header and footer; inside an article they are its own.
    if ((tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER) && article_depth_ == 0) return true;
    if (!is_block(tag) && tag != GUMBO_TAG_SPAN) return false;
    const auto it = stats_.find(node);
    if (it == stats_.end()) return false;
    if (is_link_list(it->second)) return true;
    // Furniture by name, unless it holds most of the page's text (a content
    // block whose class happens to contain "nav").
    return has_furniture_name(node) && it->second.chars * 10 < body_chars_ * 3;
  }

  void walk(const GumboNode* root) {
    if (const auto it = stats_.find(root); it != stats_.end()) body_chars_ = it->second.chars;
    struct Frame {
      const GumboNode* node;
      unsigned next_child;
    };
    std::vector<Frame> stack;
    auto enter = [&](const GumboNode* node) {
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
        append_text(node, out_);
        return;
      }
      if (node->type != GUMBO_NODE_ELEMENT) return;
      if (skipped(node)) {
        if (const auto it = stats_.find(node); it != stats_.end() && it->second.chars > 0) ++furniture_;
        return;
      }
      const GumboTag tag = node->v.element.tag;
      if (tag == GUMBO_TAG_BR) {
        line_break(false);
        return;
      }
      if (is_block(tag)) line_break(true);
      if (tag == GUMBO_TAG_PRE) ++pre_depth_;
      if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) ++article_depth_;
      stack.push_back({node, 0});
    };
    enter(root);
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector& kids = top.node->v.element.children;
      if (top.next_child < kids.length) {
        enter(static_cast<const GumboNode*>(kids.data[top.next_child++]));
        continue;
      }
      const GumboTag tag = top.node->v.element.tag;
      if (tag == GUMBO_TAG_PRE) --pre_depth_;
      if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) --article_depth_;
      if (is_block(tag)) line_break(true);
      stack.pop_back();
    }
  }

  // <title>, and what <meta> elements say about the article.
  void read_metadata(const GumboNode* document) {
    std::unordered_map<std::string, std::string> metas;
    bool title_seen = false;
    for_each_node(document, [&](const GumboNode* node) {
      if (node->type != GUMBO_NODE_ELEMENT) return node->type == GUMBO_NODE_DOCUMENT;
      const GumboTag tag = node->v.element.tag;
      if (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH) return false;  // their <title> is not the page's
      if (tag == GUMBO_TAG_TITLE && !title_seen) {
        title_seen = true;
        for (unsigned i = 0; i < node->v.element.children.length; ++i) {
          const auto* kid = static_cast<const GumboNode*>(node->v.element.children.data[i]);
          if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_WHITESPACE) append_text(kid, title_);
        }
        space_pending_ = false;
        return false;
      }
      if (tag == GUMBO_TAG_META) {
        const char* content = attribute(node, "content");
        for (const char* key_attr : {"name", "property", "itemprop"}) {
          const char* key = attribute(node, key_attr);
          if (key != nullptr && content != nullptr) metas.emplace(lower(key), content);
        }
      }
      if (tag == GUMBO_TAG_TIME) {
        const char* when = attribute(node, "datetime");
        const char* prop = attribute(node, "itemprop");
        if (when != nullptr && (attribute(node, "pubdate") != nullptr || (prop && lower(prop) == "datepublished")))
          metas.emplace("datepublished", when);
      }
      return true;
    });
    auto first = [&](std::initializer_list<const char*> keys) -> std::string {
      for (const char* key : keys)
        if (const auto it = metas.find(key); it != metas.end() && !it->second.empty()) return it->second;
      return {};
    };
    meta_.title = first({"articletitle", "og:title", "title"});
    meta_.published = iso_date_in(to_u32(first({"article:published_time", "pubdate", "publishdate", "publish_date",
                                                 "publish-date", "publishtime", "publish_time", "datepublished",
                                                 "og:published_time", "og:release_date", "firstpublishedtime",
                                                 "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
                                                 "date"})));
    meta_.outlet = first({"contentsource", "source", "og:site_name", "sitename"});
    meta_.author = first({"author", "article:author", "dc.creator", "dcterms.creator"});
    if (meta_.author.starts_with("http")) meta_.author.clear();  // a profile page, not a name
    trim_title_site();
  }

  // 园区项目集中开工_经济开发区网 | 新闻 - 网站 : the page title without the site.
  void trim_title_site() {
    while (!title_.text.empty() && is_space(title_.text.back())) title_.text.pop_back();
    title_.raw.resize(title_.text.size());
    title_.flags.resize(title_.text.size());
    std::size_t keep = 0;
    while (keep < title_.text.size() && is_space(title_.text[keep])) ++keep;
    std::size_t cut = title_.text.size();
    for (std::size_t i = keep + 4; i < title_.text.size(); ++i) {
      const char32_t c = title_.text[i];
      const bool spaced = i > 0 && title_.text[i - 1] == ' ' && i + 1 < title_.text.size() && title_.text[i + 1] == ' ';
      if (c == '_' || c == '|' || c == U'｜' || c == U'－' || ((c == '-' || c == U'–' || c == U'—') && spaced)) {
        cut = i;
        break;
      }
    }
    while (cut > keep && is_space(title_.text[cut - 1])) --cut;
    CharStream trimmed;
    for (std::size_t i = keep; i < cut; ++i) trimmed.push(title_.text[i], title_.raw[i], title_.flags[i]);
    title_ = std::move(trimmed);
  }

  bool body_repeats_title() const {
    auto squeeze = [](u32sv s, std::size_t limit) {
      std::u32string out;
      for (char32_t c : s) {
        if (out.size() >= limit) break;
        if (!is_html_space(c) && c != 0xA0 && c != 0x3000) out.push_back(c);
      }
      return out;
    };
    const std::u32string title = squeeze(title_.text, 200);
    const std::u32string body = squeeze(out_.text, 2000);
    return body.find(title) != std::u32string::npos;
  }

  std::string_view source_;
  const CharStream& decoded_;
  std::string buffer_;               // the page in UTF-8, what Gumbo parses
  std::vector<std::uint32_t> starts_;  // buffer offset of each decoded character
  std::unordered_map<const GumboNode*, LinkStats> stats_;
  std::uint32_t body_chars_ = 0;
  std::uint32_t furniture_ = 0;
  CharStream out_, title_;
  DocumentMeta meta_;
  int pre_depth_ = 0;
  int article_depth_ = 0;
  bool space_pending_ = false;
  bool space_has_break_ = false;
  Span space_span_;
};

bool has_html_extension(std::string_view source) {
  const std::size_t dot = source.rfind('.');
  if (dot == std::string_view::npos || source.find('/', dot) != std::string_view::npos) return false;
  const std::string ext = lower(source.substr(dot + 1));
  return ext == "html" || ext == "htm" || ext == "xhtml" || ext == "shtml";
}

}  // namespace

bool starts_like_html(std::u32string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == 0xFEFF) ++i;
  while (i < text.size() && (is_html_space(text[i]))) ++i;
  if (i >= text.size() || text[i] != '<') return false;
  const u32sv rest = text.substr(i, 2048);
  if (starts_with_ci(rest, "<!doctype html") || starts_with_ci(rest, "<html")) return true;
  if (!(starts_with_ci(rest, "<!--") || starts_with_ci(rest, "<?xml") || starts_with_ci(rest, "<head") ||
        starts_with_ci(rest, "<meta")))
    return false;
  for (std::size_t k = 0; k + 5 <= rest.size(); ++k)
    if (rest[k] == '<' && starts_with_ci(rest.substr(k), "<html")) return true;
  return false;
}

bool looks_like_html(std::string_view source, std::string_view bytes) {
  if (has_html_extension(source)) return true;
  std::size_t begin = bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  begin = bytes.find_first_not_of(" \t\r\n\f", begin);
  if (begin == std::string_view::npos || bytes[begin] != '<') return false;
  std::u32string head;  // the first bytes, as Latin-1: enough to see ASCII markup
  for (std::size_t i = begin; i < bytes.size() && head.size() < 4096; ++i)
    head.push_back(static_cast<unsigned char>(bytes[i]));
  return starts_like_html(head);
}

std::string declared_charset(std::string_view bytes) {
  // Like a browser's prescan, only the first kilobytes are read; Gumbo reads
  // what is not UTF-8 as U+FFFD, which leaves the ASCII of <meta> intact.
  const GumboTree tree(bytes.substr(0, std::min<std::size_t>(bytes.size(), 16 * 1024)));
  std::string charset;
  for_each_node(tree.output->document, [&](const GumboNode* node) {
    if (!charset.empty()) return false;
    if (node->type != GUMBO_NODE_ELEMENT) return node->type == GUMBO_NODE_DOCUMENT;
    if (node->v.element.tag == GUMBO_TAG_META) charset = charset_of_meta(node);
    return true;
  });
  return charset;
}

HtmlPage read_html(std::string_view source, const CharStream& decoded) { return PageReader(source, decoded).read(); }

}  // namespace kg::text_detail
