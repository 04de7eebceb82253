// tests/query/fixture.h: a small hand-built governance graph shared by the
// query tests. It is a tree (plus a separate park and two people called 李明),
// so path, neighbourhood and betweenness answers can be worked out by hand:
//
//   张小军 -holds_post(书记)-> 南法信镇党委 <-holds_post(副书记)- 杨勇 -served-> 成都频岢微电子公司
//                              ^holds_post(党员)- 赵青 -served(role=accompany)-> 杰必机电
//   东风项目 -project_of-> 杰必机电;  东风项目, 北京伟通柔显科技有限公司 -located_in-> HICOOL产业园
//   中关村科技园 (alone), 李明 (Official), 李明 (Person)
#pragma once

#include <map>
#include <string>

#include "graph/graph.h"

namespace kg::testing {

struct GovernanceGraph {
  KnowledgeGraph graph;
  std::map<std::string, Vertex> v;
  int relations = 0;

  Vertex entity(const std::string& id, const std::string& name, EntityType type,
                std::vector<std::string> aliases = {}, Attributes attributes = {}) {
    EntityProps p;
    p.id = id;
    p.name = name;
    p.type = type;
    p.aliases = std::move(aliases);
    p.attributes = std::move(attributes);
    p.mentions.push_back(MentionRef{1, 0, 1});
    return v[id] = graph.add_entity(std::move(p));
  }

  void relate(const std::string& from, RelationType type, const std::string& to, const std::string& title = {},
              const std::string& sentence = {}, std::int64_t doc = 1, Attributes attributes = {}) {
    RelationProps p;
    p.id = "r" + std::to_string(++relations);
    p.type = type;
    p.title = title;
    p.attributes = std::move(attributes);
    if (!sentence.empty()) p.evidence.push_back(EvidenceRef{doc, 0, 10, sentence});
    graph.add_relation(v.at(from), v.at(to), std::move(p));
  }

  GovernanceGraph() {
    graph.documents.push_back(DocumentInfo{1, "news/a.txt", 0, "南法信镇走访企业", "2024-01-02", "", "", ""});
    graph.documents.push_back(DocumentInfo{2, "news/b.txt", 0, "招商局服务企业", "2024-02-03", "", "", ""});
    entity("zhang", "张小军", EntityType::Official);
    entity("yang", "杨勇", EntityType::Official);
    entity("zhao", "赵青", EntityType::Official);
    entity("committee", "南法信镇党委", EntityType::PartyOrg);
    entity("pinke", "成都频岢微电子公司", EntityType::Enterprise, {"频岢微电子"});
    entity("jiebi", "杰必机电", EntityType::Enterprise);
    entity("weitong", "北京伟通柔显科技有限公司", EntityType::Enterprise, {"伟通柔显公司"});
    entity("hicool", "HICOOL产业园", EntityType::Park);
    entity("dongfeng", "东风项目", EntityType::Project, {}, {{"investment_yuan", "120000000"}});
    entity("zgc", "中关村科技园", EntityType::Park);
    entity("liming1", "李明", EntityType::Official);
    entity("liming2", "李明", EntityType::Person);

    relate("zhang", RelationType::holds_post, "committee", "书记", "南法信镇党委书记张小军带队走访。");
    relate("yang", RelationType::holds_post, "committee", "副书记", "镇党委副书记杨勇参加。");
    relate("zhao", RelationType::holds_post, "committee", "党员", "党员赵青。", 2);
    relate("yang", RelationType::served, "pinke", {}, "杨勇走访成都频岢微电子公司，了解生产情况。");
    relate("zhao", RelationType::served, "jiebi", {}, "赵青陪同企业负责人考察杰必机电。", 2, {{"role", "accompany"}});
    relate("dongfeng", RelationType::project_of, "jiebi");
    relate("dongfeng", RelationType::located_in, "hicool", {}, "东风项目落户HICOOL产业园。", 2);
    relate("weitong", RelationType::located_in, "hicool", {}, "伟通柔显公司位于HICOOL产业园。");
  }
};

}  // namespace kg::testing
