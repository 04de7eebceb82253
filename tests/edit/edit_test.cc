// tests/edit/edit_test.cc: every kind of edit survives an incremental add, a
// remove and a full rebuild, and ends where making the same edit on a fresh
// build of the same files ends; undo ends where never having made it ends;
// names that match several entities are refused with what tells them apart;
// ids work wherever names do.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>

#include "edit/edit.h"
#include "graph/names.h"
#include "pipeline/pipeline.h"
#include "snapshot.h"
#include "store/store.h"
#include "store/store_source.h"

namespace kg {
namespace {

void build_into(const std::string& db, const std::vector<std::string>& inputs, bool rebuild = false) {
  Store store(db);
  BuildOptions options;
  options.inputs = inputs;
  options.threads = 2;
  options.rebuild = rebuild;
  const BuildReport report = build(store, options);
  ASSERT_EQ(report.files_failed, 0u);
}

// The graph as readers see it, in an order that does not depend on row ids.
// (The snapshot checks relation_shapes against the relations it counts.)
struct Graph {
  std::vector<std::string> entities, relations, keys, counters, relation_shapes;
  friend bool operator==(const Graph&, const Graph&) = default;
};

Graph graph_of(const std::string& db) {
  test::Snapshot s = test::snapshot(db);
  for (auto* list : {&s.entities, &s.relations, &s.entity_keys, &s.counters}) std::sort(list->begin(), list->end());
  return {s.entities, s.relations, s.entity_keys, s.counters, s.relation_shapes};
}

void expect_same(const Graph& a, const Graph& b, const std::string& what) {
  EXPECT_EQ(a.entities, b.entities) << what;
  EXPECT_EQ(a.relations, b.relations) << what;
  EXPECT_EQ(a.keys, b.keys) << what;
  EXPECT_EQ(a.counters, b.counters) << what;
  EXPECT_EQ(a.relation_shapes, b.relation_shapes) << what;
}

// What a reader sees of one name.
std::vector<EntitySummary> shown_as(const std::string& db, const std::string& name) {
  const Store store(db, Store::Mode::read_only);
  const StoreSource source(store);
  return source.entities_by_key(lookup_key(name), NameTier::name);
}

EntityDetails details_of(const std::string& db, const std::string& name) {
  const Store store(db, Store::Mode::read_only);
  const StoreSource source(store);
  const auto found = source.entities_by_key(lookup_key(name), NameTier::name);
  if (found.size() != 1) {
    ADD_FAILURE() << name << " names " << found.size() << " entities in " << db;
    return {};
  }
  return source.details(found.front().ref);
}

bool has_alias(const EntityDetails& d, const std::string& alias) {
  return std::find(d.aliases.begin(), d.aliases.end(), alias) != d.aliases.end();
}

// The id of the holds_post relation of `person` to `body`, empty when none.
std::string post_relation(const std::string& db, const std::string& person, const std::string& body) {
  const Store store(db, Store::Mode::read_only);
  const StoreSource source(store);
  for (const EntitySummary& p : source.entities_by_key(lookup_key(person), NameTier::name))
    for (const RelationSummary& r : source.relations_of(p.ref, EdgeDirection::out, RelationType::holds_post))
      if (r.target.name == body) return r.id;
  return {};
}

struct Case {
  std::string label;
  // The request for a database (a relation id is looked up in it).
  std::function<EditRequest(const std::string& db, const std::string& set_a)> request;
  // What must hold while the edit is in force.
  std::function<void(const std::string& db, const std::string& when)> holds;
};

EditRequest plain(const std::string& kind, std::vector<std::string> names, std::string value = {}) {
  return EditRequest{kind, std::move(names), std::move(value), "tester"};
}

std::vector<Case> cases() {
  std::vector<Case> list;
  list.push_back({"merge",
                  [](const std::string&, const std::string&) { return plain("merge", {"青禾食品有限公司", "华宇新材料科技有限公司"}); },
                  [](const std::string& db, const std::string& when) {
                    EXPECT_TRUE(shown_as(db, "青禾食品有限公司").empty()) << when;
                    const EntityDetails d = details_of(db, "华宇新材料科技有限公司");
                    EXPECT_TRUE(has_alias(d, "青禾食品有限公司")) << when;
                  }});
  list.push_back({"rename",
                  [](const std::string&, const std::string&) { return plain("rename", {"米河镇党委"}, "中共米河镇委员会"); },
                  [](const std::string& db, const std::string& when) {
                    EXPECT_TRUE(shown_as(db, "米河镇党委").empty()) << when;
                    const EntityDetails d = details_of(db, "中共米河镇委员会");
                    EXPECT_EQ(d.entity.type, EntityType::PartyOrg) << when;
                    EXPECT_TRUE(has_alias(d, "米河镇党委")) << when;
                  }});
  list.push_back({"retype",
                  [](const std::string&, const std::string&) { return plain("retype", {"青山经济开发区"}, "GovOrg"); },
                  [](const std::string& db, const std::string& when) {
                    const auto shown = shown_as(db, "青山经济开发区");
                    ASSERT_EQ(shown.size(), 1u) << when;
                    EXPECT_EQ(shown.front().type, EntityType::GovOrg) << when;
                  }});
  list.push_back({"alias",
                  [](const std::string&, const std::string&) { return plain("alias", {"王建国"}, "王书记"); },
                  [](const std::string& db, const std::string& when) {
                    EXPECT_TRUE(has_alias(details_of(db, "王建国"), "王书记")) << when;
                    const Store store(db, Store::Mode::read_only);
                    const StoreSource source(store);
                    const NameMatches m = match_name(source, "王书记");
                    ASSERT_EQ(m.entities.size(), 1u) << when;
                    EXPECT_EQ(m.entities.front().name, "王建国") << when;
                  }});
  list.push_back({"delete",
                  [](const std::string&, const std::string&) { return plain("delete", {"华宇新材料科技有限公司"}); },
                  [](const std::string& db, const std::string& when) {
                    EXPECT_TRUE(shown_as(db, "华宇新材料科技有限公司").empty()) << when;
                    EXPECT_EQ(test::query_int(db, "SELECT count(*) FROM relations r WHERE NOT EXISTS (SELECT 1 FROM "
                                                  "entities e WHERE e.id = r.source) OR NOT EXISTS (SELECT 1 FROM "
                                                  "entities e WHERE e.id = r.target)"),
                              0)
                        << when;
                  }});
  list.push_back({"delete-relation",
                  [](const std::string& db, const std::string&) {
                    return plain("delete-relation", {post_relation(db, "王建国", "米河镇党委")});
                  },
                  [](const std::string& db, const std::string& when) {
                    EXPECT_EQ(post_relation(db, "王建国", "米河镇党委"), "") << when;
                    EXPECT_FALSE(shown_as(db, "王建国").empty()) << when;
                  }});
  list.push_back({"split",
                  [](const std::string&, const std::string& set_a) {
                    return plain("split", {"青禾食品有限公司"}, set_a + "/town_committee.txt");
                  },
                  [](const std::string& db, const std::string& when) {
                    const EntityDetails split = details_of(db, "青禾食品有限公司（town_committee.txt）");
                    ASSERT_EQ(split.documents.size(), 1u) << when;
                    EXPECT_EQ(split.entity.type, EntityType::Enterprise) << when;
                    EXPECT_TRUE(has_alias(split, "青禾食品有限公司")) << when;
                    const EntityDetails rest = details_of(db, "青禾食品有限公司");
                    EXPECT_FALSE(rest.documents.empty()) << when;
                    EXPECT_EQ(std::count(rest.documents.begin(), rest.documents.end(), split.documents.front()), 0)
                        << when;
                  }});
  return list;
}

class EditSurvives : public ::testing::TestWithParam<std::size_t> {
 protected:
  void SetUp() override {
    corpus_ = dir_.file("corpus");
    test::copy_fixtures(corpus_);
    set_a_ = corpus_ + "/set_a";
    set_b_ = corpus_ + "/set_b";
  }
  // A fresh build of `inputs` with the edit made on it.
  Graph fresh_with_edit(const std::string& name, const std::vector<std::string>& inputs, const Case& c) {
    const std::string db = dir_.file(name);
    build_into(db, inputs);
    Store store(db);
    make_edit(store, c.request(db, set_a_));
    return graph_of(db);
  }
  test::TempDir dir_;
  std::string corpus_, set_a_, set_b_;
};

TEST_P(EditSurvives, AddRemoveRebuildAndUndo) {
  const Case c = cases()[GetParam()];
  SCOPED_TRACE(c.label);
  const std::string db = dir_.file("kg.sqlite");
  build_into(db, {set_a_});
  const Graph before = graph_of(db);
  {
    Store store(db);
    const EditOutcome outcome = make_edit(store, c.request(db, set_a_));
    EXPECT_EQ(outcome.id, 1);
  }
  c.holds(db, "after the edit");
  EXPECT_NE(graph_of(db), before);

  // An incremental add: the same as the edit made on a fresh build of both.
  build_into(db, {set_b_});
  c.holds(db, "after adding set_b");
  expect_same(graph_of(db), fresh_with_edit("both.sqlite", {set_a_, set_b_}, c), "add");

  // A remove, likewise.
  {
    Store store(db);
    ASSERT_EQ(remove_sources(store, {set_a_ + "/park.txt"}), 1u);
  }
  c.holds(db, "after removing park.txt");
  expect_same(graph_of(db), fresh_with_edit("removed.sqlite", {set_a_ + "/town_committee.txt", set_b_}, c),
              "remove");

  // A full rebuild: every document extracted again, the graph resolved from
  // scratch, the edits applied again.
  const Graph incremental = graph_of(db);
  build_into(db, {}, true);
  c.holds(db, "after a full rebuild");
  expect_same(graph_of(db), incremental, "rebuild");

  // Undo: as if the edit had never been made.
  {
    Store store(db);
    undo_edit(store, 1);
  }
  const std::string plain_db = dir_.file("plain.sqlite");
  build_into(plain_db, {set_a_ + "/town_committee.txt", set_b_});
  expect_same(graph_of(db), graph_of(plain_db), "undo");
  {
    Store store(db);
    const auto edits = list_edits(store);
    ASSERT_EQ(edits.size(), 1u);
    EXPECT_TRUE(edits.front().undone);
    EXPECT_EQ(edits.front().made_by, "tester");
    EXPECT_EQ(edits.front().kind, c.request(plain_db, set_a_).kind);
    EXPECT_THROW(undo_edit(store, 1), EditError);
  }
  // An undone edit stays undone through later builds.
  build_into(db, {}, true);
  expect_same(graph_of(db), graph_of(plain_db), "rebuild after undo");
}

INSTANTIATE_TEST_SUITE_P(Kinds, EditSurvives, ::testing::Range<std::size_t>(0, 7),
                         [](const ::testing::TestParamInfo<std::size_t>& param) {
                           std::string name = cases()[param.param].label;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

class Edits : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = dir_.file("corpus");
    test::copy_fixtures(corpus_);
    db_ = dir_.file("kg.sqlite");
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_.file(name), std::ios::binary) << text;
  }
  test::TempDir dir_;
  std::string corpus_, db_;
};

TEST_F(Edits, ADeletedEntityDoesNotComeBackWhenAnotherFileMentionsIt) {
  build_into(db_, {corpus_ + "/set_a"});
  {
    Store store(db_);
    make_edit(store, plain("delete", {"青禾食品有限公司"}));
  }
  EXPECT_TRUE(shown_as(db_, "青禾食品有限公司").empty());
  // official_visit.txt names it again.
  build_into(db_, {corpus_ + "/set_b/official_visit.txt"});
  EXPECT_TRUE(shown_as(db_, "青禾食品有限公司").empty());
  {
    Store store(db_);
    undo_edit(store, 1);
  }
  const EntityDetails back = details_of(db_, "青禾食品有限公司");
  EXPECT_EQ(back.documents.size(), 3u);  // set_a/park, set_a/town_committee, set_b/official_visit
}

TEST_F(Edits, AmbiguousNamesAreListedWithWhatTellsThemApartAndIdsChooseOne) {
  write("a.txt",
        "米河镇召开企业服务推进会\n\n2024年3月1日\n\n3月1日，米河镇党委书记王伟到华宇新材料科技有限公司调研。\n");
  write("b.txt",
        "青山县领导走访企业\n\n2024年5月2日\n\n5月2日，青山县副县长王伟到青禾食品有限公司走访，了解企业生产情况。\n");
  build_into(db_, {dir_.file("a.txt"), dir_.file("b.txt")});
  const auto people = shown_as(db_, "王伟");
  ASSERT_EQ(people.size(), 2u);
  Store store(db_);
  try {
    make_edit(store, plain("rename", {"王伟"}, "王维"));
    FAIL() << "an ambiguous name was accepted";
  } catch (const EditError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("names 2 entities"), std::string::npos) << message;
    for (const EntitySummary& p : people) EXPECT_NE(message.find(p.id), std::string::npos) << message;
    EXPECT_NE(message.find("first in " + dir_.file("a.txt")), std::string::npos) << message;
    EXPECT_NE(message.find("first in " + dir_.file("b.txt")), std::string::npos) << message;
  }
  EXPECT_TRUE(list_edits(store).empty());
  // By id: only that one.
  make_edit(store, plain("rename", {people.front().id}, "王维"));
  EXPECT_EQ(shown_as(db_, "王伟").size(), 1u);
  EXPECT_EQ(shown_as(db_, "王维").size(), 1u);
}

