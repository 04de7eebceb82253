// report/report_model.h (internal to the report stage): a report page as
// data, built once from the graph and rendered by the Markdown, HTML and site
// writers alike, so that all of them say the same thing. Also the indexes a
// page needs (mentions and evidence by document), built once per report.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "report/report.h"

namespace kg::report_detail {

// --- indexes -------------------------------------------------------------------

struct MentionAt {
  std::uint32_t start = 0, end = 0;
  Vertex entity = 0;
};

struct EvidenceAt {
  Edge relation;
  std::size_t index = 0;  // into the relation's evidence
};

// What the pages look up again and again, computed in one pass.
struct GraphIndex {
  explicit GraphIndex(const KnowledgeGraph& graph);
  const KnowledgeGraph& graph;
  std::map<std::int64_t, std::vector<MentionAt>> mentions;   // by document, by start
  std::map<std::int64_t, std::vector<EvidenceAt>> evidence;  // by document
  std::vector<std::size_t> degree;                           // by vertex, both directions
  // Entities by degree (then name), the order every list uses.
  std::vector<Vertex> ranked;
};

// --- pages -----------------------------------------------------------------------

// An entity named inside a quote: code points of the quote.
struct Mark {
  std::uint32_t begin = 0, end = 0;
  Vertex entity = 0;
};

// An evidence sentence as a page shows it.
struct Quote {
  std::string text;
  std::vector<Mark> marks;  // in order, not overlapping
  std::int64_t doc = 0;
  std::uint32_t start = 0;  // of the sentence in the document (its anchor there)
  std::size_t number = 0;   // 1, 2, ... in its page
  bool repeat = false;      // shown earlier in the page: a reference to it
};

// Shown as: prefix, the entities (each followed by its own text), text; or,
// when there are quotes, the quotes and how many more there are.
struct Cell {
  std::string text;
  std::string prefix;
  std::vector<std::pair<Vertex, std::string>> entities;  // entity, then text after it
  std::optional<std::int64_t> document;                 // the cell is this document
  std::string list;                                     // the cell links to this list (site)
  std::vector<Quote> quotes;
  std::size_t more_quotes = 0;
};

struct Table {
  std::string id;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  std::size_t more_rows = 0;  // rows left out
  std::string more_note;      // where to find them
};

struct Section {
  std::string id;
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<std::pair<std::string, Cell>> facts;
  std::vector<Table> tables;
  std::string empty_note;  // shown when the section has no rows
  std::string list_link;   // site: a page listing everything of the section
};

struct PictureNode {
  Vertex entity = 0;
  std::string label;  // the name
};
struct PictureEdge {
  std::size_t from = 0, to = 0;  // into nodes
  std::string label;             // relation type(s)
  bool both_ways = false;
};
struct Picture {
  std::vector<PictureNode> nodes;
  std::vector<PictureEdge> edges;  // parallel relations merged
  std::optional<std::size_t> centre;
  std::string caption;
};

// The document a page shows whole, with its entities and evidence marked.
struct DocumentText {
  std::int64_t doc = 0;
  std::optional<std::string> text;
  std::vector<MentionAt> mentions;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sentences;  // evidence spans
};

struct Page {
  std::string title;
  std::string subtitle;
  std::vector<Section> sections;
  std::optional<Picture> picture;
  std::optional<DocumentText> document;
  // Entities the page has a row for: a single-file report links to them.
  std::vector<Vertex> anchored;
  // Links to neighbouring list pages: label, list name (see Links::list).
  std::vector<std::pair<std::string, std::string>> pager;
};

// --- builders ------------------------------------------------------------------

// Assigns page-wide numbers to quotes so that each sentence is shown once.
class QuoteBook {
 public:
  explicit QuoteBook(const GraphIndex& index) : index_(index) {}
  // Up to `limit` distinct quotes of the relation's evidence, earliest
  // document first; the rest are counted in the cell's more_quotes.
  Cell evidence_cell(const RelationProps& relation, std::size_t limit);
  Quote quote(const EvidenceRef& evidence);

 private:
  const GraphIndex& index_;
  std::map<std::string, std::size_t> by_text_;  // sentence -> its number
};

Page build_overview(const GraphIndex& index, const ReportOptions& options);
Page build_entity_page(const GraphIndex& index, Vertex entity, const ReportOptions& options);
Page build_document_page(const GraphIndex& index, const DocumentInfo& document,
                         std::optional<std::string> text);

// The overview's picture: up to `limit` of the best-connected entities that
// form one connected piece, grown from the best-connected of all.
Picture overview_picture(const GraphIndex& index, std::size_t limit);
// An entity and up to `limit` of its best-connected neighbours.
Picture ego_picture(const GraphIndex& index, Vertex centre, std::size_t limit);

// "《title》 2023-05-01 outlet · file.txt"
std::string document_label(const KnowledgeGraph& graph, std::int64_t id);
std::string entity_label(const KnowledgeGraph& graph, Vertex v);  // "name (Type)"
// A file name made of the id: letters, digits and '-' kept, any other byte as _hh.
std::string page_name(std::string_view id);
std::string thousands(std::size_t n);  // 12,345

// --- renderers -------------------------------------------------------------------

// Text for HTML and SVG: valid UTF-8, no forbidden control characters, and
// &, <, >, " and ' as references.
void append_html_escaped(std::string& out, std::string_view text);

// Where links go. A single-file report links only inside itself.
class Links {
 public:
  virtual ~Links() = default;
  virtual std::string entity(Vertex v) const = 0;  // "" for no link
  virtual std::string document(std::int64_t doc, std::optional<std::uint32_t> sentence) const = 0;
  virtual std::string list(std::string_view name) const = 0;
  virtual std::string stylesheet() const = 0;  // "" for inline style
  virtual std::string home() const = 0;        // "" when the page is the home
};

std::string render_markdown(const GraphIndex& index, const Page& page);
std::string render_html(const GraphIndex& index, const Page& page, const Links& links, bool use_graphviz);
// The stylesheet every HTML page uses (inline, or the site's style.css).
std::string_view stylesheet();

// An SVG drawing of the picture (the <svg> element alone). Hovering a node
// shows "name (Type)", an edge "A relation B"; nodes link through `links`.
std::string draw_svg(const GraphIndex& index, const Picture& picture, const Links& links, bool use_graphviz);

}  // namespace kg::report_detail
