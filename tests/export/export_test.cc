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

std::string to_text(void (*writer)(const KnowledgeGraph&, std::ostream&, const ExportOptions&), const KnowledgeGraph& g,
                    const ExportOptions& options = {}) {
  std::ostringstream out;
  writer(g, out, options);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
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
  ScratchDir dir;
  const KnowledgeGraph g = sample_graph();
  export_graph(g, ExportFormat::json, (dir / "g.json").string(), std::cout);
  const auto seen = read_back("networkx-json", dir / "g.json");
  expect_same_nodes(g, seen, "networkx node_link_graph", false);
  EXPECT_DOUBLE_EQ(seen["investment"]["e-project"].GetDouble(), 156000000.0);
}

TEST(JsonExport, GoldScorerFindsEntitiesAndRelationsPerSourceFile) {
  // The project's copy of the reference scorer (shared/gold/score.py).
  const std::filesystem::path scorer = std::filesystem::path(KG_TEST_DATA) / "eval" / "score.py";
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
  ScratchDir dir;
  testing::write_file(dir / "g.gexf", xml);
  EXPECT_EQ(run("xmllint --noout " + quoted(dir / "g.gexf")).status, 0);
}

// xmllint against the GEXF 1.3 schema (a faithful subset written from the
// published specification: tests/export/gexf-1.3/), then NetworkX.
int gexf_schema_status(const std::filesystem::path& file) {
  const auto schema = std::filesystem::path(KG_TEST_DATA) / "export" / "gexf-1.3" / "gexf.xsd";
  return run("xmllint --noout --schema " + quoted(schema) + " " + quoted(file) + " 2>&1").status;
}

TEST(GexfExport, IsDynamicWithStartAndEndAndValidAgainstTheGexf13Schema) {
  ScratchDir dir;
  const KnowledgeGraph g = sample_graph();
  const std::string xml = to_text(write_gexf, g);
  testing::write_file(dir / "g.gexf", xml);
  EXPECT_EQ(gexf_schema_status(dir / "g.gexf"), 0);
  EXPECT_NE(xml.find("mode=\"dynamic\" timeformat=\"date\""), std::string::npos);
  // r-2 is dated 2023-04 by its sentence and stated in an article of 2023-05-01.
  EXPECT_NE(xml.find("id=\"r-2\" source=\"e-zhang\" target=\"e-weitong\" kind=\"served\" label=\"served\" "
                     "weight=\"2\" start=\"2023-04-01\" end=\"2023-05-01\""),
            std::string::npos);
  // A node lives as long as its edges: 张小军 from the first day of April.
  EXPECT_NE(xml.find("<node id=\"e-zhang\" label=\"张小军\" start=\"2023-04-01\" end=\"2023-05-01\">"),
            std::string::npos);

  // The schema is strict: an element GEXF does not have fails it.
  std::string broken = xml;
  broken.replace(broken.find("<attvalues>"), 11, "<attvalues><bogus/>");
  testing::write_file(dir / "broken.gexf", broken);
  EXPECT_NE(gexf_schema_status(dir / "broken.gexf"), 0);
  // A day that does not exist is no xs:date.
  std::string bad_date = xml;
  bad_date.replace(bad_date.find("2023-04-01"), 10, "2023-04-31");
  testing::write_file(dir / "bad_date.gexf", bad_date);
  EXPECT_NE(gexf_schema_status(dir / "bad_date.gexf"), 0);

  const auto seen = read_back("networkx-gexf", dir / "g.gexf");
  ASSERT_TRUE(seen.IsObject());
  EXPECT_EQ(seen["nodes"].GetUint(), g.entity_count());
  EXPECT_EQ(seen["edges"].GetUint(), g.relation_count());
  EXPECT_EQ(edge_rows(seen), edge_rows(g));
  EXPECT_STREQ(seen["node"]["e-zhang"]["start"].GetString(), "2023-04-01");
  bool dated = false;
  for (const auto& e : seen["edge"].GetArray())
    if (std::string(e[5].GetString()) == "r-2") {
      dated = true;
      EXPECT_STREQ(e[6].GetString(), "2023-04-01");
      EXPECT_STREQ(e[7].GetString(), "2023-05-01");
      EXPECT_STREQ(e[8].GetString(), "2023-04");
      EXPECT_STREQ(e[9].GetString(), "news/nanfaxin_2023.txt");
    }
  EXPECT_TRUE(dated);
}

