// report/html.cc: a page as HTML: one self-contained file (inline CSS, the
// picture inline as SVG) or a page of the site (shared style.css, links to
// the other pages). No script, nothing fetched from the network. Every piece
// of text from the news goes through append_html_escaped; entities named in
// quotes are marked, and linked where there is something to link to.
#include <set>
#include <string>

#include "core/utf8.h"
#include "export/export.h"
#include "report/report_model.h"

namespace kg::report_detail {

namespace {

constexpr std::string_view kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 1.5em auto; max-width: 76em; padding: 0 1em; color: #222; line-height: 1.55; }
nav { font-size: .9em; margin-bottom: .5em; }
h1 { border-bottom: 2px solid #b5172b; padding-bottom: .2em; margin-bottom: .2em; }
p.subtitle { color: #555; margin-top: 0; }
h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 .5em; font-size: .93em; }
th, td { border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
tr:nth-child(even) td { background: #fafafa; }
a { color: #0b5cad; text-decoration: none; }
a:hover { text-decoration: underline; }
.ent i, .legend i { display: inline-block; width: .65em; height: .65em; margin-right: .25em; border-radius: 50%; }
.quote { margin: .1em 0 .4em; }
.quote .qn { color: #888; font-size: .8em; margin-right: .2em; }
.quote.repeat { color: #666; font-size: .9em; }
mark { background: #fff3bf; border-bottom: 2px solid var(--c, #999); padding: 0 .05em; }
.source { color: #666; font-size: .85em; }
.more, .empty { color: #666; font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
figure { margin: 1em 0; overflow: auto; border: 1px solid #ddd; }
figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
svg .edge-label { font-size: 9px; fill: #777; }
svg .node text { fill: #222; }
figcaption { color: #555; font-size: .85em; padding: .3em .5em; border-top: 1px solid #eee; }
.legend span { display: inline-block; margin-right: 1em; }
.doctext { white-space: pre-wrap; border: 1px solid #ddd; padding: .8em 1em; background: #fcfcfc; }
.doctext .ev { background: #eef5ff; }
.doctext .ev:target { background: #ffe08a; }
)";

class Writer {
 public:
  Writer(const GraphIndex& index, const Page& page, const Links& links) : index_(index), links_(links) {
    anchored_.insert(page.anchored.begin(), page.anchored.end());
  }

  void escaped(std::string_view text) { append_html_escaped(out_, text); }
  std::string& out() { return out_; }

  void entity(Vertex v, std::string_view shown = {}) {
    const auto& e = index_.graph.g[v];
    const std::string href = links_.entity(v);
    out_ += href.empty() ? "<span class=\"ent\"" : "<a class=\"ent\" href=\"" + html(href) + "\"";
    if (anchored_.count(v) && anchors_.insert(v).second) out_ += " id=\"e-" + page_name(e.id) + "\"";
    out_ += " title=\"" + html(entity_label(index_.graph, v)) + "\"><i style=\"background:" +
            std::string(type_colour(e.type)) + "\"></i>";
    escaped(shown.empty() ? std::string_view(e.name) : shown);
    out_ += href.empty() ? "</span>" : "</a>";
  }

  void document(std::int64_t doc, std::string_view label, std::optional<std::uint32_t> sentence) {
    const std::string href = links_.document(doc, sentence);
    if (!href.empty()) out_ += "<a href=\"" + html(href) + "\">";
    escaped(label);
    if (!href.empty()) out_ += "</a>";
  }

  // A sentence with the entities it names marked (and linked).
  void marked(const Quote& q) {
    const std::u32string text = to_u32(q.text);
    std::uint32_t at = 0;
    for (const Mark& m : q.marks) {
      if (m.begin < at || m.end > text.size()) continue;
      escaped(to_utf8(std::u32string_view(text).substr(at, m.begin - at)));
      const auto& e = index_.graph.g[m.entity];
      const std::string href = links_.entity(m.entity);
      if (!href.empty()) out_ += "<a href=\"" + html(href) + "\">";
      out_ += "<mark style=\"--c:" + std::string(type_colour(e.type)) + "\" title=\"" +
              html(entity_label(index_.graph, m.entity)) + "\">";
      escaped(to_utf8(std::u32string_view(text).substr(m.begin, m.end - m.begin)));
      out_ += "</mark>";
      if (!href.empty()) out_ += "</a>";
      at = m.end;
    }
    if (at < text.size()) escaped(to_utf8(std::u32string_view(text).substr(at)));
  }

  void quote(const Quote& q) {
    if (q.repeat) {
      const std::u32string text = to_u32(q.text);
      out_ += "<div class=\"quote repeat\"><a href=\"#q" + std::to_string(q.number) + "\">↑ [" +
              std::to_string(q.number) + "]</a> ";
      escaped(to_utf8(std::u32string_view(text).substr(0, 14)));
      out_ += text.size() > 14 ? "…</div>" : "</div>";
      return;
    }
    out_ += "<div class=\"quote\" id=\"q" + std::to_string(q.number) + "\"><span class=\"qn\">[" +
            std::to_string(q.number) + "]</span><q>";
    marked(q);
    out_ += "</q> <span class=\"source\">";
    document(q.doc, document_label(index_.graph, q.doc), q.start);
    out_ += "</span></div>";
  }

  void cell(const Cell& c) {
    if (!c.quotes.empty()) {
      for (const Quote& q : c.quotes) quote(q);
      if (c.more_quotes)
        out_ += "<div class=\"more\">and " + std::to_string(c.more_quotes) + " more " +
                (c.more_quotes == 1 ? "sentence" : "sentences") + "</div>";
      return;
    }
    escaped(c.prefix);
    for (std::size_t i = 0; i < c.entities.size(); ++i) {
      if (i) out_ += "、";
      entity(c.entities[i].first);
      escaped(c.entities[i].second);
    }
    if (!c.entities.empty() && !c.text.empty() && c.text != "—") out_ += " ";
    if (c.entities.empty() || c.text != "—") {
      const std::string href = c.list.empty() ? std::string() : links_.list(c.list);
      if (c.document) {
        document(*c.document, c.text, std::nullopt);
      } else if (!href.empty()) {
        out_ += "<a href=\"" + html(href) + "\">";
        escaped(c.text);
        out_ += "</a>";
      } else {
        escaped(c.text);
      }
    }
  }

  void table(const Table& t) {
    out_ += "<table id=\"" + html(t.id) + "\">\n<thead><tr>";
    for (const std::string& column : t.columns) out_ += "<th>" + html(column) + "</th>";
    out_ += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
      out_ += "<tr>";
      for (const Cell& c : row) {
        out_ += "<td>";
        cell(c);
        out_ += "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    if (t.more_rows) {
      out_ += "<p class=\"more\">… and " + thousands(t.more_rows) + " more";
      if (!t.more_note.empty()) out_ += ": " + html(t.more_note);
      out_ += "</p>\n";
    }
  }

  void section(const Section& s) {
    out_ += "<section id=\"section-" + html(s.id) + "\">\n<h2>" + html(s.title) + "</h2>\n";
    for (const std::string& p : s.paragraphs) out_ += "<p>" + html(p) + "</p>\n";
    if (!s.facts.empty()) {
      out_ += "<dl class=\"facts\">";
      for (const auto& [label, value] : s.facts) {
        out_ += "<dt>" + html(label) + "</dt><dd>";
        cell(value);
        out_ += "</dd>";
      }
      out_ += "</dl>\n";
    }
    bool any_rows = false;
    for (const Table& t : s.tables) {
      if (t.rows.empty()) continue;
      any_rows = true;
      table(t);
    }
    if (!any_rows && !s.tables.empty() && !s.empty_note.empty()) out_ += "<p class=\"empty\">" + html(s.empty_note) + "</p>\n";
    if (!s.list_link.empty()) {
      const std::string href = links_.list(s.list_link);
      if (!href.empty()) out_ += "<p><a href=\"" + html(href) + "\">All of them →</a></p>\n";
    }
    out_ += "</section>\n";
  }

  // The document whole: evidence sentences as anchors, mentions marked.
  void document_text(const DocumentText& d) {
    out_ += "<section id=\"section-text\">\n<h2>Text</h2>\n";
    if (!d.text) {
      out_ += "<p class=\"empty\">The text of this document is not stored.</p>\n</section>\n";
      return;
    }
    const std::u32string text = to_u32(*d.text);
    const auto n = static_cast<std::uint32_t>(text.size());
    // Sentences that do not overlap, mentions that neither overlap nor cross a sentence's edge.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sentences;
    for (const auto& s : d.sentences)
      if (s.first < s.second && s.second <= n && (sentences.empty() || s.first >= sentences.back().second))
        sentences.push_back(s);
    auto sentence_of = [&](std::uint32_t at) -> int {
      for (std::size_t i = 0; i < sentences.size(); ++i)
        if (sentences[i].first <= at && at < sentences[i].second) return static_cast<int>(i);
      return -1;
    };
    std::vector<MentionAt> mentions;
    for (const MentionAt& m : d.mentions)
      if (m.start < m.end && m.end <= n && (mentions.empty() || m.start >= mentions.back().end) &&
          sentence_of(m.start) == sentence_of(m.end - 1))
        mentions.push_back(m);
    out_ += "<div class=\"doctext\">";
    std::size_t s = 0, m = 0;
    std::uint32_t at = 0;
    while (true) {
      // Closing before opening, inner before outer.
      if (m < mentions.size() && at == mentions[m].end) {
        out_ += "</mark>";
        if (!links_.entity(mentions[m].entity).empty()) out_ += "</a>";
        ++m;
      }
      if (s < sentences.size() && at == sentences[s].second) {
        out_ += "</span>";
        ++s;
      }
      if (at >= n) break;
      if (s < sentences.size() && at == sentences[s].first)
        out_ += "<span class=\"ev\" id=\"s" + std::to_string(at) + "\">";
      if (m < mentions.size() && at == mentions[m].start) {
        const auto& e = index_.graph.g[mentions[m].entity];
        const std::string href = links_.entity(mentions[m].entity);
        if (!href.empty()) out_ += "<a href=\"" + html(href) + "\">";
        out_ += "<mark style=\"--c:" + std::string(type_colour(e.type)) + "\" title=\"" +
                html(entity_label(index_.graph, mentions[m].entity)) + "\">";
      }
      std::uint32_t next = n;
      if (s < sentences.size()) next = std::min(next, at < sentences[s].first ? sentences[s].first : sentences[s].second);
      if (m < mentions.size()) next = std::min(next, at < mentions[m].start ? mentions[m].start : mentions[m].end);
      escaped(to_utf8(std::u32string_view(text).substr(at, next - at)));
      at = next;
    }
    out_ += "</div>\n</section>\n";
  }

  void picture(const Picture& p, bool use_graphviz) {
    out_ += "<figure id=\"picture\">\n";
    out_ += draw_svg(index_, p, links_, use_graphviz);
    out_ += "\n<figcaption>" + html(p.caption) + " Hover over an entity for its name and type";
    out_ += links_.stylesheet().empty() ? "." : "; click it for its page.";  // a site has a page per entity
    out_ += "<div class=\"legend\">";
    for (EntityType type : all_entity_types())
      out_ += "<span><i style=\"background:" + std::string(type_colour(type)) + "\"></i>" +
              std::string(to_string(type)) + "</span>";
    out_ += "</div></figcaption>\n</figure>\n";
  }

 private:
  static std::string html(std::string_view text) {
    std::string out;
    append_html_escaped(out, text);
    return out;
  }

  const GraphIndex& index_;
  const Links& links_;
  std::set<Vertex> anchored_, anchors_;
  std::string out_;
};

}  // namespace

std::string_view stylesheet() { return kStyle; }

void append_html_escaped(std::string& out, std::string_view text) {
  const std::string safe = xml_safe_text(text);
  for (char c : safe) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c; break;
    }
  }
}

std::string render_html(const GraphIndex& index, const Page& page, const Links& links, bool use_graphviz) {
  Writer w(index, page, links);
  std::string& out = w.out();
  out += "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  w.escaped(page.title);
  out += "</title>\n";
  const std::string css = links.stylesheet();
  if (css.empty()) {
    out += "<style>";
    out += kStyle;
    out += "</style>\n";
  } else {
    out += "<link rel=\"stylesheet\" href=\"";
    w.escaped(css);
    out += "\">\n";
  }
  out += "</head>\n<body>\n";
  const std::string home = links.home();
  if (!home.empty()) {
    out += "<nav><a href=\"";
    w.escaped(home);
    out += "\">← Overview</a></nav>\n";
  }
  out += "<h1>";
  w.escaped(page.title);
  out += "</h1>\n";
  if (!page.subtitle.empty()) {
    out += "<p class=\"subtitle\">";
    w.escaped(page.subtitle);
    out += "</p>\n";
  }
  for (std::size_t i = 0; i < page.sections.size(); ++i) {
    w.section(page.sections[i]);
    if (i == 0 && page.picture) w.picture(*page.picture, use_graphviz);
    if (i == 0 && page.document) w.document_text(*page.document);
  }
  if (page.sections.empty() && page.picture) w.picture(*page.picture, use_graphviz);
  if (!page.pager.empty()) {
    out += "<nav class=\"pager\">";
    for (const auto& [label, list] : page.pager) {
      out += " <a href=\"";
      w.escaped(links.list(list));
      out += "\">";
      w.escaped(label);
      out += "</a>";
    }
    out += "</nav>\n";
  }
  out += "</body>\n</html>\n";
  return std::move(out);
}

}  // namespace kg::report_detail
