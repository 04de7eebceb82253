// tests/eval/eval_test.cc: the scoring rules of kg eval on small gold and
// graph pairs written for each rule (normalisation, per-source matching,
// greedy one-to-one matching, optional entries, symmetric relations).
#include <gtest/gtest.h>

#include <string>

#include "eval/eval.h"

namespace kg {
namespace {

// A graph with one document per listed source; every node is mentioned in
// document d1 unless the JSON says otherwise.
ScoredGraph graph_json(const std::string& json) { return parse_node_link(json, "graph.json"); }
GoldStandard gold_json(const std::string& json) { return parse_gold(json, "gold.json"); }

const Counts& at(const EvalResult& result, const std::string& key) {
  auto it = result.types.find(key);
  EXPECT_NE(it, result.types.end()) << key;
  static const Counts none;
  return it == result.types.end() ? none : it->second;
}

void expect_counts(const Counts& c, long tp, long fp, long fn) {
  EXPECT_EQ(c.tp, tp);
  EXPECT_EQ(c.fp, fp);
  EXPECT_EQ(c.fn, fn);
}

TEST(NormalizeName, FoldsWidthScriptSpacesAndQuotes) {
  EXPECT_EQ(normalize_name("ＨＩＣＯＯＬ产业园"), "HICOOL产业园");
  EXPECT_EQ(normalize_name("“红旗 渠”\u3000《公司》「甲」『乙』‘丙’\"丁\"'戊'"), "红旗渠公司甲乙丙丁戊");
  EXPECT_EQ(normalize_name("東湖鎮黨委"), "东湖镇党委");
  EXPECT_EQ(normalize_name("东湖镇党委"), "东湖镇党委");
  EXPECT_EQ(normalize_name(" \t\r\n"), "");
}

TEST(ParseGold, ReportsTheFileAndTheProblem) {
  try {
    gold_json("{\"documents\": [");
    FAIL() << "truncated JSON accepted";
  } catch (const EvalError& e) {
    EXPECT_NE(std::string(e.what()).find("gold.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
  }
  EXPECT_THROW(gold_json(""), EvalError);
  EXPECT_THROW(gold_json("[]"), EvalError);
  EXPECT_THROW(gold_json("{\"version\": 1}"), EvalError);
  EXPECT_THROW(gold_json(R"({"documents": [{"source": "a.txt", "entities": [{"name": "甲"}]}]})"),
               EvalError);  // no type
  EXPECT_THROW(gold_json(R"({"documents": [{"source": "a.txt", "entities": [
      {"name": "甲", "type": "Park", "aliases": "乙"}]}]})"),
               EvalError);
  EXPECT_THROW(gold_json("{\"documents\": [{\"source\": \"a.txt\", \"entities\": [], \"x\": \"\xff\"}]}"),
               EvalError);  // invalid UTF-8
  try {
    gold_json(R"({"documents": [{"source": "a.txt",
       "entities": [{"name": "张三", "type": "Official"}],
       "relations": [{"type": "holds_post", "source": "张三", "target": "李四"}]}]})");
    FAIL() << "relation to an unknown entity accepted";
  } catch (const EvalError& e) {
    EXPECT_NE(std::string(e.what()).find("relation end not an entity"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("a.txt"), std::string::npos);
  }
}

TEST(ParseGold, RelationEndsTakeAllNamesOfTheirEntity) {
  const GoldStandard gold = gold_json(R"({"documents": [{"source": "a.txt",
     "entities": [{"name": "张三", "type": "Official"},
                  {"name": "东湖镇党委", "type": "PartyOrg", "aliases": ["镇党委", "“党委”"]}],
     "relations": [{"type": "holds_post", "source": "张三", "target": "党委", "optional": true}]}]})");
  ASSERT_EQ(gold.count("a.txt"), 1u);
  const GoldSource& a = gold.at("a.txt");
  ASSERT_EQ(a.relations.size(), 1u);
  EXPECT_TRUE(a.relations[0].optional);
  EXPECT_EQ(a.relations[0].target_names, a.entities[1].names);
  EXPECT_EQ(a.entities[1].names.size(), 3u);
}