TEST(GexfExport, WithoutDatesTheGraphIsStatic) {
  KnowledgeGraph g = sample_graph();
  for (DocumentInfo& d : g.documents) d.published.clear();
  for (auto [it, end] = boost::edges(g.g); it != end; ++it) g.g[*it].attributes.clear();
  const std::string xml = to_text(write_gexf, g);
  EXPECT_NE(xml.find("mode=\"static\""), std::string::npos);
  EXPECT_EQ(xml.find(" start="), std::string::npos);
  ScratchDir dir;
  testing::write_file(dir / "g.gexf", xml);
  EXPECT_EQ(gexf_schema_status(dir / "g.gexf"), 0);
}

// ---------------------------------------------------------------- provenance

TEST(Provenance, DatesAsNewsGivesThemAndTheFirstDocument) {
  EXPECT_EQ(parse_date_span("2023")->first, "2023-01-01");
  EXPECT_EQ(parse_date_span("2023")->last, "2023-12-31");
  EXPECT_EQ(parse_date_span("2024-02")->last, "2024-02-29");
  EXPECT_EQ(parse_date_span("2023-02")->last, "2023-02-28");
  EXPECT_EQ(parse_date_span("2023-05-01T08:00:00")->first, "2023-05-01");
  for (const char* bad : {"", "2023-13", "2023-04-31", "23-04-01", "2023/04/01", "abcd", "2023-4-1"})
    EXPECT_FALSE(parse_date_span(bad).has_value()) << bad;

  SampleIds ids;
  const KnowledgeGraph g = sample_graph(&ids);
  const auto edge = [&](const std::string& id) {
    for (auto [it, end] = boost::edges(g.g); it != end; ++it)
      if (g.g[*it].id == id) return *it;
    throw std::runtime_error("no " + id);
  };
  const Provenance visit = relation_provenance(g, g.g[edge("r-2")]);
  EXPECT_EQ(visit.count, 2u);
  EXPECT_EQ(visit.date, "2023-04");  // its own date comes before its article's
  EXPECT_EQ(first_source(visit), "news/nanfaxin_2023.txt");
  EXPECT_EQ(visit.span->first, "2023-04-01");
  EXPECT_EQ(visit.span->last, "2023-05-01");
  const Provenance coop = relation_provenance(g, g.g[edge("r-12")]);
  EXPECT_EQ(coop.date, "2023-06-12");  // no date of its own: its article's
  const Provenance huawei = entity_provenance(g, g.g[ids.huawei]);
  EXPECT_EQ(huawei.count, 1u);
  EXPECT_EQ(first_source(huawei), "news/park_projects.txt");
}

TEST(GraphmlExport, EdgesCarryEvidenceFirstSourceAndDateNodesMentionsAndFirstSource) {
  const std::string xml = to_text(write_graphml, sample_graph());
  EXPECT_NE(xml.find("<key id=\"e_evidence\" for=\"edge\" attr.name=\"evidence\" attr.type=\"int\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<edge id=\"r-2\" source=\"e-zhang\" target=\"e-weitong\">\n"
                     "      <data key=\"e_label\">served</data>\n"
                     "      <data key=\"e_type\">served</data>\n"
                     "      <data key=\"e_title\"></data>\n"
                     "      <data key=\"e_weight\">2</data>\n"
                     "      <data key=\"e_evidence\">2</data>\n"
                     "      <data key=\"e_first_source\">news/nanfaxin_2023.txt</data>\n"
                     "      <data key=\"e_date\">2023-04</data>\n"),
            std::string::npos)
      << xml.substr(xml.find("<edge id=\"r-2\""), 500);
  EXPECT_NE(xml.find("<data key=\"n_first_source\">news/park_projects.txt</data>"), std::string::npos);
}

