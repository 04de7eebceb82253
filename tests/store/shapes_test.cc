// tests/store/shapes_test.cc: relation_shapes (schema/011) stays equal to a
// GROUP BY of the relations joined to their ends through every kind of write
// the store takes: new entities and relations, a change of an entity's type,
// an entity deleted before the relations it leaves without an end (as
// resolution deletes them) and its row taken by a new entity meanwhile, a
// relation to itself, a rollback, clearing the graph. (A replaced graph:
// migration_test.cc.) rare_relations (schema/012) stays equal to the
// relations of the shapes of at most kRareShapeRelations through the same
// writes, and as a shape grows past the bound and falls back under it.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <tuple>
#include <vector>

#include "resolve/aggregate.h"
#include "resolve/resolve.h"
#include "store/codec.h"
#include "store/store.h"
#include "store/store_source.h"
#include "test_util.h"

namespace kg {
namespace {

std::vector<std::string> rows(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> found;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    ADD_FAILURE() << "cannot open " << path;
    return found;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) ADD_FAILURE() << sqlite3_errmsg(db);
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c)
      row += (c == 0 ? "" : "|") + std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)));
    found.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return found;
}

std::vector<std::string> stored(const std::string& path) {
  return rows(path, "SELECT type, source_type, target_type, relations FROM relation_shapes ORDER BY 1, 2, 3");
}

std::vector<std::string> counted(const std::string& path) {
  return rows(path,
              "SELECT r.type, s.type, t.type, count(*) FROM relations r JOIN entities s ON s.id = r.source "
              "JOIN entities t ON t.id = r.target GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
}

// rare_relations (schema/012) as stored, and as it should be.
std::vector<std::string> listed(const std::string& path) {
  return rows(path, "SELECT type, source_type, target_type, relation FROM rare_relations ORDER BY 1, 2, 3, 4");
}

std::vector<std::string> rare(const std::string& path) {
  return rows(path,
              "WITH shaped AS (SELECT r.type AS type, s.type AS source_type, t.type AS target_type, r.id AS id FROM "
              "relations r JOIN entities s ON s.id = r.source JOIN entities t ON t.id = r.target), "
              "counts AS (SELECT type, source_type, target_type, count(*) AS n FROM shaped GROUP BY 1, 2, 3) "
              "SELECT type, source_type, target_type, id FROM shaped JOIN counts USING (type, source_type, target_type) "
              "WHERE n <= " +
                  std::to_string(kRareShapeRelations) + " ORDER BY 1, 2, 3, 4");
}

// One shape as stored: codes of store/codec.cc.
std::string shape(RelationType relation, EntityType source, EntityType target, int n) {
  return std::to_string(codec::relation_type_code(relation)) + "|" + std::to_string(codec::entity_type_code(source)) +
         "|" + std::to_string(codec::entity_type_code(target)) + "|" + std::to_string(n);
}

std::int64_t row_named(const std::string& path, const std::string& name) {
  const auto found = rows(path, "SELECT id FROM entities WHERE name = '" + name + "'");
  return found.size() == 1 ? std::stoll(found.front()) : -1;
}

class RelationShapes : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.file("shapes.sqlite");
    Store store(path_);
    store.begin();
    document_ = store.add_document(test::make_document("a.txt", 0, U"甲乙丙丁"), Extraction{});
    store.commit();
  }

  EntityData entity(const std::string& name, EntityType type) const {
    EntityData data;
    data.group = resolution_group(type);
    data.records = 1;
    data.official_records = type == EntityType::Official ? 1 : 0;
    add_spelling(data.spellings, name, 1, 0);
    add_mentions(data.mentions, document_, {Span{0, 1}});
    return data;
  }
  StoredRelation relation(StoredEntityId source, RelationType type, StoredEntityId target) const {
    StoredRelation r;
    r.source = source;
    r.target = target;
    r.type = type;
    r.data.count = 1;
    add_evidence(r.data.evidence, Evidence{document_, Span{0, 2}, "", ""});
    return r;
  }
  void expect_exact(const std::string& when) {
    EXPECT_EQ(stored(path_), counted(path_)) << when;
    EXPECT_EQ(listed(path_), rare(path_)) << when;
  }

  test::TempDir dir_;
  std::string path_;
  std::int64_t document_ = 0;
};

