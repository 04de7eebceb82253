// store/date_bounds.cc: the first and last day of the graph's evidence, in
// counters (date_bounds.h says what they promise and when they are kept).
#include "store/date_bounds.h"

#include <algorithm>

#include "store/sqlite.h"

namespace kg {
namespace {

// "YYYY-MM-DD" as YYYYMMDD.
std::int64_t day_number(std::string_view day) {
  std::int64_t n = 0;
  for (char c : day)
    if (c >= '0' && c <= '9') n = n * 10 + (c - '0');
  return n;
}

}  // namespace

bool DateBounds::known(const Store& store) {
  Query q(store,
          "SELECT EXISTS (SELECT 1 FROM counters WHERE name = 'dates.first') OR NOT EXISTS (SELECT 1 FROM relations)",
          "reading the bounds of dates");
  return q.step() && q.integer(0) != 0;
}

std::optional<std::pair<std::int64_t, std::int64_t>> DateBounds::read(const Store& store) {
  Query q(store,
          "SELECT (SELECT value FROM counters WHERE name = 'dates.first'), "
          "(SELECT value FROM counters WHERE name = 'dates.last')",
          "reading the bounds of dates");
  if (!q.step() || q.is_null(0) || q.is_null(1)) return std::nullopt;
  return std::pair{q.integer(0), q.integer(1)};
}

bool DateBounds::outside(const std::pair<std::int64_t, std::int64_t>& bounds, const DateWindow& window) {
  if (window.empty()) return false;
  // The window's ends are days (an end given as a year or month is widened
  // to its first or last day when the window is made).
  return (!window.since.empty() && day_number(window.since) > bounds.second) ||
         (!window.until.empty() && day_number(window.until) < bounds.first);
}

void DateBounds::widen(const RelationData& data) {
  auto digits = [](std::string_view text) {
    for (char c : text)
      if (c < '0' || c > '9') return false;
    return true;
  };
  for (const Evidence& e : data.evidence) {
    const std::string_view date = e.date;
    // A year, a month or a day (core/dates.h); a date kept as text falls in
    // no window.
    const bool year = date.size() >= 4 && digits(date.substr(0, 4));
    const bool month = date.size() >= 7 && date[4] == '-' && digits(date.substr(5, 2));
    // (A day may go on with a time, which core/dates.h reads as that day.)
    const bool day = date.size() >= 10 && date[7] == '-' && digits(date.substr(8, 2));
    if (!year || !(date.size() == 4 || (month && (date.size() == 7 || day)))) continue;
    Day first{'0', '0', '0', '0', '-', '0', '1', '-', '0', '1'}, last{'0', '0', '0', '0', '-', '1', '2', '-', '3', '1'};
    const std::string_view known = date.substr(0, first.size());
    std::copy(known.begin(), known.end(), first.begin());
    std::copy(known.begin(), known.end(), last.begin());
    if (!first_ || first < *first_) first_ = first;
    if (!last_ || last > *last_) last_ = last;
  }
}

void DateBounds::write(Store& store, bool known) {
  if (known && first_ && last_) {
    Query first(store,
                "INSERT INTO counters (name, value) VALUES ('dates.first', ?1) "
                "ON CONFLICT (name) DO UPDATE SET value = min(value, excluded.value)",
                "writing the bounds of dates");
    first.bind(1, day_number(std::string_view(first_->data(), first_->size()))).run();
    Query last(store,
               "INSERT INTO counters (name, value) VALUES ('dates.last', ?1) "
               "ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)",
               "writing the bounds of dates");
    last.bind(1, day_number(std::string_view(last_->data(), last_->size()))).run();
  }
  first_.reset();
  last_.reset();
}

}  // namespace kg
