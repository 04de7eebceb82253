// report/report.cc: choosing the report, rendering it, and writing it whole
// (temporary file, then rename) or to the console.
#include "report/report.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "report/report_model.h"

namespace kg {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "md" || name == "markdown") return ReportFormat::markdown;
  if (name == "html") return ReportFormat::html;
  return std::nullopt;
}

std::string render_report(const KnowledgeGraph& graph, const ReportOptions& options) {
  const report_detail::ReportModel model = options.entity.empty()
                                               ? report_detail::build_relation_report(graph, options)
                                               : report_detail::build_dossier(graph, options);
  return options.format == ReportFormat::html ? report_detail::render_html(model, options)
                                              : report_detail::render_markdown(model);
}

void write_report(const KnowledgeGraph& graph, const ReportOptions& options, const std::string& output,
                  std::ostream& console) {
  const std::string text = render_report(graph, options);
  if (output.empty() || output == "-") {
    console.write(text.data(), static_cast<std::streamsize>(text.size()));
    console.flush();
    return;
  }
  const std::filesystem::path path(output);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw ReportError("-o '" + output + "': is a directory; give a file name");
  std::filesystem::path temp = path;
  temp += ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) throw ReportError("cannot write '" + output + "': " + std::strerror(errno));
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.flush();
    if (!file) {
      std::filesystem::remove(temp, ec);
      throw ReportError("cannot write '" + output + "': write failed");
    }
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw ReportError("cannot write '" + output + "': " + ec.message());
  }
}

}  // namespace kg