TEST_F(RelationShapes, EveryWriteKeepsTheCountsExact) {
  using ET = EntityType;
  using RT = RelationType;
  {
    // New entities and relations, one of them from an entity to itself.
    Store store(path_);
    store.begin();
    ChangeSink& sink = store.graph_writer();
    sink.entity({-1, false, entity("王甲", ET::Official)});
    sink.entity({-2, false, entity("米河镇党委", ET::PartyOrg)});
    sink.entity({-3, false, entity("华宇公司", ET::Enterprise)});
    sink.entity({-4, false, entity("青禾公司", ET::Enterprise)});
    sink.entity({-5, false, entity("青山园区", ET::Park)});  // the last row: a later entity takes it
    sink.relation({-1, false, relation(-1, RT::holds_post, -2)});
    sink.relation({-2, false, relation(-1, RT::served, -3)});
    sink.relation({-3, false, relation(-3, RT::located_in, -5)});
    sink.relation({-4, false, relation(-4, RT::located_in, -5)});
    sink.relation({-5, false, relation(-3, RT::cooperates_with, -4)});
    sink.relation({-6, false, relation(-5, RT::part_of, -5)});
    store.commit();
  }
  EXPECT_EQ(stored(path_), (std::vector<std::string>{shape(RT::holds_post, ET::Official, ET::PartyOrg, 1),
                                                     shape(RT::served, ET::Official, ET::Enterprise, 1),
                                                     shape(RT::located_in, ET::Enterprise, ET::Park, 2),
                                                     shape(RT::part_of, ET::Park, ET::Park, 1),
                                                     shape(RT::cooperates_with, ET::Enterprise, ET::Enterprise, 1)}));
  expect_exact("after the first writes");
  const std::int64_t official = row_named(path_, "王甲"), park = row_named(path_, "青山园区");
  ASSERT_GT(official, 0);
  ASSERT_GT(park, official);

  {
    // Types change: the official becomes a person, the park a place (its
    // relation to itself moves once).
    Store store(path_);
    store.begin();
    ChangeSink& sink = store.graph_writer();
    sink.entity({official, false, entity("王甲", ET::Person)});
    sink.entity({park, false, entity("青山园区", ET::Place)});
    store.commit();
  }
  expect_exact("after the types changed");
  EXPECT_EQ(stored(path_).front(), shape(RT::holds_post, ET::Person, ET::PartyOrg, 1));

  {
    // As resolution writes a batch: the place deleted first, a new entity
    // made (it takes the place's row, the last), then the relations the
    // place left deleted, and a new one to the new entity.
    Store store(path_);
    store.begin();
    ChangeSink& sink = store.graph_writer();
    sink.entity({park, true, {}});
    sink.entity({-1, false, entity("米河镇政府", ET::GovOrg)});
    store.commit();
  }
  ASSERT_EQ(row_named(path_, "米河镇政府"), park);
  // The relations of the deleted place now point at the government.
  expect_exact("after a new entity took a deleted one's row");
  {
    Store store(path_);
    store.begin();
    ChangeSink& sink = store.graph_writer();
    for (const std::string& id : rows(path_, "SELECT id FROM relations WHERE target = " + std::to_string(park)))
      sink.relation({std::stoll(id), true, {}});
    sink.relation({-1, false, relation(official, RT::leads, park)});
    store.commit();
  }
  expect_exact("after the relations left without an end were deleted");
  EXPECT_EQ(rows(path_, "SELECT count(*) FROM relations WHERE target = " + std::to_string(park)),
            std::vector<std::string>{"1"});

  {
    // Deleted with its relations in one batch, in resolution's order.
    const std::int64_t firm = row_named(path_, "华宇公司");
    Store store(path_);
    store.begin();
    ChangeSink& sink = store.graph_writer();
    sink.entity({firm, true, {}});
    for (const std::string& id :
         rows(path_, "SELECT id FROM relations WHERE source = " + std::to_string(firm) + " OR target = " + std::to_string(firm)))
      sink.relation({std::stoll(id), true, {}});
    store.commit();
  }
  expect_exact("after an entity and its relations were deleted");

  const std::vector<std::string> before = stored(path_);
  ASSERT_FALSE(before.empty());
  {
    // A rolled back change leaves nothing behind, not even for the next commit.
    Store store(path_);
    store.begin();
    store.graph_writer().entity({official, true, {}});
    store.rollback();
    store.begin();
    store.commit();
  }
  EXPECT_EQ(stored(path_), before);
  expect_exact("after a rollback");

  {
    Store store(path_);
    store.clear_graph();
  }
  EXPECT_TRUE(stored(path_).empty());
  EXPECT_TRUE(listed(path_).empty());
}

