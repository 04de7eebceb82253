// tests/store/date_bounds_test.cc: the bounds of the graph's dates
// (store/date_bounds.h) are wide enough after every kind of write, so that a
// window outside them may be answered without reading: a whole graph
// written, a relation added, one removed (the bounds stay as wide), a
// database whose relations came before the bounds (none are written: they
// would be too narrow), and a graph cleared.
#include <gtest/gtest.h>

#include "store/date_bounds.h"
#include "store/store.h"
#include "test_util.h"

namespace kg {
namespace {

using Bounds = std::optional<std::pair<std::int64_t, std::int64_t>>;

std::int64_t last_relation(const Store& store) {
  const std::vector<std::string> id = test::column_of(store.path(), "SELECT max(id) FROM relations");
  return id.empty() ? 0 : std::stoll(id.front());
}

KnowledgeGraph dated_graph(std::int64_t document) {
  KnowledgeGraph graph;
  graph.documents.push_back(DocumentInfo{document, "a.txt", 0});
  auto add = [&](const std::string& name, EntityType type) { return test::add_named_entity(graph, name, type, document); };
  const Vertex official = add("甲", EntityType::Official), firm = add("乙", EntityType::Enterprise),
               other = add("丙", EntityType::Enterprise);
  int n = 0;
  for (const auto& [to, date] : {std::pair{firm, "2020-05-01"}, std::pair{other, "2021"}}) {
    RelationProps r;
    r.id = "r" + std::to_string(++n);
    r.type = RelationType::served;
    r.evidence = {EvidenceRef{document, 0, 1, "", date}, EvidenceRef{document, 0, 1, "", "about then"}};
    graph.add_relation(official, to, r);
  }
  return graph;
}

// A relation between the first two entities, dated `date`, through the
// writer every incremental write goes through.
void add_relation(Store& store, const std::string& date) {
  store.begin();
  StoredRelation r;
  r.source = 1;
  r.target = 2;
  r.type = RelationType::cooperates_with;
  r.data.count = 1;
  r.data.evidence = {Evidence{1, {0, 1}, "", date}};
  store.graph_writer().relation({-1, false, r});
  store.commit();
}

TEST(DateBounds, WideEnoughAfterEveryWriteAndAbsentWhenUnsure) {
  test::TempDir dir;
  const std::string path = dir.file("bounds.sqlite");
  {
    Store store(path);
    store.begin();
    const std::int64_t a = store.add_document(test::make_document("a.txt", 0, U"甲乙丙"), Extraction{});
    store.replace_graph(dated_graph(a));
    store.commit();
    // A text that is no date is no bound.
    EXPECT_EQ(DateBounds::read(store), (Bounds{{20200501, 20211231}}));

    add_relation(store, "2019-03");
    EXPECT_EQ(DateBounds::read(store), (Bounds{{20190301, 20211231}}));
    add_relation(store, "2022-07-04T09:30");
    EXPECT_EQ(DateBounds::read(store), (Bounds{{20190301, 20220704}}));

    // Removed: the bounds may be wider than what is stored, never narrower.
    store.begin();
    store.graph_writer().relation({last_relation(store), true, {}});
    store.commit();
    EXPECT_EQ(DateBounds::read(store), (Bounds{{20190301, 20220704}}));
  }
  // As a database written before there were bounds: relations, no bounds.
  test::run_sql(path, "DELETE FROM counters WHERE name LIKE 'dates.%'");
  {
    Store store(path);
    add_relation(store, "2030-01-01");
    EXPECT_EQ(DateBounds::read(store), Bounds{});
    // Cleared, the graph has no relation to be unsure of.
    store.begin();
    store.clear_graph();
    store.commit();
    EXPECT_EQ(DateBounds::read(store), Bounds{});
    store.begin();
    store.replace_graph(dated_graph(1));
    store.commit();
    EXPECT_EQ(DateBounds::read(store), (Bounds{{20200501, 20211231}}));
  }
}

TEST(DateBounds, AWindowIsOutsideOnlyWhenNoDayOfItIsWithin) {
  const std::pair<std::int64_t, std::int64_t> bounds{20180101, 20241231};
  auto window = [](const std::string& since, const std::string& until) { return DateWindow{since, until}; };
  EXPECT_TRUE(DateBounds::outside(bounds, window("2010-01-01", "2011-12-31")));
  EXPECT_TRUE(DateBounds::outside(bounds, window("2025-01-01", "")));
  EXPECT_TRUE(DateBounds::outside(bounds, window("", "2017-12-31")));
  EXPECT_FALSE(DateBounds::outside(bounds, window("2017-12-31", "2018-01-01")));
  EXPECT_FALSE(DateBounds::outside(bounds, window("2024-12-31", "")));
  EXPECT_FALSE(DateBounds::outside(bounds, window("", "2018-01-01")));
  EXPECT_FALSE(DateBounds::outside(bounds, window("", "")));
}

}  // namespace
}  // namespace kg