const char* kTwoDocGraph = R"({"directed": true, "multigraph": true,
  "graph": {"documents": [{"id": "d1", "source": "corpus/sub/a.txt"},
                          {"id": 2, "source": "C:\\news\\b.txt"}]},
  "nodes": [
    {"id": "e1", "name": "张三", "type": "Official", "mentions": [{"doc": "d1"}, {"doc": 2}]},
    {"id": "e2", "name": "东湖镇党委", "type": "PartyOrg", "mentions": [{"doc": "d1"}]},
    {"id": "e3", "name": "东湖产业园", "type": "Park", "aliases": ["园区"], "mentions": [{"doc": "d1"}]},
    {"id": "e4", "name": "李四", "type": "Person", "mentions": [{"doc": 2}]},
    {"id": "e5", "name": "东湖镇", "type": "Thing", "mentions": [{"doc": "d1"}]},
    {"id": "e6", "name": "无名", "type": "Place", "mentions": [{"doc": "d9"}]}],
  "links": [
    {"source": "e1", "target": "e2", "type": "holds_post", "title": "书记", "evidence": [{"doc": "d1"}]},
    {"source": "e1", "target": "e2", "type": "holds_post", "title": "委员", "evidence": [{"doc": "d1"}]},
    {"source": "e1", "target": "e9", "type": "served", "evidence": [{"doc": "d1"}]},
    {"source": "e1", "target": "e3", "type": "served", "evidence": [{"doc": 2}]}]})";

TEST(Evaluate, MatchesPerSourceByFileName) {
  const GoldStandard gold = gold_json(R"({"documents": [
    {"source": "a.txt", "entities": [{"name": "张三", "type": "Official"},
                                     {"name": "东湖镇党委", "type": "PartyOrg"},
                                     {"name": "园区", "type": "Park"}],
     "relations": [{"type": "holds_post", "source": "张三", "target": "东湖镇党委"}]},
    {"source": "b.txt", "entities": [{"name": "张三", "type": "Official"},
                                     {"name": "李四", "type": "Official"}]}]})");
  const EvalResult result = evaluate(gold, graph_json(kTwoDocGraph));
  expect_counts(at(result, "ent:Official"), 2, 0, 1);   // 张三 in both, 李四 is no Person
  expect_counts(at(result, "ent:PartyOrg"), 1, 0, 0);
  expect_counts(at(result, "ent:Park"), 1, 0, 0);       // through the alias 园区
  expect_counts(at(result, "ent:Person"), 0, 1, 0);     // 李四 typed Person in b
  expect_counts(at(result, "ent:Place"), 0, 0, 0);      // document d9 is no known source
  expect_counts(at(result, "ent:*other"), 0, 1, 0);     // type Thing
  // Untyped: 李四 matches whatever its type; 东湖镇 (Thing) matches nothing.
  expect_counts(at(result, "ent:*untyped"), 5, 1, 0);
  // Two parallel holds_post links are one prediction; the link to a missing
  // node is dropped; served in b has no gold.
  expect_counts(at(result, "rel:holds_post"), 1, 0, 0);
  expect_counts(at(result, "rel:served"), 0, 1, 0);
  expect_counts(result.core_entities, 4, 0, 1);
  expect_counts(result.all_entities, 4, 1, 1);
  expect_counts(result.core_relations, 1, 1, 0);
}

TEST(Evaluate, OnlySourcesRestrictsTheGoldEntries) {
  const GoldStandard gold = gold_json(R"({"documents": [
    {"source": "a.txt", "entities": [{"name": "张三", "type": "Official"}]},
    {"source": "b.txt", "entities": [{"name": "王五", "type": "Official"}]}]})");
  const EvalResult all = evaluate(gold, graph_json(kTwoDocGraph));
  const EvalResult only_a = evaluate(gold, graph_json(kTwoDocGraph), {"a.txt"});
  expect_counts(at(all, "ent:Official"), 1, 1, 1);
  expect_counts(at(only_a, "ent:Official"), 1, 0, 0);
}

TEST(Evaluate, GreedyOneToOneWithOptionalEntries) {
  const GoldStandard gold = gold_json(R"({"documents": [{"source": "a.txt", "entities": [
      {"name": "甲公司", "type": "Enterprise", "optional": true},
      {"name": "甲公司", "type": "Enterprise"},
      {"name": "乙公司", "type": "Enterprise", "optional": true},
      {"name": "丙公司", "type": "Enterprise"}]}]})");
  auto graph_of = [](int copies_of_jia, bool with_yi) {
    std::string nodes;
    for (int i = 0; i < copies_of_jia; ++i)
      nodes += R"({"id": "j)" + std::to_string(i) +
               R"(", "name": "甲公司", "type": "Enterprise", "mentions": [{"doc": "d1"}]},)";
    if (with_yi) nodes += R"({"id": "y", "name": "乙公司", "type": "Enterprise", "mentions": [{"doc": "d1"}]},)";
    nodes.pop_back();
    return R"({"graph": {"documents": [{"id": "d1", "source": "a.txt"}]}, "nodes": [)" + nodes +
           R"(], "links": []})";
  };
  // The first 甲公司 takes the non-optional entry, the second the optional one.
  expect_counts(at(evaluate(gold, graph_json(graph_of(2, false))), "ent:Enterprise"), 1, 0, 1);
  // A third copy finds nothing left: a false positive.
  expect_counts(at(evaluate(gold, graph_json(graph_of(3, false))), "ent:Enterprise"), 1, 1, 1);
  // An optional entry found neither earns nor costs; one missed is no FN.
  expect_counts(at(evaluate(gold, graph_json(graph_of(1, true))), "ent:Enterprise"), 1, 0, 1);
  expect_counts(at(evaluate(gold, graph_json(graph_of(1, false))), "ent:Enterprise"), 1, 0, 1);
}

