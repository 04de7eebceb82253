// tests/core/dates_test.cc: iso_date, which writes the dates the extraction
// and the text stage give by hand, against printf's formats it replaced, and
// parse_date_span, which builds its days with it.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "core/dates.h"

namespace kg {
namespace {

std::string printf_date(int year, int month, int day) {
  char buffer[48];
  if (month == 0) std::snprintf(buffer, sizeof buffer, "%04d", year);
  else if (day == 0) std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  else std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

TEST(IsoDate, WritesEachPrecision) {
  EXPECT_EQ(iso_date(2023), "2023");
  EXPECT_EQ(iso_date(2023, 5), "2023-05");
  EXPECT_EQ(iso_date(2023, 5, 1), "2023-05-01");
  EXPECT_EQ(iso_date(2023, 12, 31), "2023-12-31");
}

TEST(IsoDate, PadsAndOverflowsAsPrintfDoes) {
  for (int year : {0, 7, 99, 999, 1949, 2100, 9999, 10000, 123456, -1, -2023})
    for (int month : {0, 1, 9, 10, 12, 99, 100})
      for (int day : {0, 1, 9, 31, 99, 100})
        EXPECT_EQ(iso_date(year, month, day), printf_date(year, month, day)) << year << ' ' << month << ' ' << day;
}

TEST(ParseDateSpan, ReadsTheDaysADateCanMean) {
  const auto year = parse_date_span("2024");
  ASSERT_TRUE(year.has_value());
  EXPECT_EQ(year->first, "2024-01-01");
  EXPECT_EQ(year->last, "2024-12-31");
  const auto february = parse_date_span("2024-02");
  ASSERT_TRUE(february.has_value());
  EXPECT_EQ(february->last, "2024-02-29");
  EXPECT_FALSE(parse_date_span("2023-02-29").has_value());
  EXPECT_EQ(parse_date_span("0987-03-04T08:00")->first, "0987-03-04");
}

}  // namespace
}  // namespace kg