// A first build writes its graph in bulk (store/graph_io.cc): every relation
// is new, and those of rare shapes are listed by their ends; an apply into
// the graph it made (not in bulk) adds to them the same way.
TEST_F(RelationShapes, ABulkWriteListsItsRareRelations) {
  auto batch_of = [&](Resolution& batch, int from, int to) {
    for (int i = from; i < to; ++i) {
      ResolvableDocument doc;
      doc.info = DocumentInfo(document_, "a.txt", 0);
      doc.content = "sha" + std::to_string(i);
      for (const std::string& name : {"甲镇" + std::to_string(i), "乙园" + std::to_string(i), "丙公司" + std::to_string(i)}) {
        LocalEntity e;
        e.type = name.find("镇") != std::string::npos   ? EntityType::Place
                 : name.find("园") != std::string::npos ? EntityType::Park
                                                         : EntityType::Enterprise;
        e.name = name;
        e.mentions = {{0, 1}};
        doc.extraction.entities.push_back(e);
      }
      for (auto [source, type, target] : {std::tuple{1, RelationType::located_in, 0},
                                          std::tuple{2, RelationType::located_in, 1},
                                          std::tuple{2, RelationType::cooperates_with, 1}}) {
        if (type == RelationType::cooperates_with && i % 10 != 0) continue;  // rarer
        LocalRelation r;
        r.type = type;
        r.source = static_cast<std::uint32_t>(source);
        r.target = static_cast<std::uint32_t>(target);
        r.evidence = {0, 2};
        doc.extraction.relations.push_back(r);
      }
      batch.add(std::move(doc));
    }
  };
  {
    Store store(path_);
    ASSERT_TRUE(store.graph_empty());
    Resolution batch(nullptr);
    batch_of(batch, 0, 30);
    store.apply(batch);
  }
  expect_exact("after the bulk write");
  EXPECT_EQ(listed(path_).size(), 63u);  // 30 + 30 located_in, 3 cooperates_with
  {
    Store store(path_);
    Resolution batch(nullptr);
    batch_of(batch, 30, 40);
    store.apply(batch);
  }
  expect_exact("after a second apply");
  EXPECT_EQ(listed(path_).size(), 84u);
}

// A shape is listed while it has at most kRareShapeRelations relations: one
// more and its rows go, one fewer and they come back. A relation of the
// shape deleted and another made in one write (the count does not move)
// changes the rows all the same.
TEST_F(RelationShapes, RareShapesAreListedUpToTheBound) {
  using ET = EntityType;
  using RT = RelationType;
  const std::int64_t bound = kRareShapeRelations;
  {
    Store store(path_);
    store.begin();
    ChangeSink& sink = store.graph_writer();
    sink.entity({-1, false, entity("青山园区", ET::Park)});
    sink.entity({-2, false, entity("王甲", ET::Official)});
    sink.entity({-3, false, entity("华宇公司", ET::Enterprise)});
    for (std::int64_t i = 0; i < bound; ++i) {
      sink.entity({-4 - i, false, entity("企业" + std::to_string(i), ET::Enterprise)});
      sink.relation({-1 - i, false, relation(-4 - i, RT::located_in, -1)});
    }
    sink.relation({-1 - bound, false, relation(-2, RT::holds_post, -3)});
    store.commit();
  }
  const std::int64_t park = row_named(path_, "青山园区"), official = row_named(path_, "王甲"),
                     firm = row_named(path_, "华宇公司");
  ASSERT_GT(park, 0);
  EXPECT_EQ(listed(path_).size(), static_cast<std::size_t>(bound + 1));
  expect_exact("at the bound");
  auto located_in_park = [&] {
    return rows(path_, "SELECT count(*) FROM rare_relations WHERE type = " +
                           std::to_string(codec::relation_type_code(RT::located_in)) + " AND target_type = " +
                           std::to_string(codec::entity_type_code(ET::Park)));
  };
  {
    // One more: the shape is common now.
    Store store(path_);
    store.begin();
    store.graph_writer().relation({-1, false, relation(firm, RT::located_in, park)});
    store.commit();
  }
  EXPECT_EQ(located_in_park(), std::vector<std::string>{"0"});
  EXPECT_EQ(listed(path_).size(), 1u);  // the official's post
  expect_exact("past the bound");
  {
    // One fewer: rare again, every row back.
    const auto last = rows(path_, "SELECT max(id) FROM relations WHERE target = " + std::to_string(park));
    Store store(path_);
    store.begin();
    store.graph_writer().relation({std::stoll(last.front()), true, {}});
    store.commit();
  }
  EXPECT_EQ(located_in_park(), std::vector<std::string>{std::to_string(bound)});
  expect_exact("back under the bound");
  {
    // Another post made and the first deleted (the new relation takes
    // another row): the count stays 1, the row changes.
    const auto post = rows(path_, "SELECT id FROM relations WHERE source = " + std::to_string(official));
    ASSERT_EQ(post.size(), 1u);
    Store store(path_);
    store.begin();
    ChangeSink& sink = store.graph_writer();
    sink.entity({-1, false, entity("青禾公司", ET::Enterprise)});
    sink.relation({-1, false, relation(official, RT::holds_post, -1)});
    sink.relation({std::stoll(post.front()), true, {}});
    store.commit();
  }
  EXPECT_EQ(rows(path_, "SELECT count(*) FROM rare_relations r JOIN relations x ON x.id = r.relation WHERE x.source = " +
                            std::to_string(official)),
            std::vector<std::string>{"1"});
  expect_exact("after a change that left the count as it was");
  {
    // Retyped: the post moves to another shape.
    Store store(path_);
    store.begin();
    store.graph_writer().entity({official, false, entity("王甲", ET::Person)});
    store.commit();
  }
  expect_exact("after a retype");
}

}  // namespace
}  // namespace kg
