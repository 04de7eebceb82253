// Resolution across documents: which local entities become one graph entity,
// and that the result does not depend on the order documents arrive in.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "graph/names.h"
#include "resolve/resolve.h"

namespace kg {
namespace {

LocalEntity entity(EntityType type, std::string name, std::vector<std::string> aliases = {},
                   std::vector<std::string> affiliations = {}) {
  LocalEntity e;
  e.type = type;
  e.name = std::move(name);
  e.aliases = std::move(aliases);
  e.affiliations = std::move(affiliations);
  e.mentions.push_back({0, 3});
  return e;
}

ResolvableDocument document(std::int64_t id, std::string source, std::vector<LocalEntity> entities) {
  ResolvableDocument d;
  d.info = DocumentInfo(id, source, 0);
  d.content = "sha-" + source;
  d.extraction.entities = std::move(entities);
  return d;
}

std::size_t count_named(const KnowledgeGraph& g, const std::string& name) {
  std::size_t n = 0;
  for (auto [it, end] = boost::vertices(g.g); it != end; ++it) {
    const auto& e = g.g[*it];
    n += e.name == name || std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end();
  }
  return n;
}

TEST(Resolve, SameNameAndTypeAcrossDocumentsIsOneEntity) {
  auto g = resolve(std::vector<ResolvableDocument>{document(1, "a.txt", {entity(EntityType::Park, "嘉兴科技城")}),
                    document(2, "b.txt", {entity(EntityType::Park, "嘉興科技城")})});
  EXPECT_EQ(g.entity_count(), 1u);
  EXPECT_EQ(g.g[0].mentions.size(), 2u);
}

TEST(Resolve, SameNameOfAnotherTypeStaysApart) {
  auto g = resolve(std::vector<ResolvableDocument>{document(1, "a.txt", {entity(EntityType::Place, "大桥镇")}),
                    document(2, "b.txt", {entity(EntityType::GovOrg, "大桥镇")})});
  EXPECT_EQ(g.entity_count(), 2u);
}

TEST(Resolve, PeopleMergeOnlyWhenAnAffiliationAgrees) {
  auto g = resolve(std::vector<ResolvableDocument>{document(1, "a.txt", {entity(EntityType::Official, "王攀", {}, {"南法信镇经济发展办公室"})}),
                    document(2, "b.txt", {entity(EntityType::Official, "王攀", {}, {"米庄镇党委"})}),
                    document(3, "c.txt", {entity(EntityType::Official, "王攀", {}, {"南法信镇经济发展办公室"})})});
  EXPECT_EQ(g.entity_count(), 2u);
}

TEST(Resolve, AnOrganisationWithAndWithoutItsPlaceIsOne) {
  auto g = resolve(std::vector<ResolvableDocument>{document(1, "a.txt", {entity(EntityType::PartyOrg, "顺义区南法信镇党委", {"南法信镇党委", "镇党委"})}),
                    document(2, "b.txt", {entity(EntityType::PartyOrg, "南法信镇党委")}),
                    // A short generic alias never joins two bodies.
                    document(3, "c.txt", {entity(EntityType::PartyOrg, "米庄镇党委", {"镇党委"})})});
  EXPECT_EQ(g.entity_count(), 2u);
  EXPECT_EQ(count_named(g, "南法信镇党委"), 1u);
}

// A first build unites while documents arrive: an alias may name a unit
// that a later document makes, or one made already.
TEST(Resolve, AnAliasMeetsItsUnitWhicheverComesFirst) {
  std::vector<ResolvableDocument> docs = {
      document(1, "a.txt", {entity(EntityType::PartyOrg, "顺义区南法信镇党委", {"南法信镇党委"})}),
      document(2, "b.txt", {entity(EntityType::PartyOrg, "南法信镇党委")}),
      document(3, "c.txt", {entity(EntityType::PartyOrg, "北京市顺义区南法信镇党委", {"顺义区南法信镇党委"})})};
  for (int round = 0; round < 3; ++round) {
    const KnowledgeGraph g = resolve(docs);
    EXPECT_EQ(g.entity_count(), 1u) << "round " << round;
    std::rotate(docs.begin(), docs.begin() + 1, docs.end());
  }
}

TEST(Resolve, OrderOfDocumentsDoesNotChangeTheGraph) {
  std::vector<ResolvableDocument> docs = {
      document(1, "a.txt", {entity(EntityType::Enterprise, "北京频岢科技有限公司"), entity(EntityType::Place, "南法信镇")}),
      document(2, "b.txt", {entity(EntityType::Enterprise, "北京频岢科技有限公司")})};
  docs[0].extraction.relations.push_back({RelationType::located_in, 0, 1, "", {0, 5}, "句子", {}});
  auto forward = resolve(docs);
  std::reverse(docs.begin(), docs.end());
  auto backward = resolve(std::move(docs));
  ASSERT_EQ(forward.entity_count(), backward.entity_count());
  for (std::size_t v = 0; v < forward.entity_count(); ++v) EXPECT_EQ(forward.g[v].id, backward.g[v].id);
  EXPECT_EQ(forward.relation_count(), 1u);
  EXPECT_EQ(backward.relation_count(), 1u);
}

}  // namespace
}  // namespace kg