TEST_F(Edits, IdsWorkWhereverNamesDo) {
  build_into(db_, {corpus_ + "/set_a"});
  const std::string company = shown_as(db_, "华宇新材料科技有限公司").at(0).id;
  const std::string food = shown_as(db_, "青禾食品有限公司").at(0).id;
  const std::string committee = shown_as(db_, "米河镇党委").at(0).id;
  const std::string zone = shown_as(db_, "青山经济开发区").at(0).id;
  const std::string person = shown_as(db_, "王建国").at(0).id;
  Store store(db_);
  make_edit(store, plain("alias", {person}, "王书记"));
  make_edit(store, plain("retype", {zone}, "GovOrg"));
  make_edit(store, plain("rename", {committee}, "中共米河镇委员会"));
  make_edit(store, plain("merge", {food, company}));
  EXPECT_EQ(list_edits(store).size(), 4u);
  EXPECT_TRUE(has_alias(details_of(db_, "王建国"), "王书记"));
  EXPECT_EQ(shown_as(db_, "青山经济开发区").at(0).type, EntityType::GovOrg);
  EXPECT_EQ(shown_as(db_, "中共米河镇委员会").size(), 1u);
  EXPECT_TRUE(shown_as(db_, "青禾食品有限公司").empty());
  // The ids as they are now name the entities too.
  const std::string renamed = shown_as(db_, "中共米河镇委员会").at(0).id;
  make_edit(store, plain("delete", {renamed}));
  EXPECT_TRUE(shown_as(db_, "中共米河镇委员会").empty());
}

