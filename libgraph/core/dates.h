// core/dates.h owns dates as news gives them: a year ("2023"), a month
// ("2023-05") or a day ("2023-05-01"), read as the first and last day they
// can mean, so that dates of any precision compare and fall in windows. The
// extraction writes them, the aggregates keep them per piece of evidence,
// and query, export and report compare them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

// The first and last day a date can mean, both "YYYY-MM-DD", so that spans
// compare as text.
struct DateSpan {
  std::string first, last;
};

// A date as written above: "YYYY" when month is 0, "YYYY-MM" when day is 0,
// else "YYYY-MM-DD"; each field zero-padded as printf's %04d and %02d pad it.
// Written by hand: the extraction dates every relation, and the store checks
// every evidence date with parse_date_span, which writes its days with it;
// snprintf's parsing of its format cost more than the rest of either.
std::string iso_date(int year, int month = 0, int day = 0);

// nullopt for anything that is not such a date (month 13, day 31 of April...).
// A time after the day ("2023-05-01T08:00") is read as that day.
std::optional<DateSpan> parse_date_span(std::string_view text);

// A window of days, either end open (empty): what --since and --until ask.
struct DateWindow {
  std::string since, until;  // "YYYY-MM-DD" or empty
  bool empty() const { return since.empty() && until.empty(); }
  // Whether `date` (any precision) can fall in the window; an undated or
  // malformed date never does unless the window is empty.
  bool admits(std::string_view date) const;
};

// The earliest and latest of `dates` (any precision; undated ones skipped):
// the earliest by its first day, the latest by its last day, each as
// written. Both empty when nothing is dated.
struct DateRange {
  std::string first, last;
};
DateRange date_range(const std::vector<std::string>& dates);
// As a reader sees it: "2023-03-08", "2023-03-08 – 2024-01-12" when the two
// differ, "" when nothing is dated.
std::string seen_text(const DateRange& range);

}  // namespace kg
