// tests/edit/reextract_test.cc: a database built before a lexicon change, or
// by another version of the extractor, is extracted again: an entity a new
// --lexicon adds appears in a database built without it; the database
// remembers its lexicons (a later build without --lexicon keeps them, even
// when the file is gone); `kg build` with no paths refreshes what is stale
// and nothing else.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "edit/edit.h"
#include "graph/names.h"
#include "pipeline/pipeline.h"
#include "snapshot.h"
#include "store/store.h"
#include "store/store_source.h"

namespace kg {
namespace {

BuildReport build_with(const std::string& db, const std::vector<std::string>& inputs,
                       const std::vector<std::string>& lexicons = {}, bool forget = false,
                       std::vector<std::string>* messages = nullptr) {
  Store store(db);
  BuildOptions options;
  options.inputs = inputs;
  options.lexicon_files = lexicons;
  options.forget_lexicons = forget;
  options.threads = 2;
  options.on_message = [messages](const std::string& text) {
    if (messages != nullptr) messages->push_back(text);
  };
  return build(store, options);
}

bool has_entity(const std::string& db, const std::string& name, EntityType type) {
  const Store store(db, Store::Mode::read_only);
  const StoreSource source(store);
  for (const EntitySummary& e : source.entities_by_key(lookup_key(name), NameTier::name))
    if (e.type == type) return true;
  return false;
}

bool said(const std::vector<std::string>& messages, const std::string& part) {
  for (const std::string& m : messages)
    if (m.find(part) != std::string::npos) return true;
  return false;
}

class Reextract : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = dir_.file("corpus");
    test::copy_fixtures(corpus_);
    db_ = dir_.file("kg.sqlite");
    lexicon_ = dir_.file("lab.tsv");
    // company.txt says 单项冠军 (a title, not a body): no built-in rule makes it an entity.
    std::ofstream(lexicon_) << "单项冠军\tOrganization\n";
  }
  std::int64_t documents() const { return test::query_int(db_, "SELECT count(*) FROM documents"); }
  test::TempDir dir_;
  std::string corpus_, db_, lexicon_;
};

TEST_F(Reextract, ALexiconGivenLaterReachesFilesBuiltBefore) {
  const BuildReport first = build_with(db_, {corpus_});
  EXPECT_EQ(first.documents_extracted_again, 0u);
  ASSERT_FALSE(has_entity(db_, "单项冠军", EntityType::Organization));
  const std::string plain_fingerprint =
      test::query_rows(db_, "SELECT DISTINCT x.fingerprint FROM documents d JOIN extractors x ON x.id = d.extractor")
          .at(0);

  // No new files: the lexicon alone makes every document stale.
  std::vector<std::string> messages;
  const BuildReport second = build_with(db_, {corpus_}, {lexicon_}, false, &messages);
  EXPECT_EQ(second.files_added, 0u);
  EXPECT_EQ(second.documents_extracted_again, static_cast<std::uint32_t>(documents()));
  EXPECT_TRUE(has_entity(db_, "单项冠军", EntityType::Organization));
  EXPECT_TRUE(said(messages, "extracted again"));
  EXPECT_EQ(test::query_int(db_, "SELECT count(DISTINCT extractor) FROM documents"), 1);
  EXPECT_EQ(test::query_int(db_, "SELECT count(*) FROM documents d JOIN extractors x ON x.id = d.extractor "
                                 "WHERE x.fingerprint = '" + plain_fingerprint + "'"),
            0);

  // The same as building with the lexicon from the start.
  const std::string fresh = dir_.file("fresh.sqlite");
  {
    Store store(fresh);
    BuildOptions options;
    options.inputs = {corpus_};
    options.lexicon_files = {lexicon_};
    build(store, options);
  }
  auto graph = [](const std::string& db) {
    test::Snapshot s = test::snapshot(db);
    std::sort(s.entities.begin(), s.entities.end());
    std::sort(s.relations.begin(), s.relations.end());
    return std::make_pair(s.entities, s.relations);
  };
  EXPECT_EQ(graph(db_), graph(fresh));
}

