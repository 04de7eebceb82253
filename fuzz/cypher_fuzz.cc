// fuzz/cypher_fuzz.cc: libFuzzer harness for the Cypher subset, parser and
// evaluator together, on the small governance graph of the query tests. Any
// text either runs, and its rows print in every output format, or ends in a
// QueryError whose position the caret display can point at.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fixture.h"  // tests/query/fixture.h: the graph the query tests use
#include "query/query.h"
#include "query_result_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const kg::testing::GovernanceGraph fixture;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  kg::QueryResult result;
  try {
    result = kg::run_cypher(fixture.graph, text);
  } catch (const kg::QueryError& e) {
    if (e.line() == 0 || e.column() == 0) std::abort();
    (void)kg::point_at_error(text, e);
    return 0;
  }
  kg::fuzz::check_result(result);
  return 0;
}
