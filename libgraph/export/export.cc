// export/export.cc: format names, and writing an export to its destination
// safely: a file through a temporary file and a rename, a directory (csv)
// through a temporary directory and a rename.
#include "export/export.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace kg {

namespace fs = std::filesystem;

namespace {

constexpr std::pair<ExportFormat, std::string_view> kFormats[] = {
    {ExportFormat::json, "json"}, {ExportFormat::jsonl, "jsonl"}, {ExportFormat::graphml, "graphml"},
    {ExportFormat::gexf, "gexf"}, {ExportFormat::dot, "dot"},     {ExportFormat::csv, "csv"}};

void remove_quietly(const fs::path& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
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

std::vector<std::string_view> export_format_names() {
  std::vector<std::string_view> names;
  for (const auto& entry : kFormats) names.push_back(entry.second);
  return names;
}

bool supports_merge_parallel(ExportFormat format) {
  return format == ExportFormat::graphml || format == ExportFormat::gexf || format == ExportFormat::dot;
}

void write_file_atomically(const std::string& path_text, const std::function<void(std::ostream&)>& write) {
  const fs::path path(path_text);
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw ExportError("-o '" + path_text + "': is a directory; give a file name");
  fs::path temp = path;
  temp += ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) throw ExportError("cannot write '" + path_text + "': " + std::strerror(errno));
    try {
      write(file);
    } catch (...) {
      file.close();
      remove_quietly(temp);
      throw;
    }
    file.flush();
    if (!file) {
      remove_quietly(temp);
      throw ExportError("cannot write '" + path_text + "': write failed");
    }
  }
  fs::rename(temp, path, ec);
  if (ec) {
    remove_quietly(temp);
    throw ExportError("cannot write '" + path_text + "': " + ec.message());
  }
}

void replace_directory(const std::string& dir_text, std::string_view marker,
                       const std::function<void(const std::string& temp_dir)>& write) {
  fs::path dir = fs::path(dir_text).lexically_normal();
  if (dir.has_filename() == false && dir.has_parent_path()) dir = dir.parent_path();  // "out/" -> "out"
  std::error_code ec;
  const bool exists = fs::exists(fs::symlink_status(dir, ec));
  if (exists) {
    if (!fs::is_directory(dir, ec))
      throw ExportError("-o '" + dir_text + "': exists and is not a directory");
    const bool empty = fs::is_empty(dir, ec);
    if (ec) throw ExportError("-o '" + dir_text + "': cannot read the directory: " + ec.message());
    if (!empty && !fs::exists(dir / marker, ec))
      throw ExportError("-o '" + dir_text + "': holds files kg did not write; give a new or empty directory");
  }
  const std::string suffix = "." + std::to_string(::getpid());
  fs::path temp = dir;
  temp += ".kg-new" + suffix;
  fs::path old = dir;
  old += ".kg-old" + suffix;
  remove_quietly(temp);
  fs::create_directories(temp, ec);
  if (ec) throw ExportError("-o '" + dir_text + "': cannot create a directory beside it: " + ec.message());
  try {
    write(temp.string());
    std::ofstream(temp / marker) << "written by kg; kg replaces this directory on the next run\n";
  } catch (...) {
    remove_quietly(temp);
    throw;
  }
  if (exists) {
    fs::rename(dir, old, ec);
    if (ec) {
      remove_quietly(temp);
      throw ExportError("-o '" + dir_text + "': cannot replace it: " + ec.message());
    }
  }
  fs::rename(temp, dir, ec);
  if (ec) {
    if (exists) fs::rename(old, dir, ec);
    remove_quietly(temp);
    throw ExportError("-o '" + dir_text + "': cannot replace it: " + ec.message());
  }
  if (exists) remove_quietly(old);
}

void export_graph(const KnowledgeGraph& graph, ExportFormat format, const std::string& output,
                  std::ostream& console, const ExportOptions& options) {
  if (options.merge_parallel && !supports_merge_parallel(format))
    throw ExportError("--merge-parallel applies to graphml, gexf and dot, not " + std::string(to_string(format)));
  const bool to_console = output.empty() || output == "-";
  if (format == ExportFormat::csv) {
    if (to_console) throw ExportError("--format csv writes a directory of files: give it with -o DIR");
    replace_directory(output, ".kg-neo4j-export", [&](const std::string& temp) { write_neo4j_csv(graph, temp); });
    return;
  }
  auto write = [&](std::ostream& out) {
    switch (format) {
      case ExportFormat::json: write_json(graph, out); break;
      case ExportFormat::jsonl: write_jsonl(graph, out); break;
      case ExportFormat::graphml: write_graphml(graph, out, options); break;
      case ExportFormat::gexf: write_gexf(graph, out, options); break;
      case ExportFormat::dot: write_dot(graph, out, options); break;
      case ExportFormat::csv: break;
    }
  };
  if (to_console) {
    write(console);
    console.flush();
    return;
  }
  write_file_atomically(output, write);
}

}  // namespace kg