TEST(GraphmlExport, MergeParallelGivesOneEdgePerPairWithTheTypesJoined) {
  ScratchDir dir;
  const KnowledgeGraph g = sample_graph();
  ExportOptions merge;
  merge.merge_parallel = true;
  const std::string xml = to_text(write_graphml, g, merge);
  testing::write_file(dir / "merged.graphml", xml);
  const auto seen = read_back("networkx-graphml", dir / "merged.graphml");
  EXPECT_EQ(seen["edges"].GetUint(), g.relation_count() - 1);  // r-2 and r-3 are one edge
  bool joined = false;
  for (const auto& e : seen["edge"].GetArray())
    if (std::string(e[0].GetString()) == "e-zhang" && std::string(e[1].GetString()) == "e-weitong") {
      joined = true;
      EXPECT_STREQ(e[2].GetString(), "served|holds_post");
      EXPECT_STREQ(e[3].GetString(), "顾问");
      EXPECT_EQ(e[4].GetInt(), 3);  // 2 + 1 pieces of evidence
    }
  EXPECT_TRUE(joined);
  // GEXF merged keeps to the schema.
  testing::write_file(dir / "merged.gexf", to_text(write_gexf, g, merge));
  EXPECT_EQ(gexf_schema_status(dir / "merged.gexf"), 0);
  std::ostringstream console;
  EXPECT_THROW(export_graph(g, ExportFormat::json, "-", console, merge), ExportError);
}

// ---------------------------------------------------------------- JSON Lines

TEST(JsonlExport, OneDocumentNodeOrEdgePerLine) {
  const KnowledgeGraph g = sample_graph();
  const auto lines = lines_of(to_text(write_jsonl, g));
  ASSERT_EQ(lines.size(), g.documents.size() + g.entity_count() + g.relation_count());
  std::map<std::string, std::size_t> kinds;
  for (const std::string& line : lines) {
    const auto record = parse_json(line);
    ASSERT_TRUE(record.IsObject()) << line;
    ++kinds[record["kind"].GetString()];
    if (std::string(record["kind"].GetString()) == "edge" && std::string(record["id"].GetString()) == "r-2") {
      EXPECT_STREQ(record["date"].GetString(), "2023-04");
      EXPECT_EQ(record["evidence_count"].GetUint(), 2u);
      EXPECT_STREQ(record["first_source"].GetString(), "news/nanfaxin_2023.txt");
      EXPECT_EQ(record["evidence"].Size(), 2u);
    }
    if (std::string(record["kind"].GetString()) == "node" && std::string(record["id"].GetString()) == "e-project") {
      EXPECT_DOUBLE_EQ(record["attributes"]["investment_yuan"].GetDouble(), 156000000.0);
    }
  }
  EXPECT_EQ(kinds["document"], g.documents.size());
  EXPECT_EQ(kinds["node"], g.entity_count());
  EXPECT_EQ(kinds["edge"], g.relation_count());
}

// ---------------------------------------------------------------- dates

TEST(Subgraph, SinceAndUntilKeepRelationsDatedInRangeAndTheirEntities) {
  const KnowledgeGraph g = sample_graph();
  SubgraphFilter april;
  april.since = "2023-04-01";
  april.until = "2023-04-30";
  const KnowledgeGraph sub = select_subgraph(g, april);
  EXPECT_EQ(relation_ids(sub), (std::set<std::string>{"r-2"}));
  EXPECT_EQ(entity_names(sub), (std::set<std::string>{"张小军", "北京伟通柔显科技有限公司"}));
  SubgraphFilter june;
  june.since = "2023-06-01";
  const KnowledgeGraph later = select_subgraph(g, june);
  // The second article's relations, and everything it mentions.
  EXPECT_EQ(relation_ids(later), (std::set<std::string>{"r-10", "r-11", "r-12", "r-13"}));
  EXPECT_TRUE(entity_names(later).count("华为公司"));
  EXPECT_FALSE(entity_names(later).count("杨勇"));
  ASSERT_EQ(later.documents.size(), 1u);
  EXPECT_EQ(later.documents[0].source, "news/park_projects.txt");
  SubgraphFilter none;
  none.until = "2022-12-31";
  EXPECT_EQ(select_subgraph(g, none).entity_count(), 0u);
}