TEST_F(Edits, BadRequestsChangeNothing) {
  build_into(db_, {corpus_ + "/set_a"});
  const Graph before = graph_of(db_);
  Store store(db_);
  EXPECT_THROW(make_edit(store, plain("delete", {"没有这个名字的机构"})), EditError);
  EXPECT_THROW(make_edit(store, plain("delete", {"e0000000000000000"})), EditError);
  EXPECT_THROW(make_edit(store, plain("delete-relation", {"r0000000000000000"})), EditError);
  EXPECT_THROW(make_edit(store, plain("delete-relation", {"not-an-id"})), EditUsageError);
  EXPECT_THROW(make_edit(store, plain("retype", {"王建国"}, "Bogus")), EditUsageError);
  EXPECT_THROW(make_edit(store, plain("rename", {"王建国"}, "")), EditUsageError);
  EXPECT_THROW(make_edit(store, plain("merge", {"王建国"})), EditUsageError);
  EXPECT_THROW(make_edit(store, plain("explode", {"王建国"})), EditUsageError);
  EXPECT_THROW(make_edit(store, plain("merge", {"王建国", "王建国"})), EditError);
  EXPECT_THROW(make_edit(store, plain("rename", {"青禾食品有限公司"}, "华宇新材料科技有限公司")), EditError);
  EXPECT_THROW(make_edit(store, plain("split", {"王建国"}, dir_.file("nowhere.txt"))), EditError);
  EXPECT_THROW(make_edit(store, plain("split", {"王建国"}, "")), EditUsageError);
  // 陈志远 is named in park.txt only.
  EXPECT_THROW(make_edit(store, plain("split", {"陈志远"}, corpus_ + "/set_a/town_committee.txt")), EditError);
  EXPECT_THROW(make_edit(store, plain("split", {"陈志远"}, corpus_ + "/set_a/park.txt")), EditError);
  EXPECT_THROW(undo_edit(store, 7), EditError);
  EXPECT_TRUE(list_edits(store).empty());
  EXPECT_FALSE(store.in_transaction());
  expect_same(graph_of(db_), before, "after refused edits");
}

