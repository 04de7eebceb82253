// report/markdown.cc: a page as Markdown (GitHub-flavoured tables). Text
// from the news is escaped so that no name or sentence can start a table
// cell, a link, emphasis or raw HTML; entities named in quotes are bold.
#include <string>

#include "core/utf8.h"
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

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

void append_quote(std::string& out, const GraphIndex& index, const Quote& q) {
  const std::u32string text = to_u32(q.text);
  if (q.repeat) {
    out += "(same as [" + std::to_string(q.number) + "]: “";
    append_escaped(out, to_utf8(std::u32string_view(text).substr(0, 14)));
    out += text.size() > 14 ? "…”)" : "”)";
    return;
  }
  out += "[" + std::to_string(q.number) + "] “";
  std::uint32_t at = 0;
  for (const Mark& m : q.marks) {
    if (m.begin < at || m.end > text.size()) continue;
    append_escaped(out, to_utf8(std::u32string_view(text).substr(at, m.begin - at)));
    out += "**";
    append_escaped(out, to_utf8(std::u32string_view(text).substr(m.begin, m.end - m.begin)));
    out += "**";
    at = m.end;
  }
  if (at < text.size()) append_escaped(out, to_utf8(std::u32string_view(text).substr(at)));
  out += "” — ";
  append_escaped(out, document_label(index.graph, q.doc));
}

void append_cell(std::string& out, const GraphIndex& index, const Cell& cell) {
  if (!cell.quotes.empty()) {
    for (std::size_t i = 0; i < cell.quotes.size(); ++i) {
      // A cell holds one line; <br> is the line break GitHub tables accept.
      if (i) out += "<br>";
      append_quote(out, index, cell.quotes[i]);
    }
    if (cell.more_quotes) out += "<br>and " + std::to_string(cell.more_quotes) + " more";
    return;
  }
  append_escaped(out, cell.prefix);
  for (std::size_t i = 0; i < cell.entities.size(); ++i) {
    if (i) out += "、";
    append_escaped(out, index.graph.g[cell.entities[i].first].name);
    append_escaped(out, cell.entities[i].second);
  }
  if (!cell.entities.empty() && cell.text == "—") return;
  if (!cell.entities.empty() && !cell.text.empty()) out += " ";
  append_escaped(out, cell.text);
}

}  // namespace

std::string render_markdown(const GraphIndex& index, const Page& page) {
  std::string out = "# " + escaped(page.title) + "\n";
  if (!page.subtitle.empty()) out += "\n" + escaped(page.subtitle) + "\n";
  if (page.picture && !page.picture->caption.empty())
    out += "\n_Picture (in the HTML report): " + escaped(page.picture->caption) + "_\n";
  for (const Section& section : page.sections) {
    out += "\n## " + escaped(section.title) + "\n\n";
    for (const std::string& paragraph : section.paragraphs) out += escaped(paragraph) + "\n\n";
    for (const auto& [label, value] : section.facts) {
      out += "- **" + escaped(label) + "**: ";
      append_cell(out, index, value);
      out += "\n";
    }
    if (!section.facts.empty()) out += "\n";
    bool any_rows = false;
    for (const Table& table : section.tables) {
      if (table.rows.empty()) continue;
      any_rows = true;
      out += "|";
      for (const std::string& column : table.columns) out += " " + escaped(column) + " |";
      out += "\n|";
      for (std::size_t i = 0; i < table.columns.size(); ++i) out += " --- |";
      out += "\n";
      for (const auto& row : table.rows) {
        out += "|";
        for (const Cell& cell : row) {
          out += " ";
          append_cell(out, index, cell);
          out += " |";
        }
        out += "\n";
      }
      if (table.more_rows) {
        // The note may hold a command in backquotes: left as written.
        out += "\n… and " + std::to_string(table.more_rows) + " more";
        if (!table.more_note.empty()) out += ": " + table.more_note;
        out += "\n";
      }
      out += "\n";
    }
    if (!any_rows && !section.tables.empty() && !section.empty_note.empty())
      out += "_" + escaped(section.empty_note) + "_\n";
  }
  return out;
}

}  // namespace kg::report_detail
