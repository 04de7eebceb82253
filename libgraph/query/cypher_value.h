// query/cypher_value.h (internal to the query stage): what Cypher values do
// on their own, without the graph: numbers read from text, dates, three-valued
// comparison, the order ORDER BY sorts in, and the key DISTINCT and grouping
// compare by.
#pragma once

#include <optional>
#include <string>

#include "query/cypher.h"

namespace kg::cypher {

// A number, or text that spells one whole (attributes are stored as text).
std::optional<double> as_number(const Value& v);
// 120000000, 1.5, 1e+308: whole numbers without a decimal point.
std::string render_number(double n);
// YYYY-MM-DD from Y-M-D or Y/M/D with one- or two-digit month and day, when
// it names a real day.
std::optional<std::string> parse_date(std::string_view text);
// Cypher's comparison: null when either side is null or the two cannot be
// compared. A date compares with text that reads as a date, as a date.
std::optional<bool> compare(CompareOp op, const Value& a, const Value& b);
// ORDER BY: numbers, then text and dates, then booleans, lists, nodes,
// relationships and paths; null last.
int compare_for_order(const Value& a, const Value& b);
// Equal for equal values, so rows can be grouped and deduplicated.
std::string identity_key(const Value& v);

}  // namespace kg::cypher
