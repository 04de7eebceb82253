// tests/report/report_test.cc: the relation report and the entity dossier,
// as Markdown and as HTML (checked as text, and as Chromium renders it).
#include <algorithm>
#include <set>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "export/export.h"
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

// Markdown marks the entities a quote names in bold; this is the quote without them.
std::string unmarked(std::string text) {
  for (auto at = text.find("**"); at != std::string::npos; at = text.find("**", at)) text.erase(at, 2);
  return text;
}

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
  const std::string md = markdown(g);
  const auto rows = section_lines(md, "Officials and the companies they served");
  const auto served = served_relations(g);
  ASSERT_EQ(rows.size(), served.size() + 2);  // header and rule
  for (const Served& s : served) {
    auto row = std::find_if(rows.begin() + 2, rows.end(), [&](const std::string& line) {
      return line.rfind("| " + s.official + " | " + s.enterprise + " |", 0) == 0;
    });
    ASSERT_NE(row, rows.end()) << s.official << " -> " << s.enterprise;
    // Each sentence is quoted in full once in the report ([n] “…” — source);
    // a row whose sentence was quoted above refers to it ("same as [n]").
    for (const EvidenceRef& ev : s.evidence) {
      const DocumentInfo* doc = g.document(ev.doc);
      ASSERT_NE(doc, nullptr);
      const std::regex number("\\[([0-9]+)\\]");
      std::smatch n;
      ASSERT_TRUE(std::regex_search(*row, n, number)) << *row;
      const std::string full = "[" + n[1].str() + "] “" + ev.text + "” — 《" + doc->title + "》";
      EXPECT_NE(unmarked(md).find(full), std::string::npos) << full;
      EXPECT_NE(unmarked(md).find(file_name(doc->source)), std::string::npos);
    }
  }
  // Two evidence entries of one sentence in one document are said once.
  const auto zhang = std::find_if(rows.begin(), rows.end(),
                                  [](const std::string& line) { return line.rfind("| 张小军 |", 0) == 0; });
  ASSERT_NE(zhang, rows.end());
  EXPECT_EQ(count(unmarked(*zhang), "南法信镇党委书记张小军带队"), 1u) << *zhang;
  // The role of an accompanying official is shown, and the date of a relation.
  EXPECT_NE(md.find("| 杨勇 | 北京伟通柔显科技有限公司 | accompany | 2023-05-01 |"), std::string::npos);
  EXPECT_NE(md.find("| 张小军 | 北京伟通柔显科技有限公司 | — | 2023-04 |"), std::string::npos);
  // The quote marks the entities it names.
  EXPECT_NE(md.find("“**南法信镇党委**书记**张小军**带队走访**北京伟通柔显科技有限公司**。”"), std::string::npos);
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
  // Summary: counts, the dates of the documents, and what each relation means.
  EXPECT_NE(md.find("- **Documents**: 2 (published 2023-05-01 to 2023-06-12)"), std::string::npos);
  EXPECT_NE(md.find("| holds_post | 4 | " + std::string(meaning(RelationType::holds_post)) + " |"), std::string::npos);
  EXPECT_NE(md.find("not employment"), std::string::npos);
  EXPECT_NE(md.find("- **Relations**: " + std::to_string(g.relation_count())), std::string::npos);
  // Most connected first: the company has 6 relations.
  EXPECT_NE(md.find("| 1 | 北京伟通柔显科技有限公司 | Enterprise | 6 | 1 | 《南法信镇党委书记走访园区企业》"), std::string::npos);
  EXPECT_NE(md.find("| Official | 2 | 张小军 (3)、杨勇 (3) |"), std::string::npos);
  // The documents that state the most.
  EXPECT_NE(md.find("| 南法信镇党委书记走访园区企业 | 2023-05-01 | 顺义时讯 |"), std::string::npos);
}

TEST(MarkdownReport, EachSentenceIsQuotedOnceThenReferred) {
  const std::string md = markdown(sample_graph());
  // 杨勇's sentence is the evidence of three relations: quoted in full once.
  const std::string sentence = "镇党委委员、副镇长杨勇陪同调研伟通柔显公司，协调解决用电问题。";
  EXPECT_EQ(count(unmarked(md), sentence), 1u);
  EXPECT_GE(count(md, "(same as ["), 2u);
}