// Evidence dated piece by piece (as the store keeps it since issue 12): a
// relation spans its evidence's dates, the earliest its `date`, the latest
// its `last_date`; a window keeps it when any piece falls inside, even when
// its first and last dates straddle the window without a piece inside it.
TEST(Dates, EvidenceDatesGiveFirstAndLastAndDecideWindows) {
  KnowledgeGraph g = sample_graph();
  Edge visit{};
  for (auto [it, end] = boost::edges(g.g); it != end; ++it)
    if (g.g[*it].id == "r-2") visit = *it;
  auto& evidence = g.g[visit].evidence;
  ASSERT_EQ(evidence.size(), 2u);
  evidence[0].date = "2023-09";
  evidence[1].date = "2022-11-30";
  const Provenance p = relation_provenance(g, g.g[visit]);
  EXPECT_EQ(p.date, "2022-11-30");
  EXPECT_EQ(p.last_date, "2023-09");
  ASSERT_TRUE(p.span.has_value());
  EXPECT_EQ(p.span->first, "2022-11-30");
  EXPECT_EQ(p.span->last, "2023-09-30");

  SubgraphFilter gap;  // between its two pieces: not kept
  gap.since = "2023-01-01";
  gap.until = "2023-08-31";
  EXPECT_EQ(relation_ids(select_subgraph(g, gap)).count("r-2"), 0u);
  SubgraphFilter autumn;  // the last day of the month-precise piece
  autumn.since = "2023-09-30";
  EXPECT_EQ(relation_ids(select_subgraph(g, autumn)).count("r-2"), 1u);

  const std::string xml = to_text(write_gexf, g);
  EXPECT_NE(xml.find("id=\"r-2\" source=\"e-zhang\" target=\"e-weitong\" kind=\"served\" label=\"served\" "
                     "weight=\"2\" start=\"2022-11-30\" end=\"2023-09-30\""),
            std::string::npos);
  EXPECT_NE(xml.find("<attvalue for=\"last_date\" value=\"2023-09\"/>"), std::string::npos);
  ScratchDir dir;
  testing::write_file(dir / "g.gexf", xml);
  EXPECT_EQ(gexf_schema_status(dir / "g.gexf"), 0);
}

// ---------------------------------------------------------------- DOT

TEST(DotExport, QuotesIdsAndGraphvizRendersIt) {
  const std::string dot = to_text(write_dot, sample_graph());
  EXPECT_NE(dot.find("\"e-zhang\" -> \"e-weitong\""), std::string::npos);
  EXPECT_NE(dot.find("label=\"holds_post: 书记\""), std::string::npos);
  EXPECT_NE(dot.find("A&B<测试>\\\"协会\\\""), std::string::npos);
  EXPECT_NE(dot.find(std::string("fillcolor=\"") + std::string(type_colour(EntityType::Park))), std::string::npos);
  ScratchDir dir;
  testing::write_file(dir / "g.dot", dot);
  const auto svg = run("dot -Tsvg " + quoted(dir / "g.dot") + " 2>/dev/null");
  EXPECT_EQ(svg.status, 0);
  EXPECT_NE(svg.output.find("张小军"), std::string::npos);
}

// ---------------------------------------------------------------- CSV


// What tests/export/check_neo4j.py, which applies neo4j-admin's rules for
// header and data files, found in an export directory.
rapidjson::Document check_neo4j(const std::filesystem::path& dir, int expected_status = 0) {
  const auto script = std::filesystem::path(KG_TEST_DATA) / "export" / "check_neo4j.py";
  auto result = run(std::string(kPython) + " " + quoted(script) + " " + quoted(dir));
  EXPECT_EQ(result.status, expected_status) << result.output;
  return parse_json(result.output);
}