TEST_F(Edits, EditsOnEditsChainThroughRebuilds) {
  build_into(db_, {corpus_ + "/set_a"});
  {
    Store store(db_);
    make_edit(store, plain("rename", {"米河镇党委"}, "中共米河镇委员会"));
    // Names the entity by its new name: applied after the rename on every rebuild.
    make_edit(store, plain("alias", {"中共米河镇委员会"}, "米河党委"));
  }
  build_into(db_, {corpus_ + "/set_b"});
  build_into(db_, {}, true);
  const EntityDetails d = details_of(db_, "中共米河镇委员会");
  EXPECT_TRUE(has_alias(d, "米河党委"));
  EXPECT_TRUE(has_alias(d, "米河镇党委"));
}

// The entity an id finds, as a reader sees it.
std::optional<EntitySummary> by_id(const std::string& db, const std::string& id) {
  const Store store(db, Store::Mode::read_only);
  return StoreSource(store).entity_by_id(id);
}

std::optional<RelationSummary> relation_by_id(const std::string& db, const std::string& id) {
  const Store store(db, Store::Mode::read_only);
  return StoreSource(store).relation_by_id(id);
}

// Rows of entity_moves whose former id an entity has (they would never be
// read) or whose current id none has (a chain longer than one step).
std::int64_t stale_moves(const std::string& db) {
  return test::query_int(db,
                         "SELECT count(*) FROM entity_moves WHERE former IN (SELECT key FROM entities) OR current NOT "
                         "IN (SELECT key FROM entities)");
}