TEST_F(Reextract, EditsSurviveExtractingAgain) {
  build_with(db_, {corpus_});
  {
    Store store(db_);
    make_edit(store, EditRequest{"alias", {"王建国"}, "王书记", "tester"});
    make_edit(store, EditRequest{"retype", {"青山经济开发区"}, "GovOrg", "tester"});
  }
  const BuildReport again = build_with(db_, {}, {lexicon_});
  EXPECT_EQ(again.documents_extracted_again, static_cast<std::uint32_t>(documents()));
  EXPECT_EQ(again.edits_examined, 2u);
  EXPECT_TRUE(has_entity(db_, "单项冠军", EntityType::Organization));
  EXPECT_TRUE(has_entity(db_, "青山经济开发区", EntityType::GovOrg));
  EXPECT_FALSE(has_entity(db_, "青山经济开发区", EntityType::Park));
  const Store store(db_, Store::Mode::read_only);
  const StoreSource source(store);
  const NameMatches alias = match_name(source, "王书记");
  ASSERT_EQ(alias.entities.size(), 1u);
  EXPECT_EQ(alias.entities.front().name, "王建国");
}

TEST_F(Reextract, TheDatabaseRemembersItsLexicons) {
  build_with(db_, {corpus_ + "/set_a"}, {lexicon_});
  // A later build without --lexicon uses it: nothing is stale, and the new
  // file is extracted with it.
  std::vector<std::string> messages;
  const BuildReport later = build_with(db_, {corpus_ + "/set_b"}, {}, false, &messages);
  EXPECT_EQ(later.documents_extracted_again, 0u);
  EXPECT_TRUE(has_entity(db_, "单项冠军", EntityType::Organization));
  EXPECT_TRUE(said(messages, "remembered by the database")) << ::testing::PrintToString(messages);

  // The file gone: the copy in the database is used, and nothing is stale.
  std::filesystem::remove(lexicon_);
  messages.clear();
  const BuildReport gone = build_with(db_, {}, {}, false, &messages);
  EXPECT_EQ(gone.documents_extracted_again, 0u);
  EXPECT_TRUE(said(messages, "is gone")) << ::testing::PrintToString(messages);
  EXPECT_TRUE(has_entity(db_, "单项冠军", EntityType::Organization));

  // Forgetting it extracts everything again without it.
  messages.clear();
  const BuildReport forgot = build_with(db_, {}, {}, true, &messages);
  EXPECT_EQ(forgot.documents_extracted_again, static_cast<std::uint32_t>(documents()));
  EXPECT_FALSE(has_entity(db_, "单项冠军", EntityType::Organization));
  EXPECT_TRUE(said(messages, "forgetting"));
  EXPECT_EQ(test::query_int(db_, "SELECT count(*) FROM user_lexicons"), 0);
}

TEST_F(Reextract, ABuildWithoutPathsRefreshesOnlyWhatIsStale) {
  build_with(db_, {corpus_});
  const test::Snapshot before = test::snapshot(db_);
  // Nothing stale: nothing to do.
  EXPECT_EQ(build_with(db_, {}).documents_extracted_again, 0u);
  test::expect_same(test::snapshot(db_), before);

  // Two documents made by an older extractor (as a database of an older kg).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO extractors (fingerprint) VALUES ('older'); "
                         "UPDATE documents SET extractor = (SELECT id FROM extractors WHERE fingerprint = 'older') "
                         "WHERE id IN (SELECT id FROM documents ORDER BY id LIMIT 2)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  const BuildReport refresh = build_with(db_, {});
  EXPECT_EQ(refresh.documents_extracted_again, 2u);
  EXPECT_EQ(refresh.files_added, 0u);
  // Extracted again by the same code and lexicons: the same facts.
  const test::Snapshot after = test::snapshot(db_);
  auto sorted = [](std::vector<std::string> rows) {
    std::sort(rows.begin(), rows.end());
    return rows;
  };
  EXPECT_EQ(sorted(after.entities), sorted(before.entities));
  EXPECT_EQ(sorted(after.relations), sorted(before.relations));
  EXPECT_EQ(after.documents, before.documents);
  EXPECT_EQ(build_with(db_, {}).documents_extracted_again, 0u);
}

}  // namespace
}  // namespace kg
