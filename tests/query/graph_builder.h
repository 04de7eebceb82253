// tests/query/graph_builder.h: a small graph of one document made in a
// test, entities and relations numbered as they are made (ids e00001, ...).
#pragma once

#include <cstdio>
#include <string>
#include <utility>

#include "graph/graph.h"

namespace kg::testing {

class GraphBuilder {
 public:
  GraphBuilder() { graph_.documents.push_back(DocumentInfo{1, "news/a.txt", 0, "A", "2024-01-10", "", "", ""}); }
  Vertex entity(const std::string& name, EntityType type) {
    EntityProps p;
    char id[16];
    std::snprintf(id, sizeof id, "e%05d", ++entities_);
    p.id = id;
    p.name = name;
    p.type = type;
    p.mentions.push_back(MentionRef{1, 0, 2});
    return graph_.add_entity(std::move(p));
  }
  // `date`: when its one piece of evidence says it happened ("" undated).
  void relate(Vertex from, RelationType type, Vertex to, const std::string& date = "") {
    RelationProps p;
    p.id = "r" + std::to_string(++relations_);
    p.type = type;
    p.evidence.push_back(EvidenceRef{1, 0, 2, "句子。", date});
    graph_.add_relation(from, to, std::move(p));
  }
  KnowledgeGraph take() { return std::move(graph_); }

 private:
  KnowledgeGraph graph_;
  int entities_ = 0, relations_ = 0;
};

}  // namespace kg::testing
