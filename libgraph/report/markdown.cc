// report/markdown.cc: the report as Markdown (GitHub-flavoured tables).
// Text from the news is escaped so that no name or sentence can start a
// table cell, a link, emphasis or raw HTML.
#include <string>

#include "report/report_model.h"

namespace kg::report_detail {

namespace {

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      // Not '_': GitHub does not emphasise inside words, and relation types
      // and file names are full of underscores that escapes would clutter.
      case '\\': case '`': case '*': case '[': case ']': case '<': case '>':
      case '#': case '|': case '~':
        out += '\\';
        out += c;
        break;
      case '\n': case '\r': case '\t':
        out += ' ';
        break;
      default:
        // Other C0 controls carry nothing a reader can see.
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
        break;
    }
  }
}

void append_cell(std::string& out, const Cell& cell) {
  if (cell.evidence.empty()) {
    append_escaped(out, cell.text);
    return;
  }
  for (std::size_t i = 0; i < cell.evidence.size(); ++i) {
    // A cell holds one line; <br> is the line break GitHub tables accept.
    if (i) out += "<br>";
    out += "“";
    append_escaped(out, cell.evidence[i].sentence);
    out += "” — ";
    append_escaped(out, cell.evidence[i].document);
  }
}

}  // namespace

std::string render_markdown(const ReportModel& model) {
  std::string out;
  out += "# ";
  append_escaped(out, model.title);
  out += "\n";
  for (const Section& section : model.sections) {
    out += "\n## ";
    append_escaped(out, section.title);
    out += "\n\n";
    for (const std::string& paragraph : section.paragraphs) {
      append_escaped(out, paragraph);
      out += "\n\n";
    }
    for (const auto& [label, value] : section.facts) {
      out += "- **";
      append_escaped(out, label);
      out += "**: ";
      append_escaped(out, value);
      out += "\n";
    }
    if (!section.facts.empty()) out += "\n";
    bool any_rows = false;
    for (const Table& table : section.tables) {
      if (table.rows.empty()) continue;
      any_rows = true;
      out += "|";
      for (const std::string& column : table.columns) {
        out += " ";
        append_escaped(out, column);
        out += " |";
      }
      out += "\n|";
      for (std::size_t i = 0; i < table.columns.size(); ++i) out += " --- |";
      out += "\n";
      for (const auto& row : table.rows) {
        out += "|";
        for (const Cell& cell : row) {
          out += " ";
          append_cell(out, cell);
          out += " |";
        }
        out += "\n";
      }
      out += "\n";
    }
    if (!any_rows && !section.tables.empty() && !section.empty_note.empty()) {
      out += "_";
      append_escaped(out, section.empty_note);
      out += "_\n";
    }
  }
  return out;
}

}  // namespace kg::report_detail
