// tests/query/format_test.cc: the four output formats, with the cells that
// break naive writers: commas, quotes, line breaks, tabs, backslashes and
// wide CJK characters.
#include <sstream>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "query/query.h"

namespace kg {
namespace {

QueryResult awkward() {
  QueryResult r;
  r.columns = {"name", "note"};
  r.rows = {{"张小军", "书记, \"带队\""}, {"ab", "line one\nline two"}, {"x\ty", "back\\slash"}, {"", ""}};
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(DisplayWidth, CountsTerminalColumns) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("张小军"), 6u);
  EXPECT_EQ(display_width("ＡＢ"), 4u);       // fullwidth Latin
  EXPECT_EQ(display_width("e\u0301"), 1u);    // combining acute accent
  EXPECT_EQ(display_width("，。"), 4u);       // CJK punctuation is wide too
  EXPECT_EQ(display_width(""), 0u);
}

TEST(Format, CsvQuotesOnlyWhatRfc4180Requires) {
  EXPECT_EQ(format_result(awkward(), OutputFormat::csv),
            "name,note\r\n"
            "张小军,\"书记, \"\"带队\"\"\"\r\n"
            "ab,\"line one\nline two\"\r\n"
            "x\ty,back\\slash\r\n"
            ",\r\n");
}

TEST(Format, TsvEscapesSeparatorsInsideCells) {
  EXPECT_EQ(format_result(awkward(), OutputFormat::tsv),
            "name\tnote\n"
            "张小军\t书记, \"带队\"\n"
            "ab\tline one\\nline two\n"
            "x\\ty\tback\\\\slash\n"
            "\t\n");
}

TEST(Format, JsonParsesBackToTheSameRows) {
  const QueryResult r = awkward();
  const std::string json = format_result(r, OutputFormat::json);
  rapidjson::Document parsed;
  parsed.Parse(json.c_str());
  ASSERT_FALSE(parsed.HasParseError()) << json;
  ASSERT_TRUE(parsed.IsArray());
  ASSERT_EQ(parsed.Size(), r.rows.size());
  for (rapidjson::SizeType i = 0; i < parsed.Size(); ++i) {
    ASSERT_TRUE(parsed[i].IsObject());
    EXPECT_EQ(parsed[i].MemberCount(), r.columns.size());
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
      ASSERT_TRUE(parsed[i].HasMember(r.columns[c].c_str()));
      EXPECT_EQ(std::string(parsed[i][r.columns[c].c_str()].GetString()), r.rows[i][c]);
    }
  }
}

TEST(Format, JsonOfNoRowsIsAnEmptyArrayAndBadBytesAreRepaired) {
  QueryResult empty;
  empty.columns = {"a"};
  EXPECT_EQ(format_result(empty, OutputFormat::json), "[]\n");
  QueryResult bad;
  bad.columns = {"a"};
  bad.rows = {{"ok\xff"}};
  rapidjson::Document parsed;
  parsed.Parse(format_result(bad, OutputFormat::json).c_str());
  ASSERT_FALSE(parsed.HasParseError());
  EXPECT_EQ(std::string(parsed[0]["a"].GetString()), "ok\xEF\xBF\xBD");
}

TEST(Format, TableAlignsColumnsByDisplayWidth) {
  const std::string table = format_result(awkward(), OutputFormat::table);
  const auto lines = lines_of(table);
  ASSERT_EQ(lines.size(), 7u) << table;  // header, rule, 4 rows, count
  EXPECT_EQ(lines[0], "name    note");
  EXPECT_EQ(lines[1], "------  -----------------");
  // Every row's second cell starts at display column 8, whatever the first
  // cell holds; line breaks and tabs inside cells become spaces.
  EXPECT_EQ(lines[2], "张小军  书记, \"带队\"");
  EXPECT_EQ(lines[3], "ab      line one line two");
  EXPECT_EQ(lines[4], "x y     back\\slash");
  EXPECT_EQ(lines[5], "");
  EXPECT_EQ(lines[6], "(4 rows)");
}

TEST(Format, OutputFormatNames) {
  EXPECT_EQ(parse_output_format("csv"), OutputFormat::csv);
  EXPECT_EQ(parse_output_format("json"), OutputFormat::json);
  EXPECT_EQ(parse_output_format("tsv"), OutputFormat::tsv);
  EXPECT_EQ(parse_output_format("table"), OutputFormat::table);
  EXPECT_FALSE(parse_output_format("xml").has_value());
}

}  // namespace
}  // namespace kg
