// report/picture.cc: the pictures of the report. Which entities to draw (a
// connected piece of the best-connected entities; an entity and its
// neighbours) and how: the overview through Graphviz's neato when it is
// installed, else a spring layout from Boost.Graph; an entity's neighbours on
// a circle around it, computed here so that a site of many thousand pages
// starts no process per page. Every node's hover text is its name and type.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <numbers>
#include <random>
#include <set>

#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/random_layout.hpp>
#include <boost/graph/topology.hpp>

#include "export/export.h"
#include "report/report_model.h"

namespace kg::report_detail {

namespace {

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// Relations between the chosen entities, one edge per ordered pair.
void add_edges(const GraphIndex& index, Picture& picture, const std::map<Vertex, std::size_t>& at,
               bool centre_only) {
  const auto& g = index.graph.g;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> pairs;
  for (const auto& [v, i] : at) {
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      const auto target = at.find(boost::target(*it, g));
      if (target == at.end() || target->second == i) continue;
      if (centre_only && picture.centre != i && picture.centre != target->second) continue;
      auto [found, fresh] = pairs.emplace(std::make_pair(i, target->second), picture.edges.size());
      const std::string type(to_string(g[*it].type));
      if (fresh) {
        picture.edges.push_back({i, target->second, type, is_symmetric(g[*it].type)});
      } else if (("|" + picture.edges[found->second].label + "|").find("|" + type + "|") == std::string::npos) {
        picture.edges[found->second].label += "|" + type;
      }
    }
  }
}

std::string svg_node(const GraphIndex& index, const PictureNode& node, double x, double y, double radius,
                     const Links& links, const char* anchor, double label_x, double label_y, bool bold) {
  const auto& e = index.graph.g[node.entity];
  std::string out;
  const std::string href = links.entity(node.entity);
  if (!href.empty()) {
    out += "<a href=\"";
    append_html_escaped(out, href);
    out += "\">";
  }
  out += "<g class=\"node\"><title>";
  append_html_escaped(out, entity_label(index.graph, node.entity));
  out += "</title><circle cx=\"" + number(x) + "\" cy=\"" + number(y) + "\" r=\"" + number(radius) + "\" fill=\"" +
         std::string(type_colour(e.type)) + "\"/><text x=\"" + number(label_x) + "\" y=\"" + number(label_y) +
         "\" text-anchor=\"" + anchor + "\"" + (bold ? " font-weight=\"bold\"" : "") + ">";
  append_html_escaped(out, node.label);
  out += "</text></g>";
  if (!href.empty()) out += "</a>";
  return out + "\n";
}

std::string svg_edge(const GraphIndex& index, const Picture& picture, const PictureEdge& edge,
                     const std::vector<std::pair<double, double>>& at) {
  const auto& from = at[edge.from];
  const auto& to = at[edge.to];
  std::string out = "<g class=\"edge\"><title>";
  append_html_escaped(out, index.graph.g[picture.nodes[edge.from].entity].name + " " + edge.label + " " +
                               index.graph.g[picture.nodes[edge.to].entity].name);
  out += "</title><line x1=\"" + number(from.first) + "\" y1=\"" + number(from.second) + "\" x2=\"" +
         number(to.first) + "\" y2=\"" + number(to.second) + "\"" +
         (edge.both_ways ? "" : " marker-end=\"url(#arrow)\"") + "/>";
  out += "<text x=\"" + number((from.first + to.first) / 2) + "\" y=\"" + number((from.second + to.second) / 2 - 3) +
         "\" text-anchor=\"middle\" class=\"edge-label\">";
  append_html_escaped(out, edge.label);
  out += "</text></g>\n";
  return out;
}

std::string svg_open(double width, double height) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" width=\"" + number(width) + "\" height=\"" +
         number(height) + "\" viewBox=\"0 0 " + number(width) + " " + number(height) +
         "\" font-size=\"12\">\n"
         "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"20\" refY=\"5\" markerWidth=\"6\" "
         "markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#999\"/></marker></defs>\n";
}

// The picture's own drawing: nodes where `at` says, labels beside them.
std::string draw_at(const GraphIndex& index, const Picture& picture, const std::vector<std::pair<double, double>>& at,
                    double width, double height, const Links& links) {
  std::string out = svg_open(width, height);
  if (picture.nodes.empty())
    out += "<text x=\"" + number(width / 2) + "\" y=\"" + number(height / 2) +
           "\" text-anchor=\"middle\" fill=\"#666\">nothing to draw</text>\n";
  out += "<g class=\"edges\" stroke=\"#999\" stroke-width=\"1\">\n";
  for (const PictureEdge& edge : picture.edges) out += svg_edge(index, picture, edge, at);
  out += "</g>\n<g class=\"nodes\">\n";
  for (std::size_t i = 0; i < picture.nodes.size(); ++i) {
    const bool centre = picture.centre == i;
    const double dx = at[i].first - width / 2;
    const char* anchor = centre || std::abs(dx) < 1 ? "middle" : dx > 0 ? "start" : "end";
    const double label_x = at[i].first + (centre || std::abs(dx) < 1 ? 0 : dx > 0 ? 11 : -11);
    // Beside a node on the left or right; above or below one at the top or bottom.
    const double dy = at[i].second - height / 2;
    const double label_y = at[i].second + (centre ? 26 : std::abs(dx) >= 1 ? 4 : dy < 0 ? -12 : 20);
    out += svg_node(index, picture.nodes[i], at[i].first, at[i].second, centre ? 14 : 7, links, anchor, label_x,
                    label_y, centre);
  }
  out += "</g>\n</svg>";
  return out;
}

