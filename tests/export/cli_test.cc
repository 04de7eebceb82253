// tests/export/cli_test.cc: `kg export` and `kg report` end to end, on a
// database written through the store from the hand-built sample graph.
#include <sstream>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "export/export.h"
#include "sample_graph.h"
#include "core/utf8.h"
#include "store/store.h"
#include "test_util.h"

namespace kg {
namespace {

using testing::quoted;
using testing::ScratchDir;

struct Outcome {
  int status;
  std::string out, err;
};

// A database holding the sample graph; its documents get the store's ids.
std::filesystem::path make_database(const ScratchDir& dir) {
  const auto path = dir / "graph.db";
  KnowledgeGraph graph = testing::sample_graph();
  Store store(path.string());
  store.begin();
  std::map<std::int64_t, std::int64_t> ids;
  for (const DocumentInfo& info : graph.documents) {
    Document doc;
    doc.source = info.source;
    doc.sha256 = std::string(64, static_cast<char>('0' + info.id));
    doc.encoding = "UTF-8";
    doc.meta = {info.title, info.published, info.outlet, info.author, info.editor};
    doc.text = to_u32(testing::sample_text(info.id));
    ids[info.id] = store.add_document(doc, Extraction{});
  }
  for (DocumentInfo& info : graph.documents) info.id = ids[info.id];
  for (auto [it, end] = boost::vertices(graph.g); it != end; ++it)
    for (MentionRef& m : graph.g[*it].mentions) m.doc = ids[m.doc];
  for (auto [it, end] = boost::edges(graph.g); it != end; ++it)
    for (EvidenceRef& ev : graph.g[*it].evidence) ev.doc = ids[ev.doc];
  store.replace_graph(graph);
  store.commit();
  return path;
}

Outcome kg(const ScratchDir& dir, const std::string& arguments) {
  const auto err = dir / "stderr.txt";
  auto result = testing::run(std::string(KG_BINARY) + " " + arguments + " 2>" + quoted(err));
  return {result.status, result.output, testing::read_file(err)};
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

TEST(ExportCli, JsonFileIsTheStoredGraphInNodeLinkForm) {
  ScratchDir dir;
  const auto db = make_database(dir);
  const auto result = kg(dir, "export --db " + quoted(db) + " --format json -o " + quoted(dir / "g.json"));
  ASSERT_EQ(result.status, 0) << result.err;
  std::ostringstream expected;
  write_json(Store(db.string()).load_graph(), expected);
  const std::string written = testing::read_file(dir / "g.json");
  EXPECT_EQ(written, expected.str());
  rapidjson::Document doc;
  doc.Parse(written.c_str());
  ASSERT_FALSE(doc.HasParseError());
  const KnowledgeGraph sample = testing::sample_graph();
  EXPECT_EQ(doc["nodes"].Size(), sample.entity_count());
  EXPECT_EQ(doc["links"].Size(), sample.relation_count());
  EXPECT_EQ(doc["graph"]["documents"].Size(), 2u);
}

TEST(ExportCli, SubgraphOptionsApplyToEveryFormat) {
  ScratchDir dir;
  const auto db = make_database(dir);
  auto graphml = kg(dir, "export --db " + quoted(db) + " --format graphml --type Official --type Enterprise");
  ASSERT_EQ(graphml.status, 0) << graphml.err;
  EXPECT_EQ(count(graphml.out, "<node "), 4u);
  auto gexf = kg(dir, "export --db " + quoted(db) + " --format gexf --relation served");
  ASSERT_EQ(gexf.status, 0) << gexf.err;
  EXPECT_EQ(count(gexf.out, "<edge "), 2u);
  auto dot = kg(dir, "export --db " + quoted(db) + " --format dot --around 華為公司 --depth 1");
  ASSERT_EQ(dot.status, 0) << dot.err;
  EXPECT_EQ(count(dot.out, " -> "), 1u);  // 伟通柔显 cooperates with 华为
  auto json = kg(dir, "export --db " + quoted(db) + " --source park_projects.txt");
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_EQ(count(json.out, "\"evidence\""), 4u);
  ASSERT_EQ(kg(dir, "export --db " + quoted(db) + " --format csv -o " + quoted(dir / "csv") +
                        " --type Park,Project").status, 0);
  EXPECT_EQ(count(testing::read_file(dir / "csv" / "entities_Park.csv"), "\n"), 1u);
  EXPECT_EQ(count(testing::read_file(dir / "csv" / "entities_Project.csv"), "\n"), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir / "csv" / "entities_Official.csv"));
  EXPECT_EQ(count(testing::read_file(dir / "csv" / "relations_located_in.csv"), "\n"), 1u);
  auto jsonl = kg(dir, "export --db " + quoted(db) + " --format jsonl --since 2023-06");
  ASSERT_EQ(jsonl.status, 0) << jsonl.err;
  EXPECT_EQ(count(jsonl.out, "\"kind\":\"edge\""), 4u);  // the second article's relations
  auto merged = kg(dir, "export --db " + quoted(db) + " --format gexf --merge-parallel");
  ASSERT_EQ(merged.status, 0) << merged.err;
  EXPECT_EQ(count(merged.out, "<edge "), testing::sample_graph().relation_count() - 1);
}

TEST(ExportCli, BadArgumentsFailWithAMessageAndWriteNothing) {
  ScratchDir dir;
  const auto db = make_database(dir);
  testing::write_file(dir / "old.json", "previous export");
  auto bad_type = kg(dir, "export --db " + quoted(db) + " --type Village -o " + quoted(dir / "old.json"));
  EXPECT_EQ(bad_type.status, 2);  // a usage error
  EXPECT_NE(bad_type.err.find("expected one of Official, Person"), std::string::npos) << bad_type.err;
  EXPECT_NE(bad_type.err.find("--type"), std::string::npos) << bad_type.err;
  EXPECT_NE(bad_type.err.find("Village"), std::string::npos) << bad_type.err;
  EXPECT_EQ(testing::read_file(dir / "old.json"), "previous export");

  auto bad_format = kg(dir, "export --db " + quoted(db) + " --format xml");
  EXPECT_EQ(bad_format.status, 2);
  EXPECT_NE(bad_format.err.find("xml"), std::string::npos) << bad_format.err;

  auto around = kg(dir, "export --db " + quoted(db) + " --around 不存在的公司");
  EXPECT_EQ(around.status, 1);  // a well-formed question with no answer
  EXPECT_NE(around.err.find("不存在的公司"), std::string::npos) << around.err;

  auto csv = kg(dir, "export --db " + quoted(db) + " --format csv");
  EXPECT_EQ(csv.status, 2);
  for (const char* wrong : {"--depth 2", "--format json --merge-parallel", "--since 2023-13", "--until yesterday",
                            "--since 2024 --until 2023"})
    EXPECT_EQ(kg(dir, "export --db " + quoted(db) + " " + wrong).status, 2) << wrong;
  EXPECT_NE(csv.err.find("-o"), std::string::npos) << csv.err;

  const auto missing = dir / "missing.db";
  auto no_db = kg(dir, "export --db " + quoted(missing));
  EXPECT_NE(no_db.status, 0);
  EXPECT_NE(no_db.err.find("missing.db"), std::string::npos) << no_db.err;
  EXPECT_FALSE(std::filesystem::exists(missing));

  testing::write_file(dir / "text.db", "this is not a database, just words\n");
  auto not_db = kg(dir, "export --db " + quoted(dir / "text.db"));
  EXPECT_NE(not_db.status, 0);
  EXPECT_NE(not_db.err.find("text.db"), std::string::npos) << not_db.err;
  EXPECT_EQ(testing::read_file(dir / "text.db"), "this is not a database, just words\n");
}

TEST(ReportCli, MarkdownHtmlDossierAndSite) {
  ScratchDir dir;
  const auto db = make_database(dir);
  auto md = kg(dir, "report --db " + quoted(db) + " --format md");
  ASSERT_EQ(md.status, 0) << md.err;
  EXPECT_NE(md.out.find("## Officials and the companies they served"), std::string::npos);
  EXPECT_NE(md.out.find("| 杨勇 | 北京伟通柔显科技有限公司 | accompany | 2023-05-01 |"), std::string::npos);
  EXPECT_NE(md.out.find("nanfaxin_2023.txt"), std::string::npos);

  auto html = kg(dir, "report --db " + quoted(db) + " --format html --no-graphviz -o " + quoted(dir / "r.html"));
  ASSERT_EQ(html.status, 0) << html.err;
  const std::string page = testing::read_file(dir / "r.html");
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<table id=\"served\">"), std::string::npos);

