// tests/pipeline/time_test.cc: issue 12 part 2, time, end to end. Files of
// news with dates in their sentences (3月8日, 近日, a paragraph's 2024年1月12日)
// and in their bylines are built with `kg build`; their dates must come out
// of `kg query` (posts, served, entity, timeline), of `kg export` (GEXF
// dynamic, checked by xmllint against GEXF 1.3 and read by NetworkX;
// GraphML, JSON, neo4j CSV) and keep right through incremental builds and
// removals; --since/--until narrow query, export and report; bad dates are
// refused naming the option.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../export/test_util.h"
#include "query/query.h"

namespace kg {
namespace {

namespace fs = std::filesystem;


using testing::read_file;

struct KgRun {
  int status = -1;
  std::string out, err;
};

// Three articles about one official and one company, a year apart at most:
// a dates its visit by its sentence (3月8日 in the article's year), b by 近日
// (the article's day), c by the paragraph's opening date (2024年1月12日).
const std::map<std::string, std::string>& articles() {
  static const std::map<std::string, std::string> files = {
      {"a.txt", "2023-03-10 来源：平湖日报\n\n3月8日，平湖市副市长沈建国走访嘉兴泰科精密机械有限公司。\n"},
      {"b.txt", "2023-06-20 来源：平湖日报\n\n近日，平湖市副市长沈建国再次走访嘉兴泰科精密机械有限公司。\n"},
      {"c.txt",
       "2024-01-15 来源：平湖日报\n\n2024年1月12日，平湖市召开经济工作会议。会后，平湖市副市长沈建国走访"
       "嘉兴泰科精密机械有限公司，了解生产情况。\n"},
  };
  return files;
}

class Time : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir = fs::temp_directory_path() / ("kg_time_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(dir);
    fs::create_directories(dir / "news");
    db = (dir / "kg.sqlite").string();
  }
  void TearDown() override { fs::remove_all(dir); }

  std::string add(const std::string& name) {
    const fs::path path = dir / "news" / name;
    std::ofstream(path, std::ios::binary) << articles().at(name);
    return path.string();
  }

  KgRun kg(const std::vector<std::string>& args) const {
    std::string command = KG_BINARY;
    for (const auto& a : args) command += " " + testing::quoted(a);
    const auto result = testing::run(command + " 2>" + testing::quoted(dir / "err"));
    return {result.status, result.output, read_file(dir / "err")};
  }

  void build(const std::vector<std::string>& files) {
    std::vector<std::string> args{"build", "--db", db};
    args.insert(args.end(), files.begin(), files.end());
    const KgRun r = kg(args);
    ASSERT_EQ(r.status, 0) << r.err;
  }

  QueryResult ask(const std::string& question, std::vector<std::string> names = {}, DateWindow window = {},
                  bool evidence = false) const {
    NamedQuery q;
    q.question = question;
    q.arguments = std::move(names);
    q.window = std::move(window);
    q.evidence = evidence;
    return run_named(open_query_database(db), q);
  }

  static std::vector<std::string> column(const QueryResult& r, const std::string& name) {
    std::size_t at = 0;
    while (at < r.columns.size() && r.columns[at] != name) ++at;
    EXPECT_LT(at, r.columns.size()) << "no column " << name;
    std::vector<std::string> cells;
    for (const auto& row : r.rows) cells.push_back(at < row.size() ? row[at] : "");
    return cells;
  }

  // (first_seen, last_seen) of the official's post and of the visit.
  std::pair<std::string, std::string> post_seen() const {
    const QueryResult r = ask("posts", {"沈建国"});
    EXPECT_EQ(r.rows.size(), 1u);
    if (r.rows.size() != 1) return {};
    return {column(r, "first_seen")[0], column(r, "last_seen")[0]};
  }
  std::pair<std::string, std::string> visit_seen() const {
    const QueryResult r = ask("served", {"沈建国"});
    EXPECT_EQ(r.rows.size(), 1u);
    if (r.rows.size() != 1) return {};
    return {column(r, "first_seen")[0], column(r, "last_seen")[0]};
  }

