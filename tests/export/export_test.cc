// tests/export/export_test.cc: the writers and subgraph selection of the
// export stage, on a hand-built graph; the files are read back with the
// tools people will use (RapidJSON, NetworkX, igraph, xmllint, Graphviz, the
// gold scorer).
#include <algorithm>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "export/export.h"
#include "sample_graph.h"
#include "test_util.h"

namespace kg {
namespace {

using testing::quoted;
using testing::run;
using testing::sample_graph;
using testing::SampleIds;
using testing::ScratchDir;

const char* kPython = "/usr/bin/python3";

std::string to_text(void (*writer)(const KnowledgeGraph&, std::ostream&), const KnowledgeGraph& g) {
  std::ostringstream out;
  writer(g, out);
  return out.str();
}

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << "offset " << doc.GetErrorOffset() << " in: " << text.substr(0, 300);
  return doc;
}

std::set<std::string> entity_names(const KnowledgeGraph& g) {
  std::set<std::string> names;
  for (auto [it, end] = boost::vertices(g.g); it != end; ++it) names.insert(g.g[*it].name);
  return names;
}

std::set<std::string> relation_ids(const KnowledgeGraph& g) {
  std::set<std::string> ids;
  for (auto [it, end] = boost::edges(g.g); it != end; ++it) ids.insert(g.g[*it].id);
  return ids;
}

bool python_has(const std::string& module) {
  return run(std::string(kPython) + " -c 'import " + module + "' 2>/dev/null").status == 0;
}

// What a third-party reader saw, as printed by read_graph.py.
rapidjson::Document read_back(const std::string& mode, const std::filesystem::path& file) {
  const auto script = std::filesystem::path(KG_TEST_DATA) / "export" / "read_graph.py";
  auto result = run(std::string(kPython) + " " + quoted(script) + " " + mode + " " + quoted(file));
  EXPECT_EQ(result.status, 0) << mode << " could not read " << file;
  return parse_json(result.output);
}

// The (source, target, type, title, weight) rows of the graph, as ids.
std::multiset<std::string> edge_rows(const KnowledgeGraph& g) {
  std::multiset<std::string> rows;
  for (auto [it, end] = boost::edges(g.g); it != end; ++it) {
    const auto& r = g.g[*it];
    rows.insert(g.g[boost::source(*it, g.g)].id + "|" + g.g[boost::target(*it, g.g)].id + "|" +
                std::string(to_string(r.type)) + "|" + r.title + "|" + std::to_string(r.evidence.size()));
  }
  return rows;
}

std::multiset<std::string> edge_rows(const rapidjson::Value& seen) {
  std::multiset<std::string> rows;
  for (const auto& e : seen["edge"].GetArray()) {
    std::string weight = e[4].IsNull() ? "null" : std::to_string(e[4].GetInt());
    rows.insert(std::string(e[0].GetString()) + "|" + e[1].GetString() + "|" + e[2].GetString() + "|" +
                (e[3].IsString() ? e[3].GetString() : "") + "|" + weight);
  }
  return rows;
}

void expect_same_nodes(const KnowledgeGraph& g, const rapidjson::Value& seen, const std::string& reader,
                       bool through_xml) {
  ASSERT_EQ(seen["nodes"].GetUint64(), g.entity_count()) << reader;
  ASSERT_EQ(seen["edges"].GetUint64(), g.relation_count()) << reader;
  for (auto [it, end] = boost::vertices(g.g); it != end; ++it) {
    const auto& e = g.g[*it];
    ASSERT_TRUE(seen["node"].HasMember(e.id.c_str())) << reader << " lost node " << e.id;
    const auto& node = seen["node"][e.id.c_str()];
    EXPECT_EQ(node["type"].GetString(), std::string(to_string(e.type))) << reader << " " << e.id;
    // XML cannot carry U+0001; everything else of the name must survive.
    std::string name = e.name;
    if (through_xml) std::erase(name, '\x01');
    EXPECT_EQ(node["name"].GetString(), name) << reader << " " << e.id;
  }
  EXPECT_EQ(edge_rows(seen), edge_rows(g)) << reader;
}

// ---------------------------------------------------------------- JSON

TEST(JsonExport, WritesNodeLinkShapeWithDocumentsMentionsAndEvidence) {
  const KnowledgeGraph g = sample_graph();
  const auto doc = parse_json(to_text(write_json, g));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_TRUE(doc["directed"].GetBool());
  EXPECT_TRUE(doc["multigraph"].GetBool());
  const auto& documents = doc["graph"]["documents"];
  ASSERT_EQ(documents.Size(), g.documents.size());
  EXPECT_STREQ(documents[0]["id"].GetString(), "d1");
  EXPECT_STREQ(documents[0]["source"].GetString(), "news/nanfaxin_2023.txt");
  EXPECT_STREQ(documents[0]["title"].GetString(), g.documents[0].title.c_str());
  EXPECT_STREQ(documents[0]["published"].GetString(), "2023-05-01");
  EXPECT_STREQ(documents[0]["outlet"].GetString(), "顺义时讯");
  EXPECT_STREQ(documents[0]["author"].GetString(), "李记者");
  EXPECT_STREQ(documents[0]["editor"].GetString(), "王编辑");

  ASSERT_EQ(doc["nodes"].Size(), g.entity_count());
  std::set<std::string> node_ids;
  for (const auto& node : doc["nodes"].GetArray()) {
    node_ids.insert(node["id"].GetString());
    ASSERT_TRUE(node["aliases"].IsArray());
    ASSERT_GT(node["mentions"].Size(), 0u);
    const std::string ref = node["mentions"][0]["doc"].GetString();
    EXPECT_TRUE(ref == "d1" || ref == "d2") << ref;
    EXPECT_TRUE(parse_entity_type(node["type"].GetString()).has_value());
  }
  EXPECT_EQ(node_ids.size(), g.entity_count());
  const auto& party = doc["nodes"][2];
  EXPECT_STREQ(party["name"].GetString(), "南法信镇党委");
  EXPECT_STREQ(party["aliases"][0].GetString(), "镇党委");
  // Project attributes sit on the node; a number stays a number.
  const auto& project = doc["nodes"][7];
  ASSERT_TRUE(project.HasMember("investment_yuan"));
  EXPECT_TRUE(project["investment_yuan"].IsNumber());
  EXPECT_DOUBLE_EQ(project["investment_yuan"].GetDouble(), 156000000.0);
  EXPECT_STREQ(project["investment_text"].GetString(), "1.56亿元");

  ASSERT_EQ(doc["links"].Size(), g.relation_count());
  std::map<std::pair<std::string, std::string>, std::set<unsigned>> keys;
  for (const auto& link : doc["links"].GetArray()) {
    EXPECT_TRUE(node_ids.count(link["source"].GetString()));
    EXPECT_TRUE(node_ids.count(link["target"].GetString()));
    keys[{link["source"].GetString(), link["target"].GetString()}].insert(link["key"].GetUint());
    ASSERT_GT(link["evidence"].Size(), 0u);
    EXPECT_TRUE(link["evidence"][0]["text"].IsString());
    EXPECT_EQ(link["weight"].GetUint(), link["evidence"].Size());
  }
  // The two relations between 张小军 and the company are keys 0 and 1.
  EXPECT_EQ((keys[{"e-zhang", "e-weitong"}]), (std::set<unsigned>{0, 1}));
  EXPECT_EQ((keys[{"e-party", "e-town"}]), (std::set<unsigned>{0}));
  const auto& served = doc["links"][1];
  EXPECT_STREQ(served["type"].GetString(), "served");
  EXPECT_EQ(served["evidence"].Size(), 2u);
  EXPECT_STREQ(served["evidence"][0]["doc"].GetString(), "d1");
  EXPECT_STREQ(served["evidence"][0]["text"].GetString(),
               "南法信镇党委书记张小军带队走访北京伟通柔显科技有限公司。");
}

TEST(JsonExport, ControlCharactersAndInvalidUtf8StayValidJson) {
  KnowledgeGraph g;
  EntityProps e;
  e.id = "e1";
  e.name = std::string("坏\xff名\x01字");
  g.add_entity(e);
  const auto doc = parse_json(to_text(write_json, g));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(std::string(doc["nodes"][0]["name"].GetString()), "坏\xEF\xBF\xBD名\x01字");
}

TEST(JsonExport, NetworkxNodeLinkGraphReadsIt) {
  if (!python_has("networkx")) GTEST_SKIP() << "python3-networkx is not installed";
  ScratchDir dir;
  const KnowledgeGraph g = sample_graph();
  export_graph(g, ExportFormat::json, (dir / "g.json").string(), std::cout);
  const auto seen = read_back("networkx-json", dir / "g.json");
  expect_same_nodes(g, seen, "networkx node_link_graph", false);
  EXPECT_DOUBLE_EQ(seen["investment"]["e-project"].GetDouble(), 156000000.0);
}

TEST(JsonExport, GoldScorerFindsEntitiesAndRelationsPerSourceFile) {
  const std::filesystem::path scorer = "/work/shared/gold/score.py";
  if (!std::filesystem::exists(scorer)) GTEST_SKIP() << "gold scorer not present at " << scorer;
  ScratchDir dir;
  // Gold for the first document only, naming the company by its alias.
  testing::write_file(dir / "gold.json", R"({"version": 1, "documents": [
    {"source": "nanfaxin_2023.txt",
     "entities": [{"name": "张小军", "type": "Official"},
                  {"name": "南法信镇党委", "type": "PartyOrg"},
                  {"name": "伟通柔显公司", "type": "Enterprise"}],
     "relations": [{"type": "holds_post", "source": "张小军", "target": "南法信镇党委"},
                   {"type": "served", "source": "张小军", "target": "伟通柔显公司"}]}]})");
  export_graph(sample_graph(), ExportFormat::json, (dir / "g.json").string(), std::cout);
  auto result = run(std::string(kPython) + " " + quoted(scorer) + " " + quoted(dir / "gold.json") + " " +
                    quoted(dir / "g.json") + " --json");
  ASSERT_EQ(result.status, 0);
  const auto score = parse_json(result.output);
  EXPECT_EQ(score["core_entities"]["tp"].GetInt(), 3);
  EXPECT_EQ(score["core_entities"]["fn"].GetInt(), 0);
  EXPECT_EQ(score["types"]["rel:holds_post"]["tp"].GetInt(), 1);
  EXPECT_EQ(score["types"]["rel:served"]["tp"].GetInt(), 1);
  // The project is only in the second document and must not count here.
  EXPECT_EQ(score["types"]["ent:Project"]["fp"].GetInt(), 0);
}