TEST(MarkdownReport, ListsStopAtTopNAndSayHowManyMore) {
  // A star of 60 companies around one park, each with its own sentence.
  KnowledgeGraph g;
  g.documents.push_back({1, "a.txt", 0, "园区", "2023-01-02", "", "", ""});
  EntityProps park;
  park.id = "park";
  park.name = "大园区";
  park.type = EntityType::Park;
  const Vertex p = g.add_entity(park);
  // Companies from..to, each located in the park by a sentence of its own.
  auto add_companies = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      EntityProps c;
      c.id = "c" + std::to_string(i);
      c.name = "公司" + std::to_string(i);
      c.type = EntityType::Enterprise;
      RelationProps r;
      r.id = "r" + std::to_string(i);
      r.type = RelationType::located_in;
      r.evidence.push_back({1, 0, 9, "公司" + std::to_string(i) + "落户大园区。"});
      g.add_relation(g.add_entity(c), p, r);
    }
  };
  add_companies(0, 60);
  ReportOptions options;
  options.top = 5;
  const std::string md = render_report(g, options);
  EXPECT_EQ(section_lines(md, "Parks and what is located in them").size(), 5u + 2u);
  EXPECT_NE(md.find("… and 55 more"), std::string::npos);
  EXPECT_EQ(section_lines(md, "Most connected entities").size(), 5u + 2u);
  EXPECT_NE(md.find("… and 56 more"), std::string::npos);
  EXPECT_NE(md.find("| Enterprise | 60 |"), std::string::npos);
  EXPECT_NE(md.find("… and 55 more |"), std::string::npos);  // the list by type
  // The size follows N, not the graph: ten times the entities, about the same report.
  add_companies(60, 600);
  options.format = ReportFormat::html;
  options.use_graphviz = false;
  const std::size_t big = render_report(g, options).size();
  const std::size_t small = [&] {
    KnowledgeGraph few;
    few.documents = g.documents;
    const Vertex fp = few.add_entity(park);
    for (int i = 0; i < 60; ++i) few.add_relation(few.add_entity(g.g[static_cast<Vertex>(i + 1)]), fp, g.g[*boost::edges(g.g).first]);
    return render_report(few, options).size();
  }();
  EXPECT_LT(big, small * 13 / 10) << "big " << big << ", small " << small;
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
  // Unescaped pipes delimit cells: five columns, six delimiters.
  const std::string& row = rows[2];
  std::size_t pipes = 0;
  for (std::size_t i = 0; i < row.size(); ++i)
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++pipes;
  EXPECT_EQ(pipes, 6u) << row;
  EXPECT_NE(row.find("王\\|攀"), std::string::npos);
  EXPECT_NE(row.find("\\<b\\>某某\\</b\\>公司"), std::string::npos);
  EXPECT_NE(row.find("\\*强调\\*"), std::string::npos);
  EXPECT_EQ(row.find('\n'), std::string::npos);
  EXPECT_NE(row.find("document d7"), std::string::npos);  // evidence of an unknown document still shown
}

TEST(MarkdownReport, DossierOfOneEntityByAliasListsItsRelations) {
  const KnowledgeGraph g = sample_graph();
  const std::string md = markdown(g, "伟通柔显公司");
  EXPECT_EQ(md.rfind("# 北京伟通柔显科技有限公司\n", 0), 0u) << md.substr(0, 200);
  EXPECT_NE(md.find("- **Aliases**: 伟通柔显公司"), std::string::npos);
  // Incoming served ×2 and project_of; outgoing located_in and cooperates_with.
  const auto rows = section_lines(md, "Relations");
  EXPECT_EQ(rows.size(), 5u + 2u);
  EXPECT_NE(md.find("| ← served | 张小军 | 2023-04 |"), std::string::npos);
  EXPECT_NE(md.find("| ← served (accompany) | 杨勇 | 2023-05-01 |"), std::string::npos);
  EXPECT_NE(md.find("| cooperates_with → | 华为公司 | 2023-06-12 |"), std::string::npos);
  // The post held in it, the timeline in date order, the documents.
  EXPECT_NE(md.find("| 张小军 | 顾问 | 2023-05-01 |"), std::string::npos);
  const auto timeline = section_lines(md, "Timeline");
  ASSERT_GE(timeline.size(), 3u);
  EXPECT_EQ(timeline[2].rfind("| 2023-04 | ← served 张小军 |", 0), 0u) << timeline[2];
  EXPECT_EQ(section_lines(md, "Documents").size(), 1u + 2u);
  EXPECT_EQ(md.find("## Officials and their posts"), std::string::npos);
}