// The centre in the middle, the neighbours evenly on a circle around it.
std::string draw_ego(const GraphIndex& index, const Picture& picture, const Links& links) {
  const std::size_t around = picture.nodes.size() > 0 ? picture.nodes.size() - 1 : 0;
  const double radius = std::max(110.0, static_cast<double>(around) * 30.0 / (2 * std::numbers::pi));
  const double margin = 150;  // room for labels outside the circle
  const double size = 2 * (radius + margin);
  std::vector<std::pair<double, double>> at(picture.nodes.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < picture.nodes.size(); ++i) {
    if (picture.centre == i) {
      at[i] = {size / 2, size / 2};
      continue;
    }
    const double angle = 2 * std::numbers::pi * static_cast<double>(k++) / static_cast<double>(std::max<std::size_t>(around, 1)) -
                         std::numbers::pi / 2;
    at[i] = {size / 2 + radius * std::cos(angle), size / 2 + radius * std::sin(angle)};
  }
  return draw_at(index, picture, at, size, size, links);
}

// A spring layout (Fruchterman-Reingold, Boost.Graph) when Graphviz is not there.
std::string draw_spring(const GraphIndex& index, const Picture& picture, const Links& links) {
  using Layout = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  using Topology = boost::rectangle_topology<std::minstd_rand>;
  const std::size_t n = picture.nodes.size();
  const double side = std::max(500.0, std::sqrt(static_cast<double>(n)) * 140.0);
  Layout layout(n);
  for (const PictureEdge& e : picture.edges) boost::add_edge(e.from, e.to, layout);
  std::minstd_rand random(42);  // the same picture every time
  Topology topology(random, 0, 0, side, side);
  std::vector<Topology::point_type> position(n);
  auto map = boost::make_iterator_property_map(position.begin(), boost::get(boost::vertex_index, layout));
  if (n > 0) {
    boost::random_graph_layout(layout, map, topology);
    boost::fruchterman_reingold_force_directed_layout(layout, map, topology);
  }
  const double margin = 150;
  std::vector<std::pair<double, double>> at(n);
  for (std::size_t i = 0; i < n; ++i)
    at[i] = {margin + std::clamp(position[i][0], 0.0, side), margin / 3 + std::clamp(position[i][1], 0.0, side)};
  return draw_at(index, picture, at, side + 2 * margin, side + margin, links);
}

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

// A DOT string: quotes and backslashes escaped, controls dropped.
std::string dot_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : xml_safe_text(text)) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    out += c;
  }
  return out + "\"";
}