namespace kg {
namespace {

TEST(Resolve, ShownValuesAreTheMostFrequentWhateverTheOrder) {
  auto project = [](std::string name, std::string investment) {
    LocalEntity e = entity(EntityType::Project, std::move(name));
    e.attributes = {{"investment_yuan", std::move(investment)}};
    return e;
  };
  std::vector<ResolvableDocument> docs = {document(1, "a.txt", {project("東風項目", "100")}),
                                          document(2, "b.txt", {project("东风项目", "200")}),
                                          document(3, "c.txt", {project("东风项目", "200")})};
  const KnowledgeGraph forward = resolve(docs);
  ASSERT_EQ(forward.entity_count(), 1u);
  EXPECT_EQ(forward.g[0].name, "东风项目");  // two records against one
  EXPECT_EQ(forward.g[0].aliases, (std::vector<std::string>{"東風項目"}));
  EXPECT_EQ(forward.g[0].attributes, (Attributes{{"investment_yuan", "200"}}));
  std::reverse(docs.begin(), docs.end());
  const KnowledgeGraph backward = resolve(std::move(docs));
  EXPECT_EQ(backward.g[0].id, forward.g[0].id);
  EXPECT_EQ(backward.g[0].attributes, forward.g[0].attributes);
}

TEST(Resolve, APersonKnownFromOneDocumentIsIdentifiedByItsBytesNotItsPath) {
  auto one = resolve(std::vector<ResolvableDocument>{document(1, "a.txt", {entity(EntityType::Person, "李明")})});
  auto moved = document(7, "elsewhere/b.txt", {entity(EntityType::Person, "李明")});
  moved.content = "sha-a.txt";
  auto two = resolve(std::vector<ResolvableDocument>{std::move(moved)});
  ASSERT_EQ(one.entity_count(), 1u);
  ASSERT_EQ(two.entity_count(), 1u);
  EXPECT_EQ(one.g[0].id, two.g[0].id);
}

// Records what a batch reports, in order.
class ChangeLog : public ChangeSink {
 public:
  void entity(EntityChange change) override { entities.push_back(change.id); }
  void relation(RelationChange change) override { relations.push_back(change.relation); }
  std::vector<StoredEntityId> entities;
  std::vector<StoredRelation> relations;
};

// A first build's store appends each new relation to its index on (source,
// type, target) only if they come in that order (resolve.h).
TEST(Resolve, NewRelationsComeInTheOrderOfTheirSourceTypeAndTarget) {
  std::vector<ResolvableDocument> docs;
  const std::vector<std::string> parks = {"青山园区", "米河园区", "东湖园区", "西岭园区"};
  const std::vector<std::string> firms = {"华宇公司", "青禾公司", "远航公司"};
  for (std::size_t d = 0; d < 6; ++d) {
    // Each document names its firms before its parks, in an order of its own,
    // so that entities are reported in another order than relations are found.
    std::vector<LocalEntity> entities;
    for (std::size_t k = 0; k < firms.size(); ++k)
      entities.push_back(entity(EntityType::Enterprise, firms[(d + k) % firms.size()]));
    for (std::size_t k = 0; k < parks.size(); ++k)
      entities.push_back(entity(EntityType::Park, parks[(3 * d + k) % parks.size()]));
    ResolvableDocument doc = document(static_cast<std::int64_t>(d + 1), "d" + std::to_string(d) + ".txt", std::move(entities));
    const auto last = static_cast<std::uint32_t>(doc.extraction.entities.size() - 1);
    for (std::uint32_t firm = 0; firm < firms.size(); ++firm) {
      doc.extraction.relations.push_back({RelationType::located_in, firm, last - firm, "", {0, 5}, "句子", {}});
      doc.extraction.relations.push_back({RelationType::cooperates_with, last - firm, firm, "", {0, 5}, "句子", {}});
    }
    doc.extraction.relations.push_back({RelationType::part_of, last, 3, "", {0, 5}, "句子", {}});
    docs.push_back(std::move(doc));
  }
  Resolution batch(nullptr);
  for (ResolvableDocument& doc : docs) batch.add(std::move(doc));
  ChangeLog log;
  batch.finish(log);
  ASSERT_EQ(log.entities.size(), parks.size() + firms.size());
  ASSERT_GT(log.relations.size(), 10u);
  // New entity -k is the k-th reported: where the store writes it.
  std::map<StoredEntityId, std::size_t> reported;
  for (std::size_t i = 0; i < log.entities.size(); ++i) reported[log.entities[i]] = i;
  auto order = [&](const StoredRelation& r) {
    return std::make_tuple(reported.at(r.source), static_cast<int>(r.type), reported.at(r.target));
  };
  for (std::size_t i = 1; i < log.relations.size(); ++i)
    EXPECT_LE(order(log.relations[i - 1]), order(log.relations[i])) << "relation " << i;
}

TEST(Resolve, LookupKeysAreTheirOwnKeys) {
  for (const char* name : {"張小軍", "“张 小军”", "ＨＩＣＯＯＬ产业园", "HiCool產業園", "南法信镇党委"})
    EXPECT_EQ(lookup_key(lookup_key(name)), lookup_key(name)) << name;
}

}  // namespace
}  // namespace kg
