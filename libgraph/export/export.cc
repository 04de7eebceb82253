// export/export.cc: format names and writing an export to its destination
// safely (temporary file, then rename).
#include "export/export.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <system_error>

namespace kg {

namespace {

constexpr std::pair<ExportFormat, std::string_view> kFormats[] = {
    {ExportFormat::json, "json"}, {ExportFormat::graphml, "graphml"}, {ExportFormat::gexf, "gexf"},
    {ExportFormat::dot, "dot"},   {ExportFormat::csv, "csv"}};

// Writes through a temporary file beside `path` and renames it into place.
void write_file(const std::filesystem::path& path,
                const std::function<void(std::ostream&)>& write) {
  std::filesystem::path temp = path;
  temp += ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file)
      throw ExportError("cannot write '" + path.string() + "': " + std::strerror(errno));
    write(file);
    file.flush();
    if (!file) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      throw ExportError("cannot write '" + path.string() + "': write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw ExportError("cannot write '" + path.string() + "': " + ec.message());
  }
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  for (const auto& [format, text] : kFormats)
    if (text == name) return format;
  return std::nullopt;
}

std::string_view to_string(ExportFormat format) {
  for (const auto& [f, text] : kFormats)
    if (f == format) return text;
  return "?";
}

void export_graph(const KnowledgeGraph& graph, ExportFormat format, const std::string& output,
                  std::ostream& console) {
  const bool to_console = output.empty() || output == "-";
  if (format == ExportFormat::csv) {
    if (to_console)
      throw ExportError("--format csv writes two files: give a directory with -o DIR");
    const std::filesystem::path dir(output);
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
      throw ExportError("-o '" + output + "': exists and is not a directory (csv writes a directory)");
    std::filesystem::create_directories(dir, ec);
    if (ec) throw ExportError("-o '" + output + "': cannot create directory: " + ec.message());
    write_file(dir / "nodes.csv", [&](std::ostream& out) { write_csv_nodes(graph, out); });
    write_file(dir / "relationships.csv",
               [&](std::ostream& out) { write_csv_relationships(graph, out); });
    return;
  }
  auto write = [&](std::ostream& out) {
    switch (format) {
      case ExportFormat::json: write_json(graph, out); break;
      case ExportFormat::graphml: write_graphml(graph, out); break;
      case ExportFormat::gexf: write_gexf(graph, out); break;
      case ExportFormat::dot: write_dot(graph, out); break;
      case ExportFormat::csv: break;
    }
  };
  if (to_console) {
    write(console);
    console.flush();
    return;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(output, ec))
    throw ExportError("-o '" + output + "': is a directory; give a file name");
  write_file(output, write);
}

}  // namespace kg