// Graphviz's drawing, or empty when it is missing or fails. Node names are
// "name (Type)": Graphviz writes them as the <title> a browser shows on hover.
std::string graphviz_svg(const GraphIndex& index, const Picture& picture, const Links& links) {
  const auto neato = find_on_path("neato");
  if (!neato || picture.nodes.empty()) return {};
  const auto& g = index.graph.g;
  std::vector<std::string> names(picture.nodes.size());
  std::set<std::string> taken;
  std::string dot =
      "digraph kg {\n  graph [overlap=false, splines=true, sep=\"+6\", outputorder=edgesfirst, "
      "fontname=\"Noto Sans CJK SC\"];\n"
      "  node [shape=box, style=\"rounded,filled\", fontcolor=white, fontsize=12, fontname=\"Noto Sans CJK SC\", "
      "color=white];\n  edge [fontsize=9, fontcolor=\"#555555\", color=\"#999999\", fontname=\"Noto Sans CJK SC\"];\n";
  for (std::size_t i = 0; i < picture.nodes.size(); ++i) {
    const Vertex v = picture.nodes[i].entity;
    std::string name = entity_label(index.graph, v);
    for (int k = 2; !taken.insert(name).second; ++k) name = entity_label(index.graph, v) + " #" + std::to_string(k);
    names[i] = name;
    dot += "  " + dot_quoted(name) + " [label=" + dot_quoted(picture.nodes[i].label) +
           ", fillcolor=" + dot_quoted(type_colour(g[v].type)) + ", tooltip=" + dot_quoted(name);
    const std::string href = links.entity(v);
    if (!href.empty()) dot += ", URL=" + dot_quoted(href);
    dot += "];\n";
  }
  for (const PictureEdge& e : picture.edges) {
    dot += "  " + dot_quoted(names[e.from]) + " -> " + dot_quoted(names[e.to]) + " [label=" + dot_quoted(e.label) +
           ", tooltip=" + dot_quoted(picture.nodes[e.from].label + " " + e.label + " " + picture.nodes[e.to].label) +
           (e.both_ways ? ", dir=both" : "") + "];\n";
  }
  dot += "}\n";

  std::string temp = (std::filesystem::temp_directory_path() / "kg-picture-XXXXXX").string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return {};
  const bool written = ::write(fd, dot.data(), dot.size()) == static_cast<ssize_t>(dot.size());
  ::close(fd);
  std::string svg;
  if (written) {
    // Both paths come from PATH and mkstemp; quoted for the shell all the same.
    const std::string command = "'" + neato->string() + "' -Tsvg '" + temp + "' 2>/dev/null";
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

}  // namespace

Picture overview_picture(const GraphIndex& index, std::size_t limit) {
  const auto& g = index.graph.g;
  const std::size_t n = boost::num_vertices(g);
  Picture picture;
  std::map<Vertex, std::size_t> at;
  auto take = [&](Vertex v) {
    at.emplace(v, picture.nodes.size());
    picture.nodes.push_back({v, g[v].name});
  };
  if (n <= limit) {
    for (Vertex v : index.ranked) take(v);
  } else {
    // Grow from the best-connected entity: each step takes the candidate
    // with the most relations into what is drawn, then the best connected,
    // so the piece stays connected and dense rather than a star of leaves.
    std::map<Vertex, std::size_t> links;  // candidate -> relations into the picture
    auto add = [&](Vertex v) {
      take(v);
      links.erase(v);
      auto visit = [&](Vertex w) {
        if (!at.count(w)) ++links[w];
      };
      for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) visit(boost::target(*it, g));
      for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) visit(boost::source(*it, g));
    };
    std::size_t next_seed = 0;
    while (picture.nodes.size() < limit) {
      if (links.empty()) {
        // A new piece, from the best-connected entity not drawn yet that has a relation.
        while (next_seed < n && (at.count(index.ranked[next_seed]) || index.degree[index.ranked[next_seed]] == 0))
          ++next_seed;
        if (next_seed == n) break;
        add(index.ranked[next_seed]);
        continue;
      }
      auto best = links.begin();
      for (auto it = links.begin(); it != links.end(); ++it)
        if (it->second > best->second ||
            (it->second == best->second && index.degree[it->first] > index.degree[best->first]))
          best = it;
      add(best->first);
    }
  }
  add_edges(index, picture, at, false);
  std::size_t relations = 0;
  for (auto [it, end] = boost::edges(g); it != end; ++it)
    if (at.count(boost::source(*it, g)) && at.count(boost::target(*it, g))) ++relations;
  picture.caption = picture.nodes.size() == n
                        ? "All " + thousands(n) + " entities and " + thousands(index.graph.relation_count()) +
                              " relations."
                        : "The " + thousands(picture.nodes.size()) + " best-connected entities that hang together (of " +
                              thousands(n) + "), with the " + thousands(relations) + " relations among them (of " +
                              thousands(index.graph.relation_count()) + ").";
  return picture;
}

Picture ego_picture(const GraphIndex& index, Vertex centre, std::size_t limit) {
  const auto& g = index.graph.g;
  std::set<Vertex> neighbours;
  for (auto [it, end] = boost::out_edges(centre, g); it != end; ++it) neighbours.insert(boost::target(*it, g));
  for (auto [it, end] = boost::in_edges(centre, g); it != end; ++it) neighbours.insert(boost::source(*it, g));
  neighbours.erase(centre);
  std::vector<Vertex> order(neighbours.begin(), neighbours.end());
  std::stable_sort(order.begin(), order.end(), [&](Vertex a, Vertex b) { return index.degree[a] > index.degree[b]; });
  Picture picture;
  std::map<Vertex, std::size_t> at;
  picture.centre = 0;
  at.emplace(centre, 0);
  picture.nodes.push_back({centre, g[centre].name});
  for (std::size_t i = 0; i < order.size() && i < limit; ++i) {
    at.emplace(order[i], picture.nodes.size());
    picture.nodes.push_back({order[i], g[order[i]].name});
  }
  add_edges(index, picture, at, true);
  picture.caption = order.size() <= limit ? g[centre].name + " and its " + thousands(order.size()) +
                                                (order.size() == 1 ? " neighbour." : " neighbours.")
                                          : g[centre].name + " and the " + thousands(limit) + " best-connected of its " +
                                                thousands(order.size()) + " neighbours.";
  return picture;
}

std::string draw_svg(const GraphIndex& index, const Picture& picture, const Links& links, bool use_graphviz) {
  if (picture.centre) return draw_ego(index, picture, links);
  if (use_graphviz) {
    std::string svg = graphviz_svg(index, picture, links);
    if (!svg.empty()) return svg;
  }
  return draw_spring(index, picture, links);
}

}  // namespace kg::report_detail