TEST(Evaluate, AnOptionalHitIsTheLastOptionalCandidate) {
  // score.py keeps scanning past an optional candidate, so 东湖 takes the
  // second optional entry and 东湖园 finds nothing left.
  const GoldStandard gold = gold_json(R"({"documents": [{"source": "a.txt", "entities": [
      {"name": "东湖", "type": "Park", "optional": true},
      {"name": "东湖园", "type": "Park", "aliases": ["东湖"], "optional": true}]}]})");
  const EvalResult result = evaluate(gold, graph_json(R"({"graph": {"documents": [{"id": 1, "source": "a.txt"}]},
    "nodes": [{"id": "p1", "name": "东湖", "type": "Park", "mentions": [{"doc": 1}]},
              {"id": "p2", "name": "东湖园", "type": "Park", "mentions": [{"doc": 1}]}]})"));
  expect_counts(at(result, "ent:Park"), 0, 1, 0);
}

TEST(Evaluate, CooperationReadsBothWaysOtherRelationsDoNot) {
  const GoldStandard gold = gold_json(R"({"documents": [{"source": "a.txt",
     "entities": [{"name": "甲公司", "type": "Enterprise"}, {"name": "乙大学", "type": "Organization"},
                  {"name": "丙园", "type": "Park"}],
     "relations": [{"type": "cooperates_with", "source": "甲公司", "target": "乙大学"},
                   {"type": "located_in", "source": "甲公司", "target": "丙园"}]}]})");
  const ScoredGraph graph = graph_json(R"({"graph": {"documents": [{"id": "d1", "source": "a.txt"}]},
    "nodes": [{"id": 1, "name": "甲公司", "type": "Enterprise", "mentions": [{"doc": "d1"}]},
              {"id": 2, "name": "乙大学", "type": "Organization", "mentions": [{"doc": "d1"}]},
              {"id": 3, "name": "丙园", "type": "Park", "mentions": [{"doc": "d1"}]}],
    "links": [{"source": 2, "target": 1, "type": "cooperates_with", "evidence": [{"doc": "d1"}]},
              {"source": 3, "target": 1, "type": "located_in", "evidence": [{"doc": "d1"}]},
              {"source": "3", "target": 1, "type": "located_in", "evidence": [{"doc": "d1"}]}]})");
  const EvalResult result = evaluate(gold, graph);
  expect_counts(at(result, "rel:cooperates_with"), 1, 0, 0);
  // Reversed located_in is wrong; the link from the string id "3" has no node.
  expect_counts(at(result, "rel:located_in"), 0, 1, 1);
}

TEST(Evaluate, ListsMissesAsScorePyDoes) {
  const GoldStandard gold = gold_json(R"({"documents": [{"source": "a.txt",
     "entities": [{"name": "张三", "type": "Official"}, {"name": "《东湖镇》", "type": "Place"},
                  {"name": "东湖镇党委", "type": "PartyOrg"}],
     "relations": [{"type": "holds_post", "source": "张三", "target": "东湖镇党委", "title": "书记"}]}]})");
  const ScoredGraph graph = graph_json(R"({"graph": {"documents": [{"id": "d1", "source": "a.txt"}]},
    "nodes": [{"id": "e1", "name": "张三", "type": "Person", "aliases": ["老张"], "mentions": [{"doc": "d1"}]},
              {"id": "e2", "name": "东湖镇党委", "type": "PartyOrg", "mentions": [{"doc": "d1"}]}],
    "links": [{"source": "e1", "target": "e2", "type": "served", "evidence": [{"doc": "d1"}]}]})");
  const EvalResult result = evaluate(gold, graph);
  const std::string table = format_table(result, true);
  EXPECT_NE(table.find("a.txt\tFN\tOfficial\t张三\n"), std::string::npos) << table;
  EXPECT_NE(table.find("a.txt\tFP\tPerson\t张三\n"), std::string::npos) << table;
  EXPECT_NE(table.find("a.txt\tFN\tPlace\t《东湖镇》\n"), std::string::npos) << table;
  // A predicted relation is shown by the smallest of its ends' names.
  EXPECT_NE(table.find("a.txt\tFP\tserved\t张三 -> 东湖镇党委\n"), std::string::npos) << table;
  EXPECT_NE(table.find("a.txt\tFN\tholds_post\t张三 -> 东湖镇党委\n"), std::string::npos) << table;
  EXPECT_EQ(format_table(result, false).find("\tFN\t"), std::string::npos);
  // Misses follow score.py's type order: Official before Person before Place.
  EXPECT_LT(table.find("FN\tOfficial"), table.find("FP\tPerson"));
  EXPECT_LT(table.find("FP\tPerson"), table.find("FN\tPlace"));
}