// ---------------------------------------------------------------- GraphML

TEST(GraphmlExport, IsWellFormedXml) {
  if (!testing::program_available("xmllint")) GTEST_SKIP() << "xmllint is not installed";
  ScratchDir dir;
  export_graph(sample_graph(), ExportFormat::graphml, (dir / "g.graphml").string(), std::cout);
  EXPECT_EQ(run("xmllint --noout " + quoted(dir / "g.graphml")).status, 0);
}

TEST(GraphmlExport, DeclaresTypedKeysAndKeepsUtf8) {
  const std::string xml = to_text(write_graphml, sample_graph());
  // Every key says what it is for and its type.
  std::size_t keys = 0;
  for (std::size_t at = xml.find("<key "); at != std::string::npos; at = xml.find("<key ", at + 1)) {
    const std::string key = xml.substr(at, xml.find('>', at) - at);
    EXPECT_TRUE(key.find("for=\"node\"") != std::string::npos || key.find("for=\"edge\"") != std::string::npos)
        << key;
    EXPECT_NE(key.find("attr.type=\""), std::string::npos) << key;
    ++keys;
  }
  EXPECT_GE(keys, 8u);
  EXPECT_NE(xml.find("attr.name=\"label\""), std::string::npos);
  EXPECT_NE(xml.find("for=\"edge\" attr.name=\"weight\" attr.type=\"int\""), std::string::npos);
  EXPECT_NE(xml.find("for=\"node\" attr.name=\"investment_yuan\" attr.type=\"double\""), std::string::npos);
  // Chinese stays UTF-8, never character references; XML-forbidden control
  // characters are gone; markup characters in names are escaped.
  EXPECT_NE(xml.find(">北京伟通柔显科技有限公司<"), std::string::npos);
  EXPECT_EQ(xml.find("&#x"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_NE(xml.find("A&amp;B&lt;测试&gt;&quot;协会&quot;<"), std::string::npos);
  // Parallel edges carry their relations' ids.
  EXPECT_NE(xml.find("<edge id=\"r-2\" source=\"e-zhang\" target=\"e-weitong\">"), std::string::npos);
  EXPECT_NE(xml.find("<edge id=\"r-3\" source=\"e-zhang\" target=\"e-weitong\">"), std::string::npos);
  EXPECT_EQ(xml, to_text(write_graphml, sample_graph())) << "export is not deterministic";
}

TEST(GraphmlExport, NetworkxAndIgraphReadTheSameGraphAsTheJsonExport) {
  if (!python_has("networkx") || !python_has("igraph"))
    GTEST_SKIP() << "python3-networkx or python3-igraph is not installed";
  ScratchDir dir;
  const KnowledgeGraph g = sample_graph();
  export_graph(g, ExportFormat::graphml, (dir / "g.graphml").string(), std::cout);
  export_graph(g, ExportFormat::json, (dir / "g.json").string(), std::cout);
  const auto from_json = read_back("networkx-json", dir / "g.json");
  const auto from_nx = read_back("networkx-graphml", dir / "g.graphml");
  const auto from_igraph = read_back("igraph-graphml", dir / "g.graphml");
  expect_same_nodes(g, from_nx, "networkx read_graphml", true);
  expect_same_nodes(g, from_igraph, "igraph Read_GraphML", true);
  EXPECT_EQ(from_nx["nodes"].GetUint64(), from_json["nodes"].GetUint64());
  EXPECT_EQ(from_nx["edges"].GetUint64(), from_json["edges"].GetUint64());
  EXPECT_EQ(from_igraph["edges"].GetUint64(), from_json["edges"].GetUint64());
  EXPECT_DOUBLE_EQ(from_nx["investment"]["e-project"].GetDouble(), 156000000.0);
  EXPECT_DOUBLE_EQ(from_igraph["investment"]["e-project"].GetDouble(), 156000000.0);
  // NetworkX keys parallel edges by their GraphML id.
  std::set<std::string> nx_keys;
  for (const auto& e : from_nx["edge"].GetArray()) nx_keys.insert(e[5].GetString());
  EXPECT_EQ(nx_keys, relation_ids(g));
}

// ---------------------------------------------------------------- GEXF

TEST(GexfExport, IsWellFormedGexf13WithKindsAndColours) {
  const KnowledgeGraph g = sample_graph();
  const std::string xml = to_text(write_gexf, g);
  EXPECT_NE(xml.find("<gexf xmlns=\"http://gexf.net/1.3\""), std::string::npos);
  EXPECT_NE(xml.find("xmlns:viz=\"http://gexf.net/1.3/viz\""), std::string::npos);
  EXPECT_NE(xml.find("version=\"1.3\""), std::string::npos);
  EXPECT_NE(xml.find("defaultedgetype=\"directed\""), std::string::npos);
  EXPECT_NE(xml.find("<attributes class=\"node\">"), std::string::npos);
  EXPECT_NE(xml.find("<attributes class=\"edge\">"), std::string::npos);
  EXPECT_NE(xml.find("id=\"r-2\" source=\"e-zhang\" target=\"e-weitong\" kind=\"served\""), std::string::npos);
  EXPECT_NE(xml.find("id=\"r-3\" source=\"e-zhang\" target=\"e-weitong\" kind=\"holds_post\""),
            std::string::npos);
  std::size_t colours = 0;
  for (std::size_t at = xml.find("<viz:color "); at != std::string::npos; at = xml.find("<viz:color ", at + 1))
    ++colours;
  EXPECT_EQ(colours, g.entity_count());
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find('\x02'), std::string::npos);
  if (!testing::program_available("xmllint")) GTEST_SKIP() << "xmllint is not installed";
  ScratchDir dir;
  testing::write_file(dir / "g.gexf", xml);
  EXPECT_EQ(run("xmllint --noout " + quoted(dir / "g.gexf")).status, 0);
}

// ---------------------------------------------------------------- DOT

TEST(DotExport, QuotesIdsAndGraphvizRendersIt) {
  const std::string dot = to_text(write_dot, sample_graph());
  EXPECT_NE(dot.find("\"e-zhang\" -> \"e-weitong\""), std::string::npos);
  EXPECT_NE(dot.find("label=\"holds_post: 书记\""), std::string::npos);
  EXPECT_NE(dot.find("A&B<测试>\\\"协会\\\""), std::string::npos);
  EXPECT_NE(dot.find(std::string("fillcolor=\"") + std::string(type_colour(EntityType::Park))), std::string::npos);
  if (!testing::program_available("dot")) GTEST_SKIP() << "graphviz is not installed";
  ScratchDir dir;
  testing::write_file(dir / "g.dot", dot);
  const auto svg = run("dot -Tsvg " + quoted(dir / "g.dot") + " 2>/dev/null");
  EXPECT_EQ(svg.status, 0);
  EXPECT_NE(svg.output.find("张小军"), std::string::npos);
}

// ---------------------------------------------------------------- CSV

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(CsvExport, WritesNeo4jAdminImportFilesIntoADirectory) {
  ScratchDir dir;
  const KnowledgeGraph g = sample_graph();
  export_graph(g, ExportFormat::csv, (dir / "neo4j").string(), std::cout);
  const auto nodes = lines_of(testing::read_file(dir / "neo4j" / "nodes.csv"));
  const auto rels = lines_of(testing::read_file(dir / "neo4j" / "relationships.csv"));
  ASSERT_EQ(nodes.size(), g.entity_count() + 1);
  ASSERT_EQ(rels.size(), g.relation_count() + 1);
  EXPECT_EQ(nodes[0], "id:ID,name,type,aliases:string[],:LABEL");
  EXPECT_EQ(rels[0], ":START_ID,:END_ID,:TYPE,title,weight:int");
  EXPECT_EQ(nodes[3], "\"e-party\",\"南法信镇党委\",\"PartyOrg\",\"镇党委\",\"PartyOrg\"");
  EXPECT_EQ(rels[2], "\"e-zhang\",\"e-weitong\",\"served\",\"\",2");
  // Quotes are doubled, control characters dropped.
  EXPECT_NE(nodes[9].find("\"A&B<测试>\"\"协会\"\"\""), std::string::npos) << nodes[9];
  if (!python_has("csv")) return;
  // Python's csv module, which follows the same quoting rules, reads every row whole.
  auto counted = run(std::string(kPython) + " -c 'import csv,sys; rows=list(csv.reader(open(sys.argv[1], "
                     "encoding=\"utf-8\"))); print(len(rows), len({len(r) for r in rows}))' " +
                     quoted(dir / "neo4j" / "nodes.csv"));
  EXPECT_EQ(counted.output, std::to_string(g.entity_count() + 1) + " 1\n");
}

TEST(CsvExport, RefusesTheConsoleAndAFileInPlaceOfTheDirectory) {
  ScratchDir dir;
  std::ostringstream console;
  EXPECT_THROW(export_graph(sample_graph(), ExportFormat::csv, "", console), ExportError);
  testing::write_file(dir / "file", "keep me");
  EXPECT_THROW(export_graph(sample_graph(), ExportFormat::csv, (dir / "file").string(), console), ExportError);
  EXPECT_EQ(testing::read_file(dir / "file"), "keep me");
}

// ---------------------------------------------------------------- output

TEST(ExportOutput, FailureNamesTheFileAndLeavesNothingBehind) {
  ScratchDir dir;
  std::ostringstream console;
  const auto missing = dir / "no" / "such" / "dir" / "g.json";
  try {
    export_graph(sample_graph(), ExportFormat::json, missing.string(), console);
    FAIL() << "expected ExportError";
  } catch (const ExportError& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(missing));
  EXPECT_THROW(export_graph(sample_graph(), ExportFormat::json, dir.path().string(), console), ExportError);
}

TEST(ExportOutput, ConsoleGetsTheWholeDocument) {
  std::ostringstream console;
  export_graph(sample_graph(), ExportFormat::graphml, "-", console);
  EXPECT_EQ(console.str(), to_text(write_graphml, sample_graph()));
}

TEST(ExportFormats, ParseEveryNameAndRejectOthers) {
  for (auto f : {ExportFormat::json, ExportFormat::graphml, ExportFormat::gexf, ExportFormat::dot, ExportFormat::csv})
    EXPECT_EQ(parse_export_format(to_string(f)), f);
  EXPECT_FALSE(parse_export_format("xml").has_value());
}

// ---------------------------------------------------------------- subgraphs

TEST(Subgraph, ByEntityTypeKeepsRelationsBetweenKeptEntitiesOnly) {
  SubgraphFilter filter;
  filter.types = parse_entity_types({"Official,Enterprise"}, "--type");
  const KnowledgeGraph sub = select_subgraph(sample_graph(), filter);
  EXPECT_EQ(entity_names(sub),
            (std::set<std::string>{"张小军", "杨勇", "北京伟通柔显科技有限公司", "华为公司"}));
  EXPECT_EQ(relation_ids(sub), (std::set<std::string>{"r-2", "r-3", "r-4", "r-12"}));
  EXPECT_EQ(sub.documents.size(), 2u);
}

TEST(Subgraph, ByRelationKeepsOnlyEntitiesItTouches) {
  SubgraphFilter filter;
  filter.relations = parse_relation_types({"served"}, "--relation");
  const KnowledgeGraph sub = select_subgraph(sample_graph(), filter);
  EXPECT_EQ(entity_names(sub), (std::set<std::string>{"张小军", "杨勇", "北京伟通柔显科技有限公司"}));
  EXPECT_EQ(relation_ids(sub), (std::set<std::string>{"r-2", "r-4"}));
}

TEST(Subgraph, AroundAnAliasFollowsEdgesBothWaysToTheGivenDepth) {
  SubgraphFilter filter;
  filter.around = "伟通柔显公司";
  filter.depth = 1;
  const KnowledgeGraph one = select_subgraph(sample_graph(), filter);
  EXPECT_EQ(entity_names(one), (std::set<std::string>{"北京伟通柔显科技有限公司", "张小军", "杨勇",
                                                      "HICOOL产业园", "智能永磁控制系统项目", "华为公司"}));
  // Only relations whose both ends are in the neighbourhood.
  EXPECT_EQ(relation_ids(one).count("r-9"), 0u);
  EXPECT_EQ(relation_ids(one).count("r-11"), 1u);
  filter.depth = 2;
  const KnowledgeGraph two = select_subgraph(sample_graph(), filter);
  EXPECT_EQ(two.entity_count(), one.entity_count() + 2);  // + 南法信镇党委, 南法信镇
  EXPECT_TRUE(entity_names(two).count("南法信镇"));
}

TEST(Subgraph, AroundMatchesNamesAfterNfkcAndTraditionalToSimplified) {
  SubgraphFilter filter;
  filter.depth = 0;
  filter.around = "ＨＩＣＯＯＬ产业园";  // full-width letters
  EXPECT_EQ(entity_names(select_subgraph(sample_graph(), filter)), (std::set<std::string>{"HICOOL产业园"}));
  filter.around = "華為公司";  // traditional script
  EXPECT_EQ(entity_names(select_subgraph(sample_graph(), filter)), (std::set<std::string>{"华为公司"}));
  filter.around = "“南法信镇党委”";  // quotation marks do not count
  EXPECT_EQ(entity_names(select_subgraph(sample_graph(), filter)), (std::set<std::string>{"南法信镇党委"}));
}

TEST(Subgraph, AroundCombinesWithTypeAndRelation) {
  SubgraphFilter filter;
  filter.around = "张小军";
  filter.depth = 3;
  filter.relations = {RelationType::holds_post};
  const KnowledgeGraph sub = select_subgraph(sample_graph(), filter);
  // holds_post edges only: 张小军 -> party, company; 杨勇 -> party, town.
  EXPECT_EQ(entity_names(sub), (std::set<std::string>{"张小军", "南法信镇党委", "北京伟通柔显科技有限公司",
                                                      "杨勇", "南法信镇"}));
  for (auto [it, end] = boost::edges(sub.g); it != end; ++it)
    EXPECT_EQ(sub.g[*it].type, RelationType::holds_post);
}

TEST(Subgraph, BySourceKeepsThatFilesFactsAndCutsOtherDocuments) {
  SubgraphFilter filter;
  filter.source = "park_projects.txt";
  const KnowledgeGraph sub = select_subgraph(sample_graph(), filter);
  ASSERT_EQ(sub.documents.size(), 1u);
  EXPECT_EQ(sub.documents[0].id, 2);
  EXPECT_EQ(relation_ids(sub), (std::set<std::string>{"r-10", "r-11", "r-12", "r-13"}));
  EXPECT_FALSE(entity_names(sub).count("张小军"));
  EXPECT_TRUE(entity_names(sub).count("华为公司"));
  for (auto [it, end] = boost::vertices(sub.g); it != end; ++it)
    for (const auto& m : sub.g[*it].mentions) EXPECT_EQ(m.doc, 2);
  for (auto [it, end] = boost::edges(sub.g); it != end; ++it)
    for (const auto& ev : sub.g[*it].evidence) EXPECT_EQ(ev.doc, 2);
  // A suffix matches at a path boundary only.
  filter.source = "projects.txt";
  EXPECT_THROW(select_subgraph(sample_graph(), filter), ExportError);
}

TEST(Subgraph, BadArgumentsAreNamedInTheError) {
  try {
    parse_entity_types({"Official", "Village"}, "--type");
    FAIL() << "expected ExportError";
  } catch (const ExportError& e) {
    EXPECT_NE(std::string(e.what()).find("--type"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("Village"), std::string::npos);
  }
  EXPECT_THROW(parse_relation_types({"owns"}, "--relation"), ExportError);
  SubgraphFilter filter;
  filter.around = "不存在的公司";
  try {
    select_subgraph(sample_graph(), filter);
    FAIL() << "expected ExportError";
  } catch (const ExportError& e) {
    EXPECT_NE(std::string(e.what()).find("不存在的公司"), std::string::npos);
  }
}

}  // namespace
}  // namespace kg