// Evidence dated piece by piece (issue 12): a relation seen over a span
// shows its first and last dates, in the overview and in the dossier.
TEST(MarkdownReport, ARelationSeenOverTimeShowsItsFirstAndLastDates) {
  KnowledgeGraph g = sample_graph();
  for (auto [it, end] = boost::edges(g.g); it != end; ++it)
    if (g.g[*it].id == "r-2") {
      g.g[*it].evidence[0].date = "2023-09";
      g.g[*it].evidence[1].date = "2022-11-30";
    }
  EXPECT_NE(markdown(g).find("| 张小军 | 北京伟通柔显科技有限公司 | — | 2022-11-30 – 2023-09 |"), std::string::npos);
  EXPECT_NE(markdown(g, "张小军").find("| served → | 北京伟通柔显科技有限公司 | 2022-11-30 – 2023-09 |"),
            std::string::npos);
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
  EXPECT_NO_THROW(html(KnowledgeGraph{}, true));
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

// The <title> texts of the picture: what hovering shows.
std::vector<std::string> hover_texts(const std::string& page) {
  std::vector<std::string> titles;
  const auto start = page.find("<svg"), end = page.find("</svg>");
  const std::regex title("<title>([^<]*)</title>");
  const std::string svg = page.substr(start, end - start);
  for (std::sregex_iterator it(svg.begin(), svg.end(), title), last; it != last; ++it) titles.push_back((*it)[1]);
  return titles;
}

void expect_names_on_hover(const KnowledgeGraph& g, const std::string& page) {
  const auto titles = hover_texts(page);
  ASSERT_FALSE(titles.empty());
  std::size_t nodes = 0;
  for (auto [it, end] = boost::vertices(g.g); it != end; ++it) {
    const std::string label = g.g[*it].name + " (" + std::string(to_string(g.g[*it].type)) + ")";
    std::string escaped;
    for (char c : label) escaped += c == '&' ? std::string("&amp;") : c == '<' ? std::string("&lt;") : c == '>' ? std::string("&gt;") : c == '"' ? std::string("&quot;") : std::string(1, c);
    escaped.erase(std::remove(escaped.begin(), escaped.end(), '\x01'), escaped.end());
    if (std::find(titles.begin(), titles.end(), escaped) != titles.end()) ++nodes;
  }
  EXPECT_EQ(nodes, g.entity_count());
  for (const std::string& t : titles) EXPECT_EQ(t.find("e-"), std::string::npos) << "an id on hover: " << t;
}

TEST(HtmlReport, PicturesShowNamesAndTypesOnHoverWithAndWithoutGraphviz) {
  const KnowledgeGraph g = sample_graph();
  for (bool graphviz : {false, true}) {
    const std::string page = html(g, graphviz);
    EXPECT_EQ(count(page, "<svg"), 1u);
    expect_names_on_hover(g, page);
    EXPECT_EQ(page.find("<?xml"), std::string::npos);
    EXPECT_EQ(page.find("<!DOCTYPE svg"), std::string::npos);
    ScratchDir dir;
    const auto start = page.find("<svg"), end = page.find("</svg>") + 6;
    testing::write_file(dir / "p.svg", page.substr(start, end - start));
    EXPECT_EQ(run("xmllint --noout " + quoted(dir / "p.svg")).status, 0) << "graphviz " << graphviz;
  }
  // Without Graphviz, the layout computed here: a circle per entity, a line per related pair.
  const std::string page = html(g, false);
  EXPECT_EQ(count(page, "<circle "), g.entity_count());
  EXPECT_EQ(count(page, "<line "), g.relation_count() - 1);  // 张小军 → the company twice: one line
}

TEST(HtmlReport, TheOverviewPictureIsAConnectedPieceOfTheBestConnected) {
  // Two stars of 11 and 50 isolated entities: the picture takes the stars (1 + 10, then 1 + 8),
  // never the isolated ones.
  KnowledgeGraph g;
  for (int star = 0; star < 2; ++star) {
    EntityProps hub;
    hub.id = "hub" + std::to_string(star);
    hub.name = "园区" + std::to_string(star);
    hub.type = EntityType::Park;
    const Vertex h = g.add_entity(hub);
    for (int i = 0; i < 10; ++i) {
      EntityProps c;
      c.id = "c" + std::to_string(star) + "_" + std::to_string(i);
      c.name = "公司" + std::to_string(star) + "_" + std::to_string(i);
      c.type = EntityType::Enterprise;
      RelationProps r;
      r.id = "r" + c.id;
      g.add_relation(g.add_entity(c), h, r);
    }
  }
  for (int i = 0; i < 50; ++i) {
    EntityProps lone;
    lone.id = "lone" + std::to_string(i);
    lone.name = "孤立" + std::to_string(i);
    g.add_entity(lone);
  }
  ReportOptions options;
  options.format = ReportFormat::html;
  options.use_graphviz = false;
  options.top = 10;  // a picture of 20
  const std::string page = render_report(g, options);
  EXPECT_EQ(count(page, "<circle "), 20u);
  EXPECT_EQ(page.find("孤立"), page.find("孤立0"));  // only in the lists, never drawn
  const auto titles = hover_texts(page);
  EXPECT_EQ(std::count_if(titles.begin(), titles.end(), [](const std::string& t) { return t.find("孤立") != std::string::npos; }), 0);
  EXPECT_NE(page.find("The 20 best-connected entities that hang together (of 72), with the 18 relations among them"),
            std::string::npos)
      << page.substr(page.find("<figcaption>"), 300);
}

TEST(HtmlReport, QuotesMarkTheEntitiesTheyNameOnceEach) {
  const std::string page = html(sample_graph(), false);
  EXPECT_NE(page.find("<mark style=\"--c:" + std::string(type_colour(EntityType::Official)) +
                      "\" title=\"张小军 (Official)\">张小军</mark>"),
            std::string::npos);
  // Each quote once in full; later rows refer back to it.
  const std::regex full("class=\"quote\" id=\"q([0-9]+)\"");
  std::set<std::string> numbers;
  for (std::sregex_iterator it(page.begin(), page.end(), full), last; it != last; ++it)
    EXPECT_TRUE(numbers.insert((*it)[1]).second) << "quote " << (*it)[1] << " twice";
  EXPECT_EQ(numbers.size(), 6u);  // the six sentences of the sample
  EXPECT_NE(page.find("class=\"quote repeat\"><a href=\"#q"), std::string::npos);
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
  const std::string browser = "chromium";
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
    const std::regex row("<tr><td><(?:a|span) class=\"ent\"[^>]*><i[^>]*></i>" + s.official +
                         "</(?:a|span)></td><td><(?:a|span) class=\"ent\"[^>]*><i[^>]*></i>" + s.enterprise +
                         "</(?:a|span)></td>(.*?)</tr>");
    std::smatch match;
    ASSERT_TRUE(std::regex_search(served_table, match, row)) << s.official << " -> " << s.enterprise;
    const std::string text = std::regex_replace(match[1].str(), std::regex("<[^>]*>"), "");
    for (const EvidenceRef& ev : s.evidence) EXPECT_NE(text.find(ev.text.substr(0, 30)), std::string::npos) << text;
  }
}

