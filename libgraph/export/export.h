// export/export.h: the public face of the export stage. It turns a
// KnowledgeGraph into the files other tools read: node-link JSON (the shape
// the gold scorer and NetworkX read), JSON Lines, GraphML and GEXF for Gephi,
// Graphviz DOT, and the CSV files of `neo4j-admin database import full`.
// Every format carries provenance (evidence counts, first source, dates) and
// can be restricted to a subgraph first (SubgraphFilter, load_selected_graph).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.h"
#include "core/types.h"
#include "graph/graph.h"

namespace kg {

class Store;

// A request the export cannot honour: unknown format or type, a name that
// matches no entity, an output path that cannot be written. The message names
// the argument or file and says what is wrong.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ExportFormat { json, jsonl, graphml, gexf, dot, csv };

std::optional<ExportFormat> parse_export_format(std::string_view name);
std::string_view to_string(ExportFormat format);
// Every format name, in the order help texts list them.
std::vector<std::string_view> export_format_names();

// --- dates -----------------------------------------------------------------
// DateSpan and parse_date_span: core/dates.h.

// --- provenance ---------------------------------------------------------------

// Where and when a fact was reported.
struct Provenance {
  std::size_t count = 0;  // relations: pieces of evidence; entities: mentions
  // The first document it was reported in: the earliest published, then the
  // lowest id (documents without a date come after dated ones). Null if none.
  const DocumentInfo* first = nullptr;
  // Relations: the earliest date of its evidence (each piece dated by its
  // sentence, else its article: RelationProps evidence dates); for evidence
  // without dates, the relation's own `date` attribute, else the first
  // document's published date. Entities: the first document's published
  // date. Empty when nothing is dated.
  std::string date;
  // Relations: the latest date of its evidence (equal to `date` when it has
  // one date or none of its own); entities: empty.
  std::string last_date;
  // Relations: from the first day of `date` to the last of `last_date`; for
  // evidence without dates, every date it carries (its date, the published
  // dates of its documents). Entities: the published dates of the documents
  // that mention it. GEXF start/end.
  std::optional<DateSpan> span;
};
Provenance relation_provenance(const KnowledgeGraph& graph, const RelationProps& relation);
Provenance entity_provenance(const KnowledgeGraph& graph, const EntityProps& entity);
// The source path of provenance.first, or "".
std::string first_source(const Provenance& provenance);
// When a fact was seen, as a reader sees it: "2023-03-08", or
// "2023-03-08 – 2024-01-12" when its first and last dates differ.
std::string seen_text(const Provenance& provenance);

// --- subgraphs ---------------------------------------------------------------

// Which part of the graph to keep. Empty members select everything.
struct SubgraphFilter {
  std::vector<EntityType> types;        // keep entities of these types
  std::vector<RelationType> relations;  // keep relations of these types, and
                                        // only the entities they touch
  std::string around;                   // keep what lies within `depth` steps
  unsigned depth = 1;                   //   of the entities so named
  std::string source;  // keep facts with mentions/evidence in documents whose
                       // source ends with this; their other documents are cut
  // Keep relations whose date (Provenance::date) falls in [since, until],
  // both "YYYY-MM-DD" (see parse_date_span), either may be empty for open.
  // Entities stay when they keep a relation or have a mention in a document
  // published in the range; undated relations and documents are left out.
  std::string since, until;
  bool empty() const {
    return types.empty() && relations.empty() && around.empty() && source.empty() && since.empty() &&
           until.empty();
  }
  // "--type Official --since 2023-01-01 ...": what a report says it shows.
  std::string describe() const;
};

// Parses "Official,Park" or repeated values into types; throws ExportError
// naming `argument` and listing the known names for an unknown one.
std::vector<EntityType> parse_entity_types(const std::vector<std::string>& values,
                                           std::string_view argument);
std::vector<RelationType> parse_relation_types(const std::vector<std::string>& values,
                                               std::string_view argument);

// The entities `name` finds as `kg query` finds them (graph/names.h match_name).
std::vector<Vertex> find_entities(const KnowledgeGraph& graph, std::string_view name);

// A copy of the selected part of `graph`, ids unchanged. Throws ExportError
// when `around` names no entity of the filtered graph.
KnowledgeGraph select_subgraph(const KnowledgeGraph& graph, const SubgraphFilter& filter);

// The selected part of the graph stored in `store`: what export and report
// work on. The one place they load from, so that loading only the selected
// rows from the store's indexes can replace loading everything and cutting.
KnowledgeGraph load_selected_graph(const Store& store, const SubgraphFilter& filter);

// --- writers -----------------------------------------------------------------

struct ExportOptions {
  // GraphML, GEXF and DOT: one edge per (source, target) pair instead of one
  // per relation, its types and titles joined with "|", evidence counts
  // summed. Gephi's GraphML importer merges parallel edges on its own.
  bool merge_parallel = false;
};

// Whether `format` can honour merge_parallel.
bool supports_merge_parallel(ExportFormat format);

// The writers. Each writes one complete file to `out`.
void write_json(const KnowledgeGraph& graph, std::ostream& out);
// One JSON object per line: documents, then nodes, then edges, each with
// "kind" = "document" | "node" | "edge".
void write_jsonl(const KnowledgeGraph& graph, std::ostream& out);
void write_graphml(const KnowledgeGraph& graph, std::ostream& out, const ExportOptions& options = {});
// GEXF 1.3; with dates, a dynamic graph (start/end on nodes and edges) whose
// timeline Gephi can play.
void write_gexf(const KnowledgeGraph& graph, std::ostream& out, const ExportOptions& options = {});
void write_dot(const KnowledgeGraph& graph, std::ostream& out, const ExportOptions& options = {});

// The neo4j-admin import files, written into the directory `dir` (which must
// exist): a header file and a data file per entity type (labels Entity and
// the type), for Document nodes, per relation type, and for MENTIONED_IN and
// EVIDENCE_IN; plus import.sh, the exact `neo4j-admin database import full`
// command that reads them. Returns the names of the files written.
std::vector<std::string> write_neo4j_csv(const KnowledgeGraph& graph, const std::string& dir);

// Writes `graph` in `format` to `output`: a file path, or empty / "-" for
// `console`. For csv, `output` is a directory (created if missing; replaced
// whole when it holds an earlier csv export, refused when it holds anything
// else); csv cannot go to the console. Files are written under a temporary
// name and renamed, so a failed export never leaves half a file where a good
// one was. Throws ExportError.
void export_graph(const KnowledgeGraph& graph, ExportFormat format, const std::string& output,
                  std::ostream& console, const ExportOptions& options = {});

// --- helpers the report stage shares -------------------------------------------

// Valid UTF-8 (invalid bytes become U+FFFD) without the control characters
// XML 1.0 forbids: text that may go into any XML, HTML or SVG file.
std::string xml_safe_text(std::string_view text);

// The fill colour of an entity type ("#rrggbb"), shared by every picture of
// the graph so that a type looks the same in Gephi, Graphviz and reports.
std::string_view type_colour(EntityType type);

// Writes a file whole or not at all: `write` fills a temporary file beside
// `path`, which is then renamed over it. Throws ExportError naming `path`.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Fills a fresh directory through `write` and puts it at `dir` in one rename.
// A `dir` that exists is replaced only when it holds `marker` (a file an
// earlier run of the same writer left there) or is empty; otherwise nothing
// is touched and ExportError says why. The marker is written too.
void replace_directory(const std::string& dir, std::string_view marker,
                       const std::function<void(const std::string& temp_dir)>& write);

}  // namespace kg
