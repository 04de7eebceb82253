// query/query.h: the public face of the query stage. Answers questions about
// a graph, either one of the named questions or a query in a Cypher subset, as
// a table of strings that the formatters print. Questions are asked through a
// GraphSource (graph/source.h): the database's indexes (open_query_database),
// reading only what the answer needs, or a KnowledgeGraph in memory.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"
#include "graph/source.h"

namespace kg {

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each row has columns.size() cells
  // Said to the user beside the rows (e.g. "no connection"), never part of them.
  std::string note;
  // The cells as JSON values (numbers, booleans, null, lists) when the answer
  // has types, as Cypher's do; empty: every cell is a string.
  std::vector<std::vector<std::string>> json;
};

// A malformed Cypher query. line() and column() are 1-based, counted in
// characters (code points) of the query text; what() reads
// "query:LINE:COLUMN: expected ..., found '...'".
class QueryError : public std::runtime_error {
 public:
  QueryError(std::size_t line, std::size_t column, const std::string& message);
  std::size_t line() const { return line_; }
  std::size_t column() const { return column_; }

 private:
  std::size_t line_, column_;
};

// A name that matches no entity, or several (candidates lists them as
// "name (Type)").
class EntityLookupError : public std::runtime_error {
 public:
  EntityLookupError(const std::string& message, std::vector<std::string> candidates);
  const std::vector<std::string>& candidates() const { return candidates_; }

 private:
  std::vector<std::string> candidates_;
};

// --- names ---------------------------------------------------------------

// The form names are compared in (graph/names.h lookup_key): NFKC,
// traditional -> simplified, case folded, spaces and quotation marks removed.
std::string normalise_name(std::string_view name);

// The entity a user means by `name`: its id, an exact match of its name, else
// of another spelling or alias, else the only entity whose name or alias
// contains it (graph/names.h match_name). Throws EntityLookupError for no
// match or an ambiguous one.
EntitySummary find_entity(const GraphSource& source, std::string_view name);
Vertex find_entity(const KnowledgeGraph& graph, std::string_view name);

// --- named questions -----------------------------------------------------

struct NamedQuery {
  // served | posts | entity | path | neighbors | top | in | timeline
  std::string question;
  std::vector<std::string> arguments;  // names the question takes
  bool evidence = false;               // served, in: add sentence and source
  std::size_t depth = 1;               // neighbors
  std::string rank_by = "degree";      // top: degree | betweenness
  std::optional<std::string> type;     // top: only entities of this type
  std::size_t limit = 10;              // top
  // served, posts, in, neighbors, timeline: at most this many rows, the first in
  // order (0: all). Rows are read from the indexes in that order, so the
  // first rows of a big graph come back at once.
  std::size_t rows = 0;
  // top --by betweenness: Brandes from every entity instead of a sample of
  // pivots (exact, and slow on big graphs).
  bool exact = false;
  // issue 12 part 2 (time). served, posts, in, entity, timeline: keep the
  // relations with some evidence dated in the window (and, with evidence,
  // only those pieces; in entity and timeline, documents published in it).
  DateWindow window;
};

// Rows carry dates (core/dates.h): served, posts and in the first and last
// date of each relation's evidence (first_seen, last_seen), with --evidence
// each sentence's date; entity the same beside posts, relations and
// documents; timeline one row per dated fact of an entity (its relations'
// evidence, the documents that mention it) in date order, undated last.
// Throws std::invalid_argument for an unknown question or wrong arguments,
// EntityLookupError for names that match no entity or several.
QueryResult run_named(const GraphSource& source, const NamedQuery& query);
QueryResult run_named(const KnowledgeGraph& graph, const NamedQuery& query);

// --- Cypher subset -------------------------------------------------------

// True when `text` is a Cypher query (its first word is MATCH, any case).
bool is_cypher(std::string_view text);

// Throws QueryError for a malformed query or one naming an unknown label,
// relation type or variable.
QueryResult run_cypher(const GraphSource& source, std::string_view text);
QueryResult run_cypher(const KnowledgeGraph& graph, std::string_view text);

// The query line the error is on, and under it a caret at the error's
// column (display-width aware), for the CLI to print.
std::string point_at_error(std::string_view text, const QueryError& error);

// --- output --------------------------------------------------------------

enum class OutputFormat { table, json, csv, tsv };
std::optional<OutputFormat> parse_output_format(std::string_view name);

// table: columns padded to display width (CJK counts 2), a rule under the
//        header and a row count; json: one array of objects keyed by column;
// csv:   RFC 4180 (CRLF, quotes only where needed, quotes doubled);
// tsv:   tab-separated, with \t \n \r \\ escaped inside cells.
std::string format_result(const QueryResult& result, OutputFormat format);

// Terminal columns the UTF-8 text takes: East Asian wide and fullwidth
// characters 2, combining marks and controls 0, others 1.
std::size_t display_width(std::string_view utf8);

// --- loading -------------------------------------------------------------

// A database opened read-only for questions. Refuses a path that does not
// exist, is empty or is not a kg database, without creating or changing
// anything there. Throws std::runtime_error (a StoreError) naming the file.
class QueryDatabase {
 public:
  explicit QueryDatabase(const std::string& db_path);
  ~QueryDatabase();
  QueryDatabase(QueryDatabase&&) noexcept;
  const GraphSource& source() const;
  operator const GraphSource&() const { return source(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};
QueryDatabase open_query_database(const std::string& db_path);

// The whole graph of a database in memory (for callers that need one).
KnowledgeGraph load_graph_for_query(const std::string& db_path);

}  // namespace kg
