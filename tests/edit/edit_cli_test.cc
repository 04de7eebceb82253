// tests/edit/edit_cli_test.cc: `kg edit` and the build's re-extraction
// through the binary: what is printed, exit statuses (1: failed, 2: the
// command line is wrong), a locked database refused with nothing lost.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "kg_process.h"
#include "snapshot.h"

namespace kg {
namespace {

using test::KgRun;

// Every edit is made by one named user (the log records who).
KgRun edit_kg(const test::TempDir& dir, const std::vector<std::string>& args) {
  return test::run_kg(dir, args, {{"KG_USER", "researcher"}});
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class EditCli : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = dir_.file("corpus");
    test::copy_fixtures(corpus_);
    db_ = dir_.file("kg.sqlite");
    const KgRun build = edit_kg(dir_, {"build", corpus_ + "/set_a", "--db", db_, "-q"});
    ASSERT_EQ(build.exit_code, 0) << build.err;
  }
  std::int64_t edits() const { return test::query_int(db_, "SELECT count(*) FROM edits"); }
  test::TempDir dir_;
  std::string corpus_, db_;
};

TEST_F(EditCli, EditsAreListedWithWhoAndSurviveABuild) {
  KgRun r = edit_kg(dir_, {"edit", "rename", "米河镇党委", "中共米河镇委员会", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "edit 1: rename 米河镇党委")) << r.out;
  r = edit_kg(dir_, {"edit", "alias", "王建国", "王书记", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = edit_kg(dir_, {"edit", "list", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "1\t")) << r.out;
  EXPECT_TRUE(contains(r.out, "\tresearcher\trename 米河镇党委")) << r.out;
  EXPECT_TRUE(contains(r.out, "alias 王书记 for 王建国")) << r.out;

  r = edit_kg(dir_, {"build", corpus_ + "/set_b", "--db", db_, "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = edit_kg(dir_, {"query", "--db", db_, "entity", "王书记"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "王建国")) << r.out;
  r = edit_kg(dir_, {"query", "--db", db_, "posts", "王建国"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "中共米河镇委员会")) << r.out;

  r = edit_kg(dir_, {"edit", "undo", "1", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "undid edit 1")) << r.out;
  r = edit_kg(dir_, {"edit", "list", "--db", db_});
  EXPECT_TRUE(contains(r.out, "(undone)")) << r.out;
  r = edit_kg(dir_, {"query", "--db", db_, "posts", "王建国"});
  EXPECT_TRUE(contains(r.out, "米河镇党委")) << r.out;
  EXPECT_FALSE(contains(r.out, "中共米河镇委员会")) << r.out;
}

// --db may come before the edit's name, as it does before a query's question.
TEST_F(EditCli, TheDatabaseMayBeNamedBeforeTheEdit) {
  KgRun r = edit_kg(dir_, {"edit", "--db", db_, "alias", "王建国", "王书记"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = edit_kg(dir_, {"edit", "--db", db_, "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "alias 王书记 for 王建国")) << r.out;
  r = edit_kg(dir_, {"edit", "--db", dir_.file("none.sqlite"), "list"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(contains(r.err, "none.sqlite")) << r.err;
}

TEST_F(EditCli, BadInputGivesAClearMessageAndTheRightStatus) {
  struct Bad {
    std::vector<std::string> args;
    int status;
    std::string message;
  };
  const std::vector<Bad> bad = {
      {{"edit", "delete", "没有这个名字的机构"}, 1, "no entity named '没有这个名字的机构'"},
      {{"edit", "delete", "e0123456789abcdef"}, 1, "no entity named 'e0123456789abcdef'"},
      {{"edit", "delete-relation", "r0123456789abcdef"}, 1, "no relation with id r0123456789abcdef"},
      {{"edit", "delete-relation", "12"}, 2, "not a relation id"},
      {{"edit", "delete-relation", "rzzzzzzzzzzzzzzzz"}, 2, "not a relation id"},
      {{"edit", "retype", "王建国", "Mayor"}, 2, "unknown type 'Mayor'"},
      {{"edit", "merge", "王建国"}, 2, ""},
      {{"edit", "undo", "x"}, 2, "expected the number of an edit"},
      {{"edit", "undo", "0"}, 2, "expected the number of an edit"},
      {{"edit", "undo", "9"}, 1, "no edit 9"},
      {{"edit", "bogus", "王建国"}, 2, ""},
  };
  for (const Bad& b : bad) {
    std::vector<std::string> args = b.args;
    args.insert(args.end(), {"--db", db_});
    const KgRun r = edit_kg(dir_, args);
    EXPECT_EQ(r.exit_code, b.status) << ::testing::PrintToString(b.args) << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, "kg")) << r.err;
    if (!b.message.empty()) {
      EXPECT_TRUE(contains(r.err, b.message)) << r.err;
    }
  }
  EXPECT_EQ(edits(), 0);
  // A database that does not exist is not created.
  const KgRun missing = edit_kg(dir_, {"edit", "list", "--db", dir_.file("none.sqlite")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir_.file("none.sqlite")));
  // Nor is one refreshed that does not exist.
  const KgRun refresh = edit_kg(dir_, {"build", "--db", dir_.file("none.sqlite")});
  EXPECT_EQ(refresh.exit_code, 2);
  EXPECT_TRUE(contains(refresh.err, "nothing to refresh")) << refresh.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.file("none.sqlite")));
}

TEST_F(EditCli, ALockedDatabaseIsRefusedAndNothingIsLost) {
  ASSERT_EQ(edit_kg(dir_, {"edit", "alias", "王建国", "王书记", "--db", db_}).exit_code, 0);
  const test::Snapshot before = test::snapshot(db_);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const KgRun r = edit_kg(dir_, {"edit", "delete", "王建国", "--db", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, db_) && contains(r.err, "locked")) << r.err;
  const KgRun undo = edit_kg(dir_, {"edit", "undo", "1", "--db", db_});
  EXPECT_EQ(undo.exit_code, 1);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  test::expect_same(test::snapshot(db_), before);
  EXPECT_EQ(edits(), 1);
  EXPECT_EQ(test::query_int(db_, "SELECT undone FROM edits WHERE id = 1"), 0);
}

// Overwrites 64 bytes of page `page` (counted from 1), past its header,
// with noise.
void damage_page(const std::string& db, std::int64_t page) {
  const auto page_size = test::query_int(db, "PRAGMA page_size");
  std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp((page - 1) * page_size + 8);
  const std::string noise(64, '\xA5');
  file.write(noise.data(), static_cast<std::streamsize>(noise.size()));
}

// An edit checks the small tables it writes whole (counters among them) and
// every page it reads as it reads it (the entity it names lies on one of
// the leaf pages of entities); a refresh checks the whole file. Either way a
// damaged database is refused, with nothing written on it.
TEST_F(EditCli, ADamagedDatabaseIsRefusedByEditsAndARefresh) {
  const std::string pristine = test::read_file(db_);
  const std::string lexicon = dir_.file("lab.tsv");
  std::ofstream(lexicon) << "单项冠军\tOrganization\n";
  const std::vector<std::string> leaves =
      test::query_rows(db_, "SELECT pageno FROM dbstat WHERE name = 'entities' AND pagetype = 'leaf'");
  ASSERT_FALSE(leaves.empty());
  const std::vector<std::pair<std::string, std::vector<std::int64_t>>> damages = {
      {"counters", {test::query_int(db_, "SELECT rootpage FROM sqlite_schema WHERE name = 'counters'")}},
      {"entities", [&] {
         std::vector<std::int64_t> pages;
         for (const std::string& page : leaves) pages.push_back(std::stoll(page));
         return pages;
       }()},
  };
  for (const auto& [where, pages] : damages) {
    SCOPED_TRACE(where);
    test::write_file(db_, pristine);
    for (std::int64_t page : pages) {
      ASSERT_GT(page, 0);
      damage_page(db_, page);
    }
    const std::string damaged = test::read_file(db_);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"edit", "alias", "王建国", "王书记", "--db", db_},
          std::vector<std::string>{"build", "--db", db_, "--lexicon", lexicon}}) {
      const KgRun r = edit_kg(dir_, args);
      EXPECT_EQ(r.exit_code, 1) << args[0];
      EXPECT_TRUE(contains(r.err, "database " + db_ + " is damaged")) << r.err;
    }
    EXPECT_EQ(test::read_file(db_), damaged);  // nothing was written on it
    EXPECT_FALSE(std::filesystem::exists(db_ + "-wal") && std::filesystem::file_size(db_ + "-wal") > 0);
  }
}

// The id of an entity changes with its shown name (rename) and goes away
// with a merge; the id seen before still finds it, and kg says what its id
// is now. An undo gives the old ids back.
TEST_F(EditCli, AnIdSeenBeforeAnEditFindsTheEntityAsItIsNow) {
  auto entity = [&](const std::string& name) {
    KgRun q = edit_kg(dir_, {"query", "--db", db_, "entity", name});
    EXPECT_EQ(q.exit_code, 0) << q.err;
    return q;
  };
  KgRun r = edit_kg(dir_, {"edit", "rename", "米河镇党委", "中共米河镇委员会", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      r.out, m, std::regex("\\((e[0-9a-f]{16})\\) to 中共米河镇委员会; (e[0-9a-f]{16}) now (e[0-9a-f]{16})")))
      << r.out;
  const std::string before = m[1], after = m[3];
  EXPECT_EQ(m[2], before);
  r = entity(before);
  EXPECT_TRUE(contains(r.out, "中共米河镇委员会")) << r.out;
  EXPECT_TRUE(contains(r.out, after)) << r.out;
  EXPECT_TRUE(contains(r.err, before + " now " + after)) << r.err;
  // An edit acts on the entity by that id, and says so.
  r = edit_kg(dir_, {"edit", "alias", before, "米河党委", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, before + " now " + after)) << r.out;
  r = entity("米河党委");
  EXPECT_TRUE(contains(r.out, "中共米河镇委员会")) << r.out;

  // A merge: the merged entity's id finds the one it joined.
  r = edit_kg(dir_, {"edit", "merge", "青禾食品有限公司", "华宇新材料科技有限公司", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("; (e[0-9a-f]{16}) now (e[0-9a-f]{16})"))) << r.out;
  const std::string merged = m[1], joined = m[2];
  r = entity(merged);
  EXPECT_TRUE(contains(r.out, "华宇新材料科技有限公司")) << r.out;
  EXPECT_TRUE(contains(r.err, merged + " now " + joined)) << r.err;

  // Undone: the ids are as they were, and the ones the edits gave find the
  // entities again.
  for (const char* edit : {"3", "2", "1"}) {
    r = edit_kg(dir_, {"edit", "undo", edit, "--db", db_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_TRUE(contains(r.out, after + " now " + before)) << r.out;
  r = entity(before);
  EXPECT_TRUE(contains(r.out, "米河镇党委")) << r.out;
  EXPECT_FALSE(contains(r.err, " now ")) << r.err;
  r = entity(after);
  EXPECT_TRUE(contains(r.err, after + " now " + before)) << r.err;
  r = entity(merged);
  EXPECT_TRUE(contains(r.out, "青禾食品有限公司")) << r.out;
  EXPECT_FALSE(contains(r.err, " now ")) << r.err;
}

TEST_F(EditCli, AnAmbiguousNameListsTheCandidates) {
  std::ofstream(dir_.file("a.txt")) << "米河镇召开企业服务推进会\n\n2024年3月1日\n\n3月1日，米河镇党委书记王伟到华宇新材料科技有限公司调研。\n";
  std::ofstream(dir_.file("b.txt")) << "青山县领导走访企业\n\n2024年5月2日\n\n5月2日，青山县副县长王伟到青禾食品有限公司走访，了解企业生产情况。\n";
  ASSERT_EQ(edit_kg(dir_, {"build", dir_.file("a.txt"), dir_.file("b.txt"), "--db", db_, "-q"}).exit_code, 0);
  const KgRun r = edit_kg(dir_, {"edit", "delete", "王伟", "--db", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "'王伟' names 2 entities")) << r.err;
  EXPECT_TRUE(contains(r.err, "Official")) << r.err;
  EXPECT_TRUE(contains(r.err, "first in " + dir_.file("a.txt"))) << r.err;
  EXPECT_EQ(edits(), 0);
}

TEST_F(EditCli, BuildWithoutPathsAndALexiconSaySoOnStderr) {
  const std::string lexicon = dir_.file("lab.tsv");
  std::ofstream(lexicon) << "单项冠军\tOrganization\n";
  ASSERT_EQ(edit_kg(dir_, {"build", corpus_ + "/set_b", "--db", db_, "-q"}).exit_code, 0);
  const KgRun r = edit_kg(dir_, {"build", "--db", db_, "--lexicon", lexicon});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "extracted again")) << r.err;
  EXPECT_TRUE(contains(r.out, "extracted again")) << r.out;
  const KgRun q = edit_kg(dir_, {"query", "--db", db_, "entity", "单项冠军"});
  EXPECT_EQ(q.exit_code, 0) << q.err;
  const KgRun both = edit_kg(dir_, {"build", "--db", db_, "--lexicon", lexicon, "--forget-lexicons"});
  EXPECT_EQ(both.exit_code, 2);
}

}  // namespace
}  // namespace kg
