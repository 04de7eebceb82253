// core/dates.cc: see dates.h. Calendar arithmetic by hand because it is
// three lines (days per month, the leap rule); std::chrono's calendar would
// do the same checks with more ceremony.
#include "core/dates.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>

namespace kg {
namespace {

bool digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Two digits of `value` (0..99) at p.
void two_digits(int value, char* p) {
  p[0] = static_cast<char>('0' + value / 10);
  p[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::string iso_date(int year, int month, int day) {
  const bool usual = year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99;
  if (!usual) {  // what printf makes of the rest (a sign, more digits)
    char buffer[48];
    if (month == 0) std::snprintf(buffer, sizeof buffer, "%04d", year);
    else if (day == 0) std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
    else std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
  }
  char buffer[10];
  two_digits(year / 100, buffer);
  two_digits(year % 100, buffer + 2);
  std::size_t length = 4;
  if (month != 0) {
    buffer[4] = '-';
    two_digits(month, buffer + 5);
    length = 7;
    if (day != 0) {
      buffer[7] = '-';
      two_digits(day, buffer + 8);
      length = 10;
    }
  }
  return std::string(buffer, length);
}

std::optional<DateSpan> parse_date_span(std::string_view text) {
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) text = text.substr(0, 10);
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  const std::string_view year_text = text.substr(0, 4);
  if (!digits(year_text)) return std::nullopt;
  const int year = to_int(year_text);
  if (year < 1) return std::nullopt;
  if (text.size() == 4) return DateSpan{iso_date(year, 1, 1), iso_date(year, 12, 31)};
  if (text[4] != '-' || !digits(text.substr(5, 2))) return std::nullopt;
  const int month = to_int(text.substr(5, 2));
  if (month < 1 || month > 12) return std::nullopt;
  if (text.size() == 7) return DateSpan{iso_date(year, month, 1), iso_date(year, month, days_in_month(year, month))};
  if (text[7] != '-' || !digits(text.substr(8, 2))) return std::nullopt;
  const int day = to_int(text.substr(8, 2));
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  const std::string date = iso_date(year, month, day);
  return DateSpan{date, date};
}

bool DateWindow::admits(std::string_view date) const {
  if (empty()) return true;
  const auto span = parse_date_span(date);
  if (!span) return false;
  return (since.empty() || span->last >= since) && (until.empty() || span->first <= until);
}

DateRange date_range(const std::vector<std::string>& dates) {
  DateRange range;
  std::string first_day, last_day;
  for (const std::string& date : dates) {
    const auto span = parse_date_span(date);
    if (!span) continue;
    if (range.first.empty() || span->first < first_day) {
      range.first = date;
      first_day = span->first;
    }
    if (range.last.empty() || span->last > last_day) {
      range.last = date;
      last_day = span->last;
    }
  }
  return range;
}

std::string seen_text(const DateRange& range) {
  if (range.last.empty() || range.last == range.first) return range.first;
  if (range.first.empty()) return range.last;
  return range.first + " – " + range.last;
}

}  // namespace kg