TEST(CsvExport, WritesAHeaderAndADataFilePerLabelAndTypeThatNeo4jAdminRulesAccept) {
  ScratchDir dir;
  const KnowledgeGraph g = sample_graph();
  export_graph(g, ExportFormat::csv, (dir / "neo4j").string(), std::cout);
  const auto seen = check_neo4j(dir / "neo4j");
  ASSERT_TRUE(seen["errors"].Empty()) << seen["errors"][0].GetString();
  // Every entity and relation, by label and type; documents; provenance edges.
  std::map<std::string, unsigned> nodes, relationships;
  for (auto [it, end] = boost::vertices(g.g); it != end; ++it) ++nodes["Entity:" + std::string(to_string(g.g[*it].type))];
  for (auto [it, end] = boost::edges(g.g); it != end; ++it) ++relationships[std::string(to_string(g.g[*it].type))];
  nodes["Document"] = 2;
  unsigned evidence = 0, mentioned = 0;
  for (auto [it, end] = boost::edges(g.g); it != end; ++it) evidence += static_cast<unsigned>(g.g[*it].evidence.size());
  for (auto [it, end] = boost::vertices(g.g); it != end; ++it) mentioned += 1;  // one document each
  relationships["EVIDENCE_IN"] = evidence;
  relationships["MENTIONED_IN"] = mentioned;
  for (const auto& [label, count] : nodes) EXPECT_EQ(seen["nodes"][label.c_str()].GetUint(), count) << label;
  for (const auto& [type, count] : relationships)
    EXPECT_EQ(seen["relationships"][type.c_str()].GetUint(), count) << type;

  // Attributes keep their type; relations carry id, date, evidence and first source.
  EXPECT_EQ(lines_of(testing::read_file(dir / "neo4j" / "entities_Project_header.csv"))[0],
            "id:ID(Entity),name,type,aliases:string[],mentions:int,first_source,date,investment_text,"
            "investment_yuan:double");
  EXPECT_EQ(lines_of(testing::read_file(dir / "neo4j" / "entities_Project.csv"))[0],
            "\"e-project\",\"智能永磁控制系统项目\",\"Project\",\"\",1,\"news/park_projects.txt\",\"2023-06-12\","
            "\"1.56亿元\",156000000");
  const auto served = lines_of(testing::read_file(dir / "neo4j" / "relations_served.csv"));
  EXPECT_EQ(served[0], "\"e-zhang\",\"e-weitong\",\"r-2\",\"\",\"2023-04\",\"2023-04\",2,\"news/nanfaxin_2023.txt\","
                       "\"南法信镇党委书记张小军带队走访北京伟通柔显科技有限公司。\",\"sentence\",");
  // Quotes are doubled, control characters dropped.
  EXPECT_NE(testing::read_file(dir / "neo4j" / "entities_Organization.csv").find("\"A&B<测试>\"\"协会\"\"\""),
            std::string::npos);
  const std::string script = testing::read_file(dir / "neo4j" / "import.sh");
  EXPECT_NE(script.find("neo4j-admin database import full"), std::string::npos);
  EXPECT_NE(script.find("--nodes=Entity:Official=entities_Official_header.csv,entities_Official.csv"), std::string::npos);
  EXPECT_NE(script.find("--relationships=EVIDENCE_IN=evidence_in_header.csv,evidence_in.csv"), std::string::npos);
}

TEST(CsvExport, TheCheckerRefusesWhatNeo4jAdminWouldRefuse) {
  ScratchDir dir;
  export_graph(sample_graph(), ExportFormat::csv, (dir / "neo4j").string(), std::cout);
  // A relationship to an entity that is not exported, and a header type neo4j-admin does not know.
  std::ofstream(dir / "neo4j" / "relations_served.csv", std::ios::app) << "\"e-zhang\",\"e-nobody\",\"r-x\",,,,1,,,,\n";
  std::ofstream(dir / "neo4j" / "documents_header.csv", std::ios::trunc)
      << "id:ID(Document),source,part:integer,title,published,outlet,author,editor\n";
  const auto seen = check_neo4j(dir / "neo4j", 1);
  ASSERT_EQ(seen["errors"].Size(), 2u);
  EXPECT_NE(std::string(seen["errors"][0].GetString()).find("integer"), std::string::npos);
  EXPECT_NE(std::string(seen["errors"][1].GetString()).find("e-nobody"), std::string::npos);
}

TEST(CsvExport, ReplacesAnEarlierExportWholeAndRefusesAForeignDirectory) {
  ScratchDir dir;
  const auto out = dir / "neo4j";
  export_graph(sample_graph(), ExportFormat::csv, out.string(), std::cout);
  SubgraphFilter parks;
  parks.types = {EntityType::Park};
  export_graph(select_subgraph(sample_graph(), parks), ExportFormat::csv, out.string(), std::cout);
  EXPECT_FALSE(std::filesystem::exists(out / "entities_Official.csv")) << "a file of the earlier export is left";
  EXPECT_TRUE(std::filesystem::exists(out / "entities_Park.csv"));
  ASSERT_TRUE(check_neo4j(out)["errors"].Empty());

  const auto mine = dir / "mine";
  std::filesystem::create_directories(mine);
  testing::write_file(mine / "notes.txt", "keep me");
  EXPECT_THROW(export_graph(sample_graph(), ExportFormat::csv, mine.string(), std::cout), ExportError);
  EXPECT_EQ(testing::read_file(mine / "notes.txt"), "keep me");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 2)
      << "a temporary directory is left behind";
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
  for (auto f : {ExportFormat::json, ExportFormat::jsonl, ExportFormat::graphml, ExportFormat::gexf, ExportFormat::dot,
                 ExportFormat::csv})
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
