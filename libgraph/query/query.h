// query/query.h: the public face of the query stage. Answers questions about
// a loaded KnowledgeGraph, either one of the named questions or a query in a
// Cypher subset, as a table of strings that the formatters print.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg {

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each row has columns.size() cells
  // Said to the user beside the rows (e.g. "no connection"), never part of them.
  std::string note;
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

// The form names are compared in: NFKC, traditional -> simplified, case
// folded, with spaces and quotation marks removed.
std::string normalise_name(std::string_view name);

// The entity a user means by `name`: an exact match of its name, else of an
// alias, else the only entity whose name or alias contains it. Throws
// EntityLookupError for no match or an ambiguous one.
Vertex find_entity(const KnowledgeGraph& graph, std::string_view name);

// --- named questions -----------------------------------------------------

struct NamedQuery {
  // served | posts | entity | path | neighbors | top | in
  std::string question;
  std::vector<std::string> arguments;  // names the question takes
  bool evidence = false;               // served, in: add sentence and source
  std::size_t depth = 1;               // neighbors
  std::string rank_by = "degree";      // top: degree | betweenness
  std::optional<std::string> type;     // top: only entities of this type
  std::size_t limit = 10;              // top
};

// Throws std::invalid_argument for an unknown question or wrong arguments,
// EntityLookupError for names that match no entity or several.
QueryResult run_named(const KnowledgeGraph& graph, const NamedQuery& query);

// --- Cypher subset -------------------------------------------------------

// True when `text` is a Cypher query (its first word is MATCH, any case).
bool is_cypher(std::string_view text);

// Throws QueryError for a malformed query or one naming an unknown label,
// relation type or variable.
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

// Loads the graph of an existing database; refuses a path that does not exist
// or is not a file instead of creating an empty database there. Throws
// std::runtime_error (or StoreError) naming the file.
KnowledgeGraph load_graph_for_query(const std::string& db_path);

}  // namespace kg