// ---------------------------------------------------------------- site

// Every link of every page of the site: where it points must exist, and so
// must the anchor; nothing may come from the network.
void expect_links_resolve(const std::filesystem::path& root, std::size_t& links_checked) {
  const std::regex link("(?:href|src|xlink:href)=\"([^\"]*)\"");
  const std::regex id("id=\"([^\"]*)\"");
  std::map<std::filesystem::path, std::set<std::string>> ids;
  auto ids_of = [&](const std::filesystem::path& file) -> const std::set<std::string>& {
    auto [it, fresh] = ids.emplace(file, std::set<std::string>{});
    if (fresh) {
      const std::string text = testing::read_file(file);
      for (std::sregex_iterator m(text.begin(), text.end(), id), last; m != last; ++m) it->second.insert((*m)[1]);
    }
    return it->second;
  };
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".html" && entry.path().extension() != ".css") continue;
    const std::string text = testing::read_file(entry.path());
    EXPECT_EQ(text.find("<script"), std::string::npos) << entry.path();
    for (auto at = text.find("url("); at != std::string::npos; at = text.find("url(", at + 4))
      EXPECT_EQ(text[at + 4], '#') << entry.path() << ": only references inside the page";
    EXPECT_EQ(text.find("@import"), std::string::npos) << entry.path();
    for (std::sregex_iterator m(text.begin(), text.end(), link), last; m != last; ++m) {
      const std::string target = (*m)[1];
      ++links_checked;
      ASSERT_EQ(target.find("//"), std::string::npos) << entry.path() << " loads " << target;
      ASSERT_EQ(target.find(':'), std::string::npos) << entry.path() << " links " << target;
      const auto hash = target.find('#');
      const std::string file = target.substr(0, hash);
      const auto resolved = file.empty() ? entry.path() : (entry.path().parent_path() / file).lexically_normal();
      ASSERT_TRUE(std::filesystem::exists(resolved)) << entry.path() << " links " << target;
      if (hash != std::string::npos) {
        EXPECT_TRUE(ids_of(resolved).count(target.substr(hash + 1))) << entry.path() << " links " << target;
      }
    }
  }
}

