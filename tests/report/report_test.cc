// tests/report/report_test.cc: the relation report and the entity dossier,
// as Markdown and as HTML (checked as text, and as Chromium renders it).
#include <algorithm>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "report/report.h"
#include "sample_graph.h"
#include "test_util.h"

namespace kg {
namespace {

using testing::quoted;
using testing::run;
using testing::sample_graph;
using testing::ScratchDir;

std::string markdown(const KnowledgeGraph& g, const std::string& entity = "") {
  ReportOptions options;
  options.format = ReportFormat::markdown;
  options.entity = entity;
  return render_report(g, options);
}

std::string html(const KnowledgeGraph& g, bool use_graphviz, const std::string& entity = "") {
  ReportOptions options;
  options.format = ReportFormat::html;
  options.entity = entity;
  options.use_graphviz = use_graphviz;
  return render_report(g, options);
}

// The lines of the Markdown section whose heading is `title`.
std::vector<std::string> section_lines(const std::string& md, const std::string& title) {
  std::vector<std::string> lines;
  std::istringstream in(md);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) inside = line == "## " + title;
    else if (inside && line.rfind("| ", 0) == 0) lines.push_back(line);
  }
  return lines;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::string file_name(const std::string& source) { return source.substr(source.find_last_of('/') + 1); }

struct Served {
  std::string official, enterprise;
  std::vector<EvidenceRef> evidence;
};

std::vector<Served> served_relations(const KnowledgeGraph& g) {
  std::vector<Served> out;
  for (auto [it, end] = boost::edges(g.g); it != end; ++it)
    if (g.g[*it].type == RelationType::served)
      out.push_back({g.g[boost::source(*it, g.g)].name, g.g[boost::target(*it, g.g)].name, g.g[*it].evidence});
  return out;
}

// ---------------------------------------------------------------- Markdown

TEST(MarkdownReport, ListsEveryServedRelationWithItsEvidenceAndSource) {
  const KnowledgeGraph g = sample_graph();
  const auto rows = section_lines(markdown(g), "Officials and the companies they served");
  const auto served = served_relations(g);
  ASSERT_EQ(rows.size(), served.size() + 2);  // header and rule
  for (const Served& s : served) {
    auto row = std::find_if(rows.begin() + 2, rows.end(), [&](const std::string& line) {
      return line.rfind("| " + s.official + " | " + s.enterprise + " |", 0) == 0;
    });
    ASSERT_NE(row, rows.end()) << s.official << " -> " << s.enterprise;
    for (const EvidenceRef& ev : s.evidence) {
      EXPECT_NE(row->find("“" + ev.text + "”"), std::string::npos) << *row;
      const DocumentInfo* doc = g.document(ev.doc);
      ASSERT_NE(doc, nullptr);
      EXPECT_NE(row->find(file_name(doc->source)), std::string::npos) << *row;
      EXPECT_NE(row->find(doc->title), std::string::npos) << *row;
    }
  }
  // Two evidence entries of one sentence in one document are said once.
  const auto zhang = std::find_if(rows.begin(), rows.end(),
                                  [](const std::string& line) { return line.rfind("| 张小军 |", 0) == 0; });
  ASSERT_NE(zhang, rows.end());
  EXPECT_EQ(count(*zhang, "“南法信镇党委书记张小军带队"), 1u) << *zhang;
  // The role of an accompanying official is shown.
  EXPECT_NE(markdown(g).find("| 杨勇 | 北京伟通柔显科技有限公司 | accompany |"), std::string::npos);
}

TEST(MarkdownReport, HasPostsParksProjectsCooperationAndSummary) {
  const KnowledgeGraph g = sample_graph();
  const std::string md = markdown(g);
  const auto posts = section_lines(md, "Officials and their posts");
  EXPECT_EQ(posts.size(), 4u + 2u);
  EXPECT_NE(md.find("| 张小军 | 书记 | 南法信镇党委 |"), std::string::npos);
  EXPECT_NE(md.find("| 杨勇 | 副镇长 | 南法信镇 |"), std::string::npos);
  const auto parks = section_lines(md, "Parks and what is located in them");
  EXPECT_EQ(parks.size(), 2u + 2u);
  EXPECT_NE(md.find("| HICOOL产业园 | 北京伟通柔显科技有限公司 | Enterprise |"), std::string::npos);
  EXPECT_NE(md.find("| 智能永磁控制系统项目 | 1.56亿元 = 156000000 元 | 北京伟通柔显科技有限公司 | HICOOL产业园 |"),
            std::string::npos);
  EXPECT_EQ(section_lines(md, "Cooperation").size(), 1u + 2u);
  // Summary: documents with title, date and outlet, counts by type.
  EXPECT_NE(md.find("| d1 | 南法信镇党委书记走访园区企业 | 2023-05-01 | 顺义时讯 |"), std::string::npos);
  EXPECT_NE(md.find("| Official | 2 |"), std::string::npos);
  EXPECT_NE(md.find("| holds_post | 4 |"), std::string::npos);
  EXPECT_NE(md.find("- **Relations**: " + std::to_string(g.relation_count())), std::string::npos);
}

TEST(MarkdownReport, EscapesTextThatWouldBreakTheTable) {
  KnowledgeGraph g;
  EntityProps official;
  official.id = "o";
  official.name = "王|攀";
  official.type = EntityType::Official;
  EntityProps company;
  company.id = "c";
  company.name = "<b>某某</b>公司";
  company.type = EntityType::Enterprise;
  const Vertex o = g.add_entity(official), c = g.add_entity(company);
  RelationProps r;
  r.id = "r";
  r.type = RelationType::served;
  r.evidence.push_back({7, 0, 5, "第一行\n第二行 | *强调* [链接](x)"});
  g.add_relation(o, c, r);
  const auto rows = section_lines(markdown(g), "Officials and the companies they served");
  ASSERT_EQ(rows.size(), 3u);
  // Unescaped pipes delimit cells: four columns, five delimiters.
  const std::string& row = rows[2];
  std::size_t pipes = 0;
  for (std::size_t i = 0; i < row.size(); ++i)
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++pipes;
  EXPECT_EQ(pipes, 5u) << row;
  EXPECT_NE(row.find("王\\|攀"), std::string::npos);
  EXPECT_NE(row.find("\\<b\\>某某\\</b\\>公司"), std::string::npos);
  EXPECT_NE(row.find("\\*强调\\*"), std::string::npos);
  EXPECT_EQ(row.find('\n'), std::string::npos);
  EXPECT_NE(row.find("document d7"), std::string::npos);  // evidence of an unknown document still shown
}

TEST(MarkdownReport, DossierOfOneEntityByAliasListsItsRelations) {
  const KnowledgeGraph g = sample_graph();
  const std::string md = markdown(g, "伟通柔显公司");
  EXPECT_NE(md.find("## 北京伟通柔显科技有限公司 (Enterprise)"), std::string::npos);
  EXPECT_NE(md.find("- **Aliases**: 伟通柔显公司"), std::string::npos);
  const auto rows = section_lines(md, "北京伟通柔显科技有限公司 (Enterprise)");
  // Incoming: served ×2, holds_post, project_of; outgoing: located_in, cooperates_with.
  EXPECT_EQ(rows.size(), 6u + 2u);
  EXPECT_NE(md.find("| served | ← | 张小军 (Official) |"), std::string::npos);
  EXPECT_NE(md.find("| cooperates_with | → | 华为公司 (Enterprise) |"), std::string::npos);
  EXPECT_EQ(md.find("## Officials and their posts"), std::string::npos);
}

TEST(MarkdownReport, UnknownEntityIsAnErrorNamingIt) {
  try {
    markdown(sample_graph(), "不存在的单位");
    FAIL() << "expected ReportError";
  } catch (const ReportError& e) {
    EXPECT_NE(std::string(e.what()).find("不存在的单位"), std::string::npos);
  }
}

TEST(MarkdownReport, EmptyGraphSaysSoInsteadOfEmptyTables) {
  const std::string md = markdown(KnowledgeGraph{});
  EXPECT_NE(md.find("No official was found serving a company."), std::string::npos);
  EXPECT_NE(md.find("- **Documents**: 0"), std::string::npos);
}

// ---------------------------------------------------------------- HTML

TEST(HtmlReport, IsSelfContainedAndEscapesEverything) {
  const std::string page = html(sample_graph(), false);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<style>"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("src="), std::string::npos);
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
  // The odd name is escaped wherever it appears; control characters are gone.
  EXPECT_EQ(page.find("<测试>"), std::string::npos);
  EXPECT_NE(page.find("A&amp;B&lt;测试&gt;&quot;协会&quot;"), std::string::npos);
  EXPECT_EQ(page.find('\x01'), std::string::npos);
  EXPECT_EQ(page.find('\x02'), std::string::npos);
  EXPECT_NE(page.find("<table id=\"served\">"), std::string::npos);
  EXPECT_NE(page.find("产业园项目签约 &lt;第二批&gt; &amp; 合作"), std::string::npos);
}

TEST(HtmlReport, CircularPictureDrawsEveryEntityAndRelation) {
  const KnowledgeGraph g = sample_graph();
  const std::string page = html(g, false);
  EXPECT_EQ(count(page, "<svg "), 1u);
  EXPECT_NE(page.find("class=\"circular\""), std::string::npos);
  EXPECT_EQ(count(page, "<circle "), g.entity_count());
  EXPECT_EQ(count(page, "<line "), g.relation_count());
  if (testing::program_available("xmllint")) {
    // The drawing alone is well-formed XML.
    ScratchDir dir;
    const auto start = page.find("<svg "), end = page.find("</svg>") + 6;
    testing::write_file(dir / "p.svg", page.substr(start, end - start));
    EXPECT_EQ(run("xmllint --noout " + quoted(dir / "p.svg")).status, 0);
  }
}

TEST(HtmlReport, GraphvizPictureWhenDotIsInstalled) {
  if (!testing::program_available("dot")) GTEST_SKIP() << "graphviz is not installed";
  const std::string page = html(sample_graph(), true);
  EXPECT_EQ(page.find("<?xml"), std::string::npos);
  EXPECT_EQ(page.find("<!DOCTYPE svg"), std::string::npos);
  EXPECT_NE(page.find("class=\"graph\""), std::string::npos);  // dot's top group
  EXPECT_EQ(page.find("class=\"circular\""), std::string::npos);
  EXPECT_NE(page.find("张小军"), std::string::npos);
}

TEST(HtmlReport, WriteReportWritesTheFileWholeAndNamesBadPaths) {
  ScratchDir dir;
  ReportOptions options;
  options.format = ReportFormat::html;
  options.use_graphviz = false;
  std::ostringstream console;
  write_report(sample_graph(), options, (dir / "r.html").string(), console);
  EXPECT_EQ(testing::read_file(dir / "r.html"), render_report(sample_graph(), options));
  EXPECT_TRUE(console.str().empty());
  EXPECT_FALSE(std::filesystem::exists(dir / "r.html.tmp"));
  const auto bad = dir / "missing" / "r.html";
  try {
    write_report(sample_graph(), options, bad.string(), console);
    FAIL() << "expected ReportError";
  } catch (const ReportError& e) {
    EXPECT_NE(std::string(e.what()).find(bad.string()), std::string::npos);
  }
}

TEST(HtmlReport, ChromiumShowsTheServedTable) {
  std::string browser;
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
    if (testing::program_available(name)) {
      browser = name;
      break;
    }
  if (browser.empty()) GTEST_SKIP() << "chromium is not installed (Debian package 'chromium')";
  ScratchDir dir;
  const KnowledgeGraph g = sample_graph();
  testing::write_file(dir / "report.html", html(g, true));
  const auto profile = dir / "profile";
  const auto result = run("timeout 120 " + browser +
                          " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                          " --disable-background-networking --disable-component-update --disable-sync"
                          " --user-data-dir=" + quoted(profile) + " --dump-dom " +
                          testing::quoted("file://" + (dir / "report.html").string()) + " 2>/dev/null");
  ASSERT_EQ(result.status, 0) << "chromium failed";
  const std::string& dom = result.output;
  const auto table = dom.find("<table id=\"served\">");
  ASSERT_NE(table, std::string::npos) << dom.substr(0, 500);
  const std::string served_table = dom.substr(table, dom.find("</table>", table) - table);
  const auto served = served_relations(g);
  EXPECT_EQ(count(served_table, "<tr>"), served.size() + 1);  // + header row
  // Each served relation is a row: official, enterprise, and its evidence.
  for (const Served& s : served) {
    const std::regex row("<tr><td>" + s.official + "</td><td>" + s.enterprise + "</td><td>[^<]*</td><td>(.*?)</tr>");
    std::smatch match;
    ASSERT_TRUE(std::regex_search(served_table, match, row)) << s.official << " -> " << s.enterprise;
    for (const EvidenceRef& ev : s.evidence) EXPECT_NE(match[1].str().find(ev.text), std::string::npos);
  }
}

}  // namespace
}  // namespace kg
