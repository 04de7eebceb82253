// report/html.cc: the report as one self-contained HTML file: inline CSS, the
// picture of the graph inline as SVG, no script, nothing fetched. Every piece
// of text from the news goes through html_escape.
#include <string>

#include "export/export.h"
#include "report/report_model.h"

namespace kg::report_detail {

namespace {

constexpr std::string_view kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; line-height: 1.5; }
h1 { border-bottom: 2px solid #b5172b; padding-bottom: .2em; }
h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1.5em; font-size: .95em; }
th, td { border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
tr:nth-child(even) td { background: #fafafa; }
ul.evidence { margin: 0; padding-left: 1.1em; }
ul.evidence li { margin: .1em 0; }
.source { color: #666; font-size: .85em; }
.empty { color: #666; font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
figure { margin: 1em 0; overflow: auto; border: 1px solid #ddd; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #666; font-size: .85em; padding: .3em .5em; }
.legend span { display: inline-block; margin-right: 1em; }
.legend i { display: inline-block; width: .8em; height: .8em; margin-right: .3em; border-radius: 50%; }
)";

}  // namespace

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

namespace {

void append_escaped(std::string& out, std::string_view text) { append_html_escaped(out, text); }

void append_cell(std::string& out, const Cell& cell) {
  out += "<td>";
  if (cell.evidence.empty()) {
    append_escaped(out, cell.text);
  } else {
    out += "<ul class=\"evidence\">";
    for (const EvidenceLine& line : cell.evidence) {
      out += "<li><q>";
      append_escaped(out, line.sentence);
      out += "</q> <span class=\"source\">";
      append_escaped(out, line.document);
      out += "</span></li>";
    }
    out += "</ul>";
  }
  out += "</td>";
}

}  // namespace

std::string render_html(const ReportModel& model, const ReportOptions& options) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  append_escaped(out, model.title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<h1>";
  append_escaped(out, model.title);
  out += "</h1>\n";

  out += "<figure id=\"picture\">\n";
  out += draw_svg(model.picture, options.use_graphviz);
  out += "\n<figcaption>";
  append_escaped(out, model.picture_caption);
  out += "<div class=\"legend\">";
  for (EntityType type : all_entity_types()) {
    out += "<span><i style=\"background:";
    out += type_colour(type);
    out += "\"></i>";
    out += to_string(type);
    out += "</span>";
  }
  out += "</div></figcaption>\n</figure>\n";

  for (const Section& section : model.sections) {
    out += "<section id=\"section-";
    append_escaped(out, section.id);
    out += "\">\n<h2>";
    append_escaped(out, section.title);
    out += "</h2>\n";
    for (const std::string& paragraph : section.paragraphs) {
      out += "<p>";
      append_escaped(out, paragraph);
      out += "</p>\n";
    }
    if (!section.facts.empty()) {
      out += "<dl class=\"facts\">";
      for (const auto& [label, value] : section.facts) {
        out += "<dt>";
        append_escaped(out, label);
        out += "</dt><dd>";
        append_escaped(out, value);
        out += "</dd>";
      }
      out += "</dl>\n";
    }
    bool any_rows = false;
    for (const Table& table : section.tables) {
      if (table.rows.empty()) continue;
      any_rows = true;
      out += "<table id=\"";
      append_escaped(out, table.id);
      out += "\">\n<thead><tr>";
      for (const std::string& column : table.columns) {
        out += "<th>";
        append_escaped(out, column);
        out += "</th>";
      }
      out += "</tr></thead>\n<tbody>\n";
      for (const auto& row : table.rows) {
        out += "<tr>";
        for (const Cell& cell : row) append_cell(out, cell);
        out += "</tr>\n";
      }
      out += "</tbody>\n</table>\n";
    }
    if (!any_rows && !section.tables.empty() && !section.empty_note.empty()) {
      out += "<p class=\"empty\">";
      append_escaped(out, section.empty_note);
      out += "</p>\n";
    }
    out += "</section>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace kg::report_detail