  fs::path dir;
  std::string db;
};

using Seen = std::pair<std::string, std::string>;

TEST_F(Time, DatesComeFromTheSentenceTheParagraphAndTheArticle) {
  build({add("a.txt"), add("b.txt"), add("c.txt")});
  const QueryResult posts = ask("posts", {"沈建国"}, {}, true);
  ASSERT_EQ(posts.rows.size(), 3u);
  EXPECT_EQ(column(posts, "title"), (std::vector<std::string>(3, "副市长")));
  // 3月8日 takes its article's year; 近日 is the article's day; the meeting's
  // date governs the sentence after it in its paragraph.
  EXPECT_EQ(column(posts, "date"), (std::vector<std::string>{"2023-03-08", "2023-06-20", "2024-01-12"}));
  EXPECT_EQ(column(posts, "first_seen"), (std::vector<std::string>(3, "2023-03-08")));
  EXPECT_EQ(column(posts, "last_seen"), (std::vector<std::string>(3, "2024-01-12")));
  EXPECT_EQ(visit_seen(), (Seen{"2023-03-08", "2024-01-12"}));

  // The dossier: when each fact was seen, and each document's date.
  const QueryResult entity = ask("entity", {"沈建国"});
  auto has_row = [&](const std::string& field, const std::string& value) {
    return std::find(entity.rows.begin(), entity.rows.end(), std::vector<std::string>{field, value}) !=
           entity.rows.end();
  };
  EXPECT_TRUE(has_row("post", "副市长 @ 平湖市 [2023-03-08 – 2024-01-12]"));
  EXPECT_TRUE(has_row("relation", "-[served]-> 嘉兴泰科精密机械有限公司 [2023-03-08 – 2024-01-12]"));
  EXPECT_TRUE(has_row("document", (dir / "news" / "b.txt").string() + " [2023-06-20]"));
  EXPECT_TRUE(has_row("seen", "2023-03-08 – 2024-01-15"));  // the last article is of the 15th
}

TEST_F(Time, TimelineListsFactsInDateOrderWithTheirSources) {
  build({add("c.txt"), add("a.txt"), add("b.txt")});
  const QueryResult t = ask("timeline", {"嘉兴泰科精密机械有限公司"});
  EXPECT_EQ(t.columns, (std::vector<std::string>{"date", "kind", "fact", "sentence", "source"}));
  EXPECT_EQ(column(t, "date"), (std::vector<std::string>{"2023-03-08", "2023-06-20", "2024-01-12"}));
  EXPECT_EQ(column(t, "kind"), (std::vector<std::string>(3, "served")));
  EXPECT_EQ(column(t, "fact")[0], "<-[served]- 沈建国");
  EXPECT_EQ(column(t, "source"), (std::vector<std::string>{(dir / "news" / "a.txt").string(),
                                                           (dir / "news" / "b.txt").string(),
                                                           (dir / "news" / "c.txt").string()}));
  EXPECT_EQ(column(t, "sentence")[1], "近日,平湖市副市长沈建国再次走访嘉兴泰科精密机械有限公司。");

  // The place is mentioned in every article and takes part in no relation
  // but the post: its timeline holds the post, dated, and nothing undated.
  const QueryResult place = ask("timeline", {"平湖市"}, {"2023-06-01", "2023-12-31"});
  ASSERT_EQ(place.rows.size(), 1u);
  EXPECT_EQ(place.rows[0][0], "2023-06-20");
  EXPECT_EQ(place.rows[0][1], "holds_post");

  // The CLI: JSON output, and --since/--until.
  const KgRun json = kg({"query", "--db", db, "--format", "json", "timeline", "沈建国", "--since", "2023-06",
                       "--until", "2023-06-30"});
  ASSERT_EQ(json.status, 0) << json.err;
  rapidjson::Document rows;
  rows.Parse(json.out.c_str());
  ASSERT_TRUE(rows.IsArray()) << json.out;
  ASSERT_EQ(rows.Size(), 2u) << json.out;  // the post and the visit of b.txt
  for (const auto& row : rows.GetArray()) EXPECT_STREQ(row["date"].GetString(), "2023-06-20");
}

TEST_F(Time, IncrementalBuildsAndRemovalsKeepFirstAndLastDatesRight) {
  build({add("b.txt")});
  EXPECT_EQ(post_seen(), (Seen{"2023-06-20", "2023-06-20"}));
  build({add("c.txt")});  // later evidence moves the last date
  EXPECT_EQ(post_seen(), (Seen{"2023-06-20", "2024-01-12"}));
  build({add("a.txt")});  // earlier evidence moves the first date
  EXPECT_EQ(post_seen(), (Seen{"2023-03-08", "2024-01-12"}));
  EXPECT_EQ(visit_seen(), (Seen{"2023-03-08", "2024-01-12"}));

  // --since/--until count a relation when some evidence is in the window:
  // nothing of the three is in 2023-07..2023-12.
  EXPECT_TRUE(ask("served", {}, {"2023-07-01", "2023-12-31"}).rows.empty());
  EXPECT_EQ(ask("served", {}, {"2023-06-01", "2023-12-31"}).rows.size(), 1u);

  KgRun removed = kg({"remove", "--db", db, (dir / "news" / "c.txt").string()});
  ASSERT_EQ(removed.status, 0) << removed.err;
  EXPECT_EQ(post_seen(), (Seen{"2023-03-08", "2023-06-20"}));
  EXPECT_TRUE(ask("served", {}, {"2024-01-01", ""}).rows.empty());
  removed = kg({"remove", "--db", db, (dir / "news" / "a.txt").string()});
  ASSERT_EQ(removed.status, 0) << removed.err;
  EXPECT_EQ(post_seen(), (Seen{"2023-06-20", "2023-06-20"}));
  EXPECT_EQ(visit_seen(), (Seen{"2023-06-20", "2023-06-20"}));

  // The same as a database built from b alone.
  const std::string incremental = db;
  db = (dir / "fresh.sqlite").string();
  build({(dir / "news" / "b.txt").string()});
  const QueryResult fresh = ask("posts", {}, {}, true);
  db = incremental;
  EXPECT_EQ(ask("posts", {}, {}, true).rows, fresh.rows);
}

TEST_F(Time, GexfIsDynamicValidAndReadByNetworkx) {
  build({add("a.txt"), add("b.txt"), add("c.txt")});
  const std::string gexf = (dir / "g.gexf").string();
  const KgRun exported = kg({"export", "--db", db, "--format", "gexf", "-o", gexf});
  ASSERT_EQ(exported.status, 0) << exported.err;
  const std::string xml = read_file(gexf);
  EXPECT_NE(xml.find("mode=\"dynamic\" timeformat=\"date\""), std::string::npos);
  // The visit lives from its first to its last piece of evidence.
  EXPECT_NE(xml.find("kind=\"served\" label=\"served\" weight=\"3\" start=\"2023-03-08\" end=\"2024-01-12\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<attvalue for=\"last_date\" value=\"2024-01-12\"/>"), std::string::npos);

  const std::string schema = std::string(KG_TEST_DATA) + "/export/gexf-1.3/gexf.xsd";
  const auto valid =
      testing::run("xmllint --noout --schema " + testing::quoted(schema) + " " + testing::quoted(gexf) + " 2>&1");
  EXPECT_EQ(valid.status, 0) << valid.output;

  const std::string reader = std::string(KG_TEST_DATA) + "/export/read_graph.py";
  const auto read_back = testing::run("python3 " + testing::quoted(reader) + " networkx-gexf " + testing::quoted(gexf));
  ASSERT_EQ(read_back.status, 0);
  rapidjson::Document seen;
  const std::string text = read_back.output;
  seen.Parse(text.c_str());
  ASSERT_TRUE(seen.IsObject()) << text;
  bool served = false;
  for (const auto& e : seen["edge"].GetArray()) {
    if (std::string(e[2].GetString()) != "served") continue;
    served = true;
    EXPECT_STREQ(e[6].GetString(), "2023-03-08");  // start
    EXPECT_STREQ(e[7].GetString(), "2024-01-12");  // end
    EXPECT_STREQ(e[8].GetString(), "2023-03-08");  // date
    EXPECT_STREQ(e[10].GetString(), "2024-01-12");  // last_date
  }
  EXPECT_TRUE(served) << text;
}

TEST_F(Time, OtherFormatsCarryTheDatesAsProperties) {
  build({add("a.txt"), add("c.txt")});
  const KgRun json = kg({"export", "--db", db, "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  rapidjson::Document graph;
  graph.Parse(json.out.c_str());
  ASSERT_TRUE(graph.IsObject());
  bool served = false;
  for (const auto& link : graph["links"].GetArray()) {
    if (std::string(link["type"].GetString()) != "served") continue;
    served = true;
    EXPECT_STREQ(link["date"].GetString(), "2023-03-08");
    EXPECT_STREQ(link["last_date"].GetString(), "2024-01-12");
    std::vector<std::string> dates;
    for (const auto& ev : link["evidence"].GetArray()) dates.emplace_back(ev["date"].GetString());
    EXPECT_EQ(dates, (std::vector<std::string>{"2023-03-08", "2024-01-12"}));
  }
  EXPECT_TRUE(served);

  const KgRun graphml = kg({"export", "--db", db, "--format", "graphml"});
  ASSERT_EQ(graphml.status, 0) << graphml.err;
  EXPECT_NE(graphml.out.find("<data key=\"e_last_date\">2024-01-12</data>"), std::string::npos);

  const std::string csv = (dir / "neo4j").string();
  ASSERT_EQ(kg({"export", "--db", db, "--format", "csv", "-o", csv}).status, 0);
  EXPECT_NE(read_file(dir / "neo4j" / "relations_served_header.csv").find(",date,last_date,"), std::string::npos);
  const std::string evidence = read_file(dir / "neo4j" / "evidence_in.csv");
  EXPECT_NE(evidence.find(",\"2023-03-08\"\n"), std::string::npos) << evidence;
  EXPECT_NE(evidence.find(",\"2024-01-12\"\n"), std::string::npos) << evidence;
}

TEST_F(Time, SinceAndUntilNarrowExportAndReport) {
  build({add("a.txt"), add("b.txt")});
  // Only b's evidence is in June: the relations stay (some evidence is in
  // the window); in 2024 nothing is.
  const KgRun june = kg({"export", "--db", db, "--format", "jsonl", "--since", "2023-06", "--until", "2023-06"});
  ASSERT_EQ(june.status, 0) << june.err;
  EXPECT_NE(june.out.find("\"type\":\"served\""), std::string::npos);
  const KgRun later = kg({"export", "--db", db, "--format", "jsonl", "--since", "2024"});
  ASSERT_EQ(later.status, 0) << later.err;
  EXPECT_EQ(later.out.find("\"kind\":\"edge\""), std::string::npos) << later.out;

  const KgRun report = kg({"report", "--db", db, "--since", "2023-06-01"});
  ASSERT_EQ(report.status, 0) << report.err;
  EXPECT_NE(report.out.find("--since 2023-06-01"), std::string::npos);
  EXPECT_NE(report.out.find("沈建国"), std::string::npos);
  const KgRun empty_report = kg({"report", "--db", db, "--until", "2022"});
  ASSERT_EQ(empty_report.status, 0) << empty_report.err;
  EXPECT_EQ(empty_report.out.find("沈建国"), std::string::npos);
}

TEST_F(Time, BadDatesAreRefusedNamingTheOption) {
  build({add("a.txt")});
  const std::vector<std::vector<std::string>> commands = {
      {"query", "--db", db, "served"}, {"query", "--db", db, "timeline", "沈建国"},
      {"export", "--db", db, "--format", "json"}, {"report", "--db", db}};
  for (const auto& command : commands) {
    for (const auto& [option, value] :
         std::vector<std::pair<std::string, std::string>>{{"--since", "2023-02-30"}, {"--until", "yesterday"},
                                                          {"--since", "2023-13"}}) {
      auto args = command;
      args.push_back(option);
      args.push_back(value);
      const KgRun r = kg(args);
      EXPECT_EQ(r.status, 2) << command[0] << " " << option << " " << value;
      EXPECT_NE(r.err.find(option), std::string::npos) << r.err;
      EXPECT_NE(r.err.find(value), std::string::npos) << r.err;
      EXPECT_TRUE(r.out.empty()) << r.out;
    }
    auto reversed = command;
    reversed.insert(reversed.end(), {"--since", "2024", "--until", "2023"});
    EXPECT_EQ(kg(reversed).status, 2) << command[0];
  }
  // A question that takes no dates says so.
  const KgRun path = kg({"query", "--db", db, "path", "沈建国", "平湖市", "--since", "2023"});
  EXPECT_EQ(path.status, 2);
  EXPECT_NE(path.err.find("--since does not apply to 'path'"), std::string::npos) << path.err;
}

}  // namespace
}  // namespace kg
