// report/picture.cc: the picture of the graph in the HTML report. Graphviz
// lays it out when `dot` is installed; otherwise entities sit on a circle,
// which needs no layout engine and still shows who is connected to whom.
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <sstream>
#include <string>

#include "export/export.h"
#include "report/report_model.h"

namespace kg::report_detail {

namespace {

std::optional<std::filesystem::path> find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::string_view rest(path);
  while (!rest.empty()) {
    const auto colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    if (!dir.empty()) {
      std::filesystem::path candidate = std::filesystem::path(dir) / program;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

// dot's SVG, or empty when dot is missing or fails.
std::string graphviz_svg(const KnowledgeGraph& graph) {
  const auto dot = find_on_path("dot");
  if (!dot) return {};
  std::string temp = (std::filesystem::temp_directory_path() / "kg-report-XXXXXX").string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return {};
  std::ostringstream source;
  write_dot(graph, source);
  const std::string text = source.str();
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  std::string svg;
  if (written) {
    // Both paths come from PATH and mkstemp; quoted for the shell all the same.
    // neato rather than dot's ranks: news graphs are many small components,
    // which ranks stack into a long strip and a spring layout keeps square.
    const std::string command = "'" + dot->string() + "' -Kneato -Tsvg '" + temp + "' 2>/dev/null";
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
      char buffer[8192];
      std::size_t n;
      while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) svg.append(buffer, n);
      const int status = ::pclose(pipe);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) svg.clear();
    }
  }
  std::error_code ignored;
  std::filesystem::remove(temp, ignored);
  // Inline SVG in HTML takes the element alone, without prolog and doctype.
  const auto start = svg.find("<svg");
  if (start == std::string::npos) return {};
  svg.erase(0, start);
  return svg;
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

}  // namespace

std::string draw_circular_svg(const KnowledgeGraph& graph) {
  const std::size_t n = graph.entity_count();
  constexpr double kMargin = 170;  // room for labels outside the circle
  const double radius = std::max(140.0, static_cast<double>(n) * 36.0 / (2 * std::numbers::pi));
  const double size = 2 * (radius + kMargin);
  const double centre = size / 2;
  std::vector<std::pair<double, double>> at(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double angle = 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n) - std::numbers::pi / 2;
    at[i] = {centre + radius * std::cos(angle), centre + radius * std::sin(angle)};
  }
  std::string out;
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"circular\" width=\"" + number(size) +
         "\" height=\"" + number(size) + "\" viewBox=\"0 0 " + number(size) + " " + number(size) + "\">\n";
  out +=
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"18\" refY=\"5\" markerWidth=\"6\" "
      "markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#999\"/></marker></defs>\n";
  if (n == 0) {
    out += "<text x=\"" + number(centre) + "\" y=\"" + number(centre) +
           "\" text-anchor=\"middle\" fill=\"#666\">empty graph</text>\n";
  }
  out += "<g class=\"edges\" stroke=\"#999\" stroke-width=\"1\">\n";
  for (auto [it, end] = boost::edges(graph.g); it != end; ++it) {
    const auto s = boost::source(*it, graph.g), t = boost::target(*it, graph.g);
    const RelationProps& r = graph.g[*it];
    out += "<line x1=\"" + number(at[s].first) + "\" y1=\"" + number(at[s].second) + "\" x2=\"" +
           number(at[t].first) + "\" y2=\"" + number(at[t].second) + "\" marker-end=\"url(#arrow)\"><title>";
    append_html_escaped(out, graph.g[s].name);
    out += " ";
    out += to_string(r.type);
    if (!r.title.empty()) {
      out += " (";
      append_html_escaped(out, r.title);
      out += ")";
    }
    out += " ";
    append_html_escaped(out, graph.g[t].name);
    out += "</title></line>\n";
  }
  out += "</g>\n<g class=\"nodes\" font-size=\"12\">\n";
  for (std::size_t i = 0; i < n; ++i) {
    const EntityProps& e = graph.g[i];
    const double dx = at[i].first - centre;
    // Labels point away from the circle so they do not cross the edges.
    const char* anchor = dx > 1 ? "start" : dx < -1 ? "end" : "middle";
    const double label_x = at[i].first + (dx > 1 ? 12 : dx < -1 ? -12 : 0);
    const double label_y = at[i].second + (std::abs(dx) <= 1 ? (at[i].second < centre ? -12 : 20) : 4);
    out += "<g><title>";
    append_html_escaped(out, e.name);
    out += " (";
    out += to_string(e.type);
    out += ")</title><circle cx=\"" + number(at[i].first) + "\" cy=\"" + number(at[i].second) +
           "\" r=\"8\" fill=\"" + std::string(type_colour(e.type)) + "\"/><text x=\"" + number(label_x) +
           "\" y=\"" + number(label_y) + "\" text-anchor=\"" + anchor + "\">";
    append_html_escaped(out, e.name);
    out += "</text></g>\n";
  }
  out += "</g>\n</svg>";
  return out;
}

std::string draw_svg(const KnowledgeGraph& graph, bool use_graphviz) {
  if (use_graphviz && graph.entity_count() > 0) {
    std::string svg = graphviz_svg(graph);
    if (!svg.empty()) return svg;
  }
  return draw_circular_svg(graph);
}

}  // namespace kg::report_detail
