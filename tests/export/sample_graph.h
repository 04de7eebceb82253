// tests/export/sample_graph.h: a small hand-built graph of a town, its party
// committee, a park, companies and a project, used by the export and report
// tests. It has parallel edges, attributes, names that need XML escaping and
// a control character, a traditional-script alias, and two documents.
#pragma once

#include <string>

#include "core/utf8.h"
#include "graph/graph.h"

namespace kg::testing {

struct SampleIds {
  Vertex zhang, yang, party, town, park, company, huawei, project, odd;
};

inline EntityProps entity(std::string id, std::string name, EntityType type,
                          std::vector<std::string> aliases, std::int64_t doc, std::uint32_t start) {
  EntityProps e;
  e.id = std::move(id);
  e.type = type;
  e.aliases = std::move(aliases);
  const auto length = static_cast<std::uint32_t>(to_u32(name).size());
  e.name = std::move(name);
  e.mentions.push_back({doc, start, start + length});
  return e;
}

// Where each sentence of the sample sits in its document: document 1 is
// s1 s2 s3, document 2 is s4 s5 and the odd sentence, one after another.
inline std::uint32_t sentence_start(const std::string& sentence);

inline RelationProps relation(std::string id, RelationType type, std::string title,
                              std::int64_t doc, std::string sentence, int evidence_count = 1) {
  RelationProps r;
  r.id = std::move(id);
  r.type = type;
  r.title = std::move(title);
  const std::uint32_t start = sentence_start(sentence);
  const auto length = static_cast<std::uint32_t>(to_u32(sentence).size());
  // A second piece of evidence of the same sentence (found twice in it).
  for (int i = 0; i < evidence_count; ++i) r.evidence.push_back({doc, start, start + length, sentence});
  return r;
}

inline const std::vector<std::string>& sample_sentences() {
  static const std::vector<std::string> sentences = {
      "南法信镇党委书记张小军带队走访北京伟通柔显科技有限公司。",
      "镇党委委员、副镇长杨勇陪同调研伟通柔显公司，协调解决用电问题。",
      "伟通柔显公司位于HICOOL产业园，园区地处南法信镇。",
      "总投资1.56亿元的智能永磁控制系统项目由伟通柔显公司投资建设。",
      "伟通柔显公司与华为公司签署战略合作协议。",
      "A&B<测试>\"协会\"\x02位于南法信镇。"};
  return sentences;
}

// The text of sample document 1 or 2, which the offsets point into.
inline std::string sample_text(std::int64_t doc) {
  const auto& s = sample_sentences();
  return doc == 1 ? s[0] + s[1] + s[2] : s[3] + s[4] + s[5];
}

inline std::uint32_t sentence_start(const std::string& sentence) {
  const auto& s = sample_sentences();
  std::uint32_t at = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 3) at = 0;  // document 2 begins
    if (s[i] == sentence) return at;
    at += static_cast<std::uint32_t>(to_u32(s[i]).size());
  }
  return 0;
}

inline KnowledgeGraph sample_graph(SampleIds* out_ids = nullptr) {
  KnowledgeGraph g;
  g.documents.push_back({1, "news/nanfaxin_2023.txt", 0, "南法信镇党委书记走访园区企业", "2023-05-01",
                         "顺义时讯", "李记者", "王编辑"});
  g.documents.push_back({2, "news/park_projects.txt", 0, "产业园项目签约 <第二批> & 合作",
                         "2023-06-12", "北京日报", "", ""});
  SampleIds ids{};
  // Mentions where the names stand in the sample texts.
  ids.zhang = g.add_entity(entity("e-zhang", "张小军", EntityType::Official, {}, 1, 8));
  ids.yang = g.add_entity(entity("e-yang", "杨勇", EntityType::Official, {}, 1, 37));
  ids.party = g.add_entity(entity("e-party", "南法信镇党委", EntityType::PartyOrg, {"镇党委"}, 1, 0));
  ids.town = g.add_entity(entity("e-town", "南法信镇", EntityType::Place, {}, 1, 0));
  ids.park = g.add_entity(entity("e-park", "HICOOL产业园", EntityType::Park, {"园区"}, 1, 67));
  ids.company = g.add_entity(entity("e-weitong", "北京伟通柔显科技有限公司", EntityType::Enterprise,
                                    {"伟通柔显公司"}, 1, 15));
  ids.huawei = g.add_entity(entity("e-huawei", "华为公司", EntityType::Enterprise, {"華為"}, 2, 39));
  EntityProps project = entity("e-project", "智能永磁控制系统项目", EntityType::Project, {}, 2, 10);
  project.attributes = {{"investment_yuan", "156000000"}, {"investment_text", "1.56亿元"}};
  ids.project = g.add_entity(std::move(project));
  ids.odd = g.add_entity(entity("e-odd", "A&B<测试>\"协会\"\x01", EntityType::Organization,
                                {"测试'协会'"}, 2, 52));

  const auto& sentences = sample_sentences();
  const std::string &s1 = sentences[0], &s2 = sentences[1], &s3 = sentences[2], &s4 = sentences[3],
                    &s5 = sentences[4];
  g.add_relation(ids.zhang, ids.party, relation("r-1", RelationType::holds_post, "书记", 1, s1));
  // A date from its sentence, a month before the article's.
  RelationProps visit = relation("r-2", RelationType::served, "", 1, s1, 2);
  visit.attributes = {{"date", "2023-04"}, {"date_from", "sentence"}};
  g.add_relation(ids.zhang, ids.company, std::move(visit));
  // A second relation between the same pair: a parallel edge of another kind.
  g.add_relation(ids.zhang, ids.company, relation("r-3", RelationType::holds_post, "顾问", 1, s1));
  RelationProps accompany = relation("r-4", RelationType::served, "", 1, s2);
  accompany.attributes = {{"role", "accompany"}};
  g.add_relation(ids.yang, ids.company, std::move(accompany));
  g.add_relation(ids.yang, ids.party, relation("r-5", RelationType::holds_post, "委员", 1, s2));
  g.add_relation(ids.yang, ids.town, relation("r-6", RelationType::holds_post, "副镇长", 1, s2));
  g.add_relation(ids.party, ids.town, relation("r-7", RelationType::leads, "", 1, s1));
  g.add_relation(ids.company, ids.park, relation("r-8", RelationType::located_in, "", 1, s3));
  g.add_relation(ids.park, ids.town, relation("r-9", RelationType::located_in, "", 1, s3));
  g.add_relation(ids.project, ids.company, relation("r-10", RelationType::project_of, "", 2, s4));
  g.add_relation(ids.project, ids.park, relation("r-11", RelationType::located_in, "", 2, s4));
  g.add_relation(ids.company, ids.huawei, relation("r-12", RelationType::cooperates_with, "", 2, s5));
  g.add_relation(ids.odd, ids.town,
                 relation("r-13", RelationType::located_in, "", 2, sentences[5]));
  if (out_ids) *out_ids = ids;
  return g;
}

}  // namespace kg::testing
