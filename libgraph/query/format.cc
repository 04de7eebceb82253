// query/format.cc owns how a QueryResult is written out: an aligned table for
// people (CJK text is two columns wide on a terminal), and JSON, CSV and TSV
// for programs; also the caret line under a malformed query.
#include <algorithm>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/utf8.h"
#include "query/query.h"

namespace kg {
namespace {

std::size_t char_width(UChar32 c) {
  if (c < 0) return 1;  // an undecodable byte prints as one replacement mark
  const auto category = static_cast<UCharCategory>(u_charType(c));
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_CONTROL_CHAR ||
      category == U_FORMAT_CHAR)
    return 0;
  const auto width = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

// Walks UTF-8 once, calling visit(code point, byte begin, byte end).
template <typename Visit>
void for_each_char(std::string_view utf8, Visit visit) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t at = 0;
  while (at < length) {
    const int32_t begin = at;
    UChar32 c;
    U8_NEXT(bytes, at, length, c);
    visit(c, static_cast<std::size_t>(begin), static_cast<std::size_t>(at));
  }
}

// A table cell is one line: line breaks and tabs would break the alignment.
std::string one_line(std::string_view cell) {
  std::string out(cell);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return out;
}

void pad(std::string& out, std::size_t count) { out.append(count, ' '); }

std::string format_table(const QueryResult& result) {
  const std::size_t columns = result.columns.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(result.rows.size() + 1);
  cells.emplace_back();
  for (const auto& c : result.columns) cells.back().push_back(one_line(c));
  for (const auto& row : result.rows) {
    cells.emplace_back();
    for (std::size_t i = 0; i < columns; ++i) cells.back().push_back(i < row.size() ? one_line(row[i]) : "");
  }
  std::vector<std::vector<std::size_t>> widths(cells.size(), std::vector<std::size_t>(columns));
  std::vector<std::size_t> column_width(columns, 0);
  for (std::size_t r = 0; r < cells.size(); ++r)
    for (std::size_t i = 0; i < columns; ++i) {
      widths[r][i] = display_width(cells[r][i]);
      column_width[i] = std::max(column_width[i], widths[r][i]);
    }

  std::string out;
  auto write_row = [&](std::size_t r) {
    for (std::size_t i = 0; i < columns; ++i) {
      out += cells[r][i];
      if (i + 1 < columns) pad(out, column_width[i] - widths[r][i] + 2);
    }
    // An empty last cell would leave the padding of the one before it.
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  write_row(0);
  for (std::size_t i = 0; i < columns; ++i) {
    out.append(column_width[i], '-');
    if (i + 1 < columns) pad(out, 2);
  }
  out += '\n';
  for (std::size_t r = 1; r < cells.size(); ++r) write_row(r);
  const std::size_t n = result.rows.size();
  out += "(" + std::to_string(n) + (n == 1 ? " row)\n" : " rows)\n");
  return out;
}

std::string format_json(const QueryResult& result) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  auto write_string = [&writer](const std::string& s) {
    bool valid = true;
    for_each_char(s, [&valid](UChar32 c, std::size_t, std::size_t) { valid = valid && c >= 0; });
    // Graph text is UTF-8 already, but a user's literal need not be; JSON
    // must be, so bad bytes become U+FFFD.
    const std::string repaired = valid ? std::string() : to_utf8(to_u32(s));
    const std::string& text = valid ? s : repaired;
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  };
  writer.StartArray();
  for (const auto& row : result.rows) {
    writer.StartObject();
    for (std::size_t i = 0; i < result.columns.size(); ++i) {
      write_string(result.columns[i]);
      const std::size_t r = static_cast<std::size_t>(&row - result.rows.data());
      if (r < result.json.size() && i < result.json[r].size())
        writer.RawValue(result.json[r][i].data(), result.json[r][i].size(), rapidjson::kStringType);
      else
        write_string(i < row.size() ? row[i] : std::string());
    }
    writer.EndObject();
  }
  writer.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string format_csv(const QueryResult& result) {
  std::string out;
  auto write_row = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < result.columns.size(); ++i) {
      if (i) out += ',';
      append_csv_field(out, i < row.size() ? row[i] : std::string());
    }
    out += "\r\n";
  };
  write_row(result.columns);
  for (const auto& row : result.rows) write_row(row);
  return out;
}

void append_tsv_field(std::string& out, std::string_view field) {
  for (char c : field) {
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default: out += c;
    }
  }
}

std::string format_tsv(const QueryResult& result) {
  std::string out;
  auto write_row = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < result.columns.size(); ++i) {
      if (i) out += '\t';
      append_tsv_field(out, i < row.size() ? row[i] : std::string());
    }
    out += '\n';
  };
  write_row(result.columns);
  for (const auto& row : result.rows) write_row(row);
  return out;
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for_each_char(utf8, [&width](UChar32 c, std::size_t, std::size_t) { width += char_width(c); });
  return width;
}

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "table") return OutputFormat::table;
  if (name == "json") return OutputFormat::json;
  if (name == "csv") return OutputFormat::csv;
  if (name == "tsv") return OutputFormat::tsv;
  return std::nullopt;
}

std::string format_result(const QueryResult& result, OutputFormat format) {
  switch (format) {
    case OutputFormat::table: return format_table(result);
    case OutputFormat::json: return format_json(result);
    case OutputFormat::csv: return format_csv(result);
    case OutputFormat::tsv: return format_tsv(result);
  }
  return {};
}

std::string point_at_error(std::string_view text, const QueryError& error) {
  // The line the error is on.
  std::size_t line_begin = 0;
  for (std::size_t line = 1; line < error.line(); ++line) {
    const std::size_t newline = text.find('\n', line_begin);
    if (newline == std::string_view::npos) break;
    line_begin = newline + 1;
  }
  std::string_view line = text.substr(line_begin);
  line = line.substr(0, line.find('\n'));

  // A window around the error, so that a 100 KB query does not flood the
  // terminal: this many characters each side of the caret.
  constexpr std::size_t kContext = 60;
  const std::size_t caret_index = error.column() > 0 ? error.column() - 1 : 0;
  const std::size_t first = caret_index > kContext ? caret_index - kContext : 0;
  std::string shown, under;
  if (first > 0) {
    shown = "...";
    under = "   ";
  }
  std::size_t index = 0;
  for_each_char(line, [&](UChar32 c, std::size_t begin, std::size_t end) {
    if (index >= first && index < caret_index + kContext) {
      const bool control = c == '\t' || c == '\r' || (c >= 0 && c < 0x20);
      if (control) shown += ' ';
      else shown.append(line.substr(begin, end - begin));
      if (index < caret_index) under.append(control ? 1 : char_width(c), ' ');
    }
    ++index;
  });
  if (index > caret_index + kContext) shown += "...";
  return shown + "\n" + under + "^";
}

}  // namespace kg