TEST(Site, EveryEntityAndDocumentHasAPageAndEveryLinkResolvesOffline) {
  ScratchDir dir;
  const KnowledgeGraph g = sample_graph();
  ReportOptions options;
  options.format = ReportFormat::site;
  const auto texts = [](std::int64_t doc) -> std::optional<std::string> { return testing::sample_text(doc); };
  const SiteSummary summary = write_site(g, options, texts, (dir / "site").string());
  EXPECT_EQ(summary.entity_pages, g.entity_count());
  EXPECT_EQ(summary.document_pages, g.documents.size());
  EXPECT_GT(summary.list_pages, 0u);
  const auto root = dir / "site";
  EXPECT_TRUE(std::filesystem::exists(root / "index.html"));
  EXPECT_TRUE(std::filesystem::exists(root / "style.css"));
  for (auto [it, end] = boost::vertices(g.g); it != end; ++it) {
    std::string name;
    for (unsigned char c : g.g[*it].id) {  // the page name rule: '-' kept, '_' and others as _hh
      if (std::isalnum(c) || c == '-') name += static_cast<char>(c);
      else {
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02x", c);
        name += std::string("_") + hex;
      }
    }
    EXPECT_TRUE(std::filesystem::exists(root / "entities" / (name + ".html"))) << name;
  }
  std::size_t links = 0;
  expect_links_resolve(root, links);
  EXPECT_GT(links, 100u);

  // The company's page: its relations with marked, linked quotes, its
  // timeline, the documents, and a picture of its neighbours.
  const std::string company = testing::read_file(root / "entities" / "e-weitong.html");
  EXPECT_NE(company.find("<h1>北京伟通柔显科技有限公司</h1>"), std::string::npos);
  EXPECT_NE(company.find("<a href=\"../entities/e-zhang.html\"><mark"), std::string::npos);
  EXPECT_NE(company.find("href=\"../documents/d1.html#s0\""), std::string::npos);
  EXPECT_NE(company.find("<section id=\"section-timeline\">"), std::string::npos);
  EXPECT_NE(company.find("北京伟通柔显科技有限公司 and its 5 neighbours."), std::string::npos);
  expect_names_on_hover(select_subgraph(g, [] {
                          SubgraphFilter f;
                          f.around = "伟通柔显公司";
                          return f;
                        }()),
                        company);
  // A document page: its text, with the sentences that are evidence as
  // anchors and the entities marked and linked.
  const std::string doc = testing::read_file(root / "documents" / "d1.html");
  EXPECT_NE(doc.find("<span class=\"ev\" id=\"s0\"><a href=\"../entities/e-party.html\"><mark"), std::string::npos);
  EXPECT_NE(doc.find("title=\"张小军 (Official)\">张小军</mark></a>"), std::string::npos);

  // A second run replaces the site whole; a directory of other files is refused.
  SubgraphFilter parks;
  parks.types = {EntityType::Park};
  write_site(select_subgraph(g, parks), options, texts, (dir / "site").string());
  EXPECT_FALSE(std::filesystem::exists(root / "entities" / "e-weitong.html"));
  std::filesystem::create_directories(dir / "mine");
  testing::write_file(dir / "mine" / "notes.txt", "keep");
  EXPECT_THROW(write_site(g, options, texts, (dir / "mine").string()), ReportError);
  EXPECT_EQ(testing::read_file(dir / "mine" / "notes.txt"), "keep");
}

}  // namespace
}  // namespace kg
