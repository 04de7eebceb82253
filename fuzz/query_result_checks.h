// fuzz/query_result_checks.h: what the query harnesses check of every answer:
// each row is as wide as the columns, and the answer prints in every output
// format (the formatters see every cell the fuzzer could make).
#pragma once

#include <cstdlib>

#include "query/query.h"

namespace kg::fuzz {

inline void check_result(const QueryResult& result) {
  for (const auto& row : result.rows)
    if (row.size() != result.columns.size()) std::abort();
  for (const auto format : {OutputFormat::table, OutputFormat::json, OutputFormat::csv, OutputFormat::tsv})
    (void)format_result(result, format);
}

}  // namespace kg::fuzz