  auto dossier = kg(dir, "report --db " + quoted(db) + " --entity 杨勇");
  ASSERT_EQ(dossier.status, 0) << dossier.err;
  EXPECT_EQ(dossier.out.rfind("# 杨勇\n", 0), 0u) << dossier.out.substr(0, 100);
  EXPECT_EQ(count(dossier.out, "| 2023-05-01 | is "), 2u);  // 委员 of the committee, 副镇长 of the town

  // Narrowed: only what lies around the company, dated in June.
  auto june = kg(dir, "report --db " + quoted(db) + " --around 伟通柔显公司 --since 2023-06 --top 3");
  ASSERT_EQ(june.status, 0) << june.err;
  EXPECT_NE(june.out.find("Part of the graph: --around 伟通柔显公司 --depth 1 --since 2023-06-01."), std::string::npos);
  EXPECT_EQ(june.out.find("杨勇"), std::string::npos);
  EXPECT_NE(june.out.find("华为公司"), std::string::npos);

  auto site = kg(dir, "report --db " + quoted(db) + " --format site -o " + quoted(dir / "site"));
  ASSERT_EQ(site.status, 0) << site.err;
  // The document pages show the stored text with its entities marked.
  const std::string doc = testing::read_file(dir / "site" / "documents" / "d1.html");
  EXPECT_NE(doc.find("title=\"张小军 (Official)\">张小军</mark>"), std::string::npos);

  auto unknown = kg(dir, "report --db " + quoted(db) + " --entity 无名氏");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("无名氏"), std::string::npos) << unknown.err;
  for (const char* wrong : {"--format site", "--format site -o x --entity 杨勇", "--format md --no-graphviz",
                            "--entity 杨勇 --top 5", "--top 0", "--depth 3"})
    EXPECT_EQ(kg(dir, "report --db " + quoted(db) + " " + wrong).status, 2) << wrong;
}

}  // namespace
}  // namespace kg