TEST(Evaluate, PrecisionRecallAndF1) {
  Counts c;
  c.tp = 3; c.fp = 1; c.fn = 2;
  EXPECT_DOUBLE_EQ(c.precision(), 0.75);
  EXPECT_DOUBLE_EQ(c.recall(), 0.6);
  EXPECT_DOUBLE_EQ(c.f1(), 2 * 0.75 * 0.6 / (0.75 + 0.6));
  const Counts empty;
  EXPECT_EQ(empty.precision(), 0.0);
  EXPECT_EQ(empty.f1(), 0.0);
  const EvalResult result = evaluate(gold_json(R"({"documents": [{"source": "a.txt",
      "entities": [{"name": "张三", "type": "Official"}]}]})"), graph_json(kTwoDocGraph));
  const std::string table = format_table(result, false);
  EXPECT_NE(table.find("ent:Official                   1     0     0  1.000  1.000  1.000\n"),
            std::string::npos) << table;
  EXPECT_NE(format_json(result).find("\"core_entities\""), std::string::npos);
}

TEST(ScoredGraph, KnowledgeGraphScoresLikeItsNodeLinkForm) {
  KnowledgeGraph kg_graph;
  kg_graph.documents.push_back({7, "in/a.txt", 0, "", "", "", "", ""});
  EntityProps zhang;
  zhang.id = "official:张三";
  zhang.name = "张三";
  zhang.type = EntityType::Official;
  zhang.mentions.push_back({7, 0, 2});
  EntityProps committee;
  committee.id = "partyorg:东湖镇党委";
  committee.name = "東湖鎮黨委";
  committee.type = EntityType::PartyOrg;
  committee.aliases = {"镇党委"};
  committee.mentions.push_back({7, 3, 8});
  committee.mentions.push_back({8, 3, 8});  // a document the graph does not list
  const Vertex a = kg_graph.add_entity(zhang);
  const Vertex b = kg_graph.add_entity(committee);
  RelationProps post;
  post.id = "r1";
  post.type = RelationType::holds_post;
  post.title = "书记";
  post.evidence.push_back({7, 0, 10, "…"});
  kg_graph.add_relation(a, b, post);
  post.id = "r2";
  kg_graph.add_relation(a, b, post);

  const ScoredGraph scored = scored_graph(kg_graph);
  ASSERT_EQ(scored.entities.size(), 2u);
  EXPECT_EQ(scored.entities[1].type, "PartyOrg");
  EXPECT_EQ(scored.entities[1].sources, (std::vector<std::string>{"a.txt", "?"}));
  ASSERT_EQ(scored.relations.size(), 2u);

  const GoldStandard gold = gold_json(R"({"documents": [{"source": "a.txt",
     "entities": [{"name": "张三", "type": "Official"},
                  {"name": "东湖镇党委", "type": "PartyOrg", "aliases": ["镇党委"]}],
     "relations": [{"type": "holds_post", "source": "张三", "target": "镇党委"}]}]})");
  const EvalResult from_graph = evaluate(gold, scored);
  const EvalResult from_json = evaluate(gold, graph_json(R"({"graph": {"documents": [
      {"id": 7, "source": "in/a.txt"}]},
    "nodes": [{"id": "a", "name": "张三", "type": "Official", "mentions": [{"doc": 7}]},
              {"id": "b", "name": "東湖鎮黨委", "type": "PartyOrg", "aliases": ["镇党委"],
               "mentions": [{"doc": 7}, {"doc": 8}]}],
    "links": [{"source": "a", "target": "b", "type": "holds_post", "evidence": [{"doc": 7}]},
              {"source": "a", "target": "b", "type": "holds_post", "evidence": [{"doc": 7}]}]})"));
  EXPECT_EQ(format_table(from_graph, true), format_table(from_json, true));
  expect_counts(from_graph.all_entities, 2, 0, 0);
  expect_counts(from_graph.all_relations, 1, 0, 0);
}

}  // namespace
}  // namespace kg