TEST_F(Edits, IdsSeenBeforeARenameOrAMergeFindTheEntityAndAnUndoGivesThemBack) {
  build_into(db_, {corpus_ + "/set_a"});
  const std::string committee = shown_as(db_, "米河镇党委").at(0).id;
  const std::string food = shown_as(db_, "青禾食品有限公司").at(0).id;
  const std::string company = shown_as(db_, "华宇新材料科技有限公司").at(0).id;
  const std::string post = post_relation(db_, "王建国", "米河镇党委");
  ASSERT_FALSE(post.empty());

  std::string renamed, renamed_twice;
  {
    Store store(db_);
    const EditOutcome outcome = make_edit(store, plain("rename", {committee}, "中共米河镇委员会"));
    renamed = shown_as(db_, "中共米河镇委员会").at(0).id;
    ASSERT_NE(renamed, committee);  // the id follows the shown name
    EXPECT_NE(outcome.description.find(committee + " now " + renamed), std::string::npos) << outcome.description;
    make_edit(store, plain("merge", {food, company}));
  }
  // The former ids find the entities as they are now.
  auto found = by_id(db_, committee);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, renamed);
  EXPECT_EQ(found->name, "中共米河镇委员会");
  found = by_id(db_, food);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, company);
  EXPECT_EQ(found->name, "华宇新材料科技有限公司");
  EXPECT_FALSE(by_id(db_, "e0123456789abcdef"));
  // A relation's id follows its ends' ids: the one seen before finds it as it is now.
  const std::string post_now = post_relation(db_, "王建国", "中共米河镇委员会");
  ASSERT_FALSE(post_now.empty());
  EXPECT_NE(post_now, post);
  auto relation = relation_by_id(db_, post);
  ASSERT_TRUE(relation);
  EXPECT_EQ(relation->id, post_now);
  EXPECT_EQ(relation->target.name, "中共米河镇委员会");
  relation = relation_by_id(db_, post_now);
  ASSERT_TRUE(relation);
  EXPECT_EQ(relation->id, post_now);
  EXPECT_FALSE(relation_by_id(db_, "r0123456789abcdef"));

  // An edit names an entity by a former id too; a second rename moves the
  // first id along with it.
  {
    Store store(db_);
    const EditOutcome alias = make_edit(store, plain("alias", {committee}, "米河党委"));
    EXPECT_NE(alias.description.find(committee + " now " + renamed), std::string::npos) << alias.description;
    make_edit(store, plain("rename", {renamed}, "米河镇委"));
  }
  EXPECT_TRUE(has_alias(details_of(db_, "米河镇委"), "米河党委"));
  renamed_twice = shown_as(db_, "米河镇委").at(0).id;
  for (const std::string& id : {committee, renamed}) {
    found = by_id(db_, id);
    ASSERT_TRUE(found) << id;
    EXPECT_EQ(found->id, renamed_twice) << id;
  }
  EXPECT_EQ(stale_moves(db_), 0);
  const auto relation_count = test::query_int(db_, "SELECT count(*) FROM relations");
  {
    Store store(db_);
    EXPECT_NO_THROW(make_edit(store, plain("delete-relation", {post})));  // the id before both renames
  }
  EXPECT_EQ(post_relation(db_, "王建国", "米河镇委"), "");
  EXPECT_EQ(test::query_int(db_, "SELECT count(*) FROM relations"), relation_count - 1);

  // Through an incremental build and a full rebuild.
  build_into(db_, {corpus_ + "/set_b"});
  build_into(db_, {}, true);
  for (const std::string& id : {committee, renamed}) EXPECT_EQ(by_id(db_, id).value_or(EntitySummary{}).id, renamed_twice);
  EXPECT_EQ(by_id(db_, food).value_or(EntitySummary{}).id, company);

  // Undone, last first: the ids are as they were, and those the edits gave
  // find the entities again.
  {
    Store store(db_);
    for (std::int64_t id = 5; id >= 1; --id) undo_edit(store, id);
  }
  EXPECT_EQ(shown_as(db_, "米河镇党委").at(0).id, committee);
  EXPECT_EQ(shown_as(db_, "青禾食品有限公司").at(0).id, food);
  EXPECT_EQ(shown_as(db_, "华宇新材料科技有限公司").at(0).id, company);
  for (const std::string& id : {renamed, renamed_twice}) EXPECT_EQ(by_id(db_, id).value_or(EntitySummary{}).id, committee);
  EXPECT_EQ(relation_by_id(db_, post).value_or(RelationSummary{}).id, post);
  EXPECT_EQ(stale_moves(db_), 0);
}

}  // namespace
}  // namespace kg
