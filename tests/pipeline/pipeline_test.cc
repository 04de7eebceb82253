// tests/pipeline/pipeline_test.cc: builds are incremental without drifting
// from full builds: rebuilding changes nothing, A then B equals A and B
// together, removal equals never having added, a changed file replaces its
// facts, bad files are skipped, and a failure mid-build keeps the old store.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "pipeline/pipeline.h"
#include "snapshot.h"
#include "store/store.h"

namespace kg {
namespace {

using test::query_int;
using test::snapshot;

BuildReport build_into(const std::string& db, const std::vector<std::string>& inputs, unsigned threads = 2,
                       std::vector<std::string>* messages = nullptr) {
  Store store(db);
  BuildOptions options;
  options.inputs = inputs;
  options.threads = threads;
  options.on_message = [messages](const std::string& text) {
    if (messages != nullptr) messages->push_back(text);
  };
  return build(store, options);
}

class Pipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = dir_.file("corpus");
    test::copy_fixtures(corpus_);
    set_a_ = corpus_ + "/set_a";
    set_b_ = corpus_ + "/set_b";
  }
  test::TempDir dir_;
  std::string corpus_, set_a_, set_b_;
};

TEST_F(Pipeline, BuildStoresEveryArticleAndAGraph) {
  const std::string db = dir_.file("kg.sqlite");
  const BuildReport report = build_into(db, {corpus_});
  EXPECT_EQ(report.files_seen, 4u);
  EXPECT_EQ(report.files_added, 4u);
  EXPECT_EQ(report.files_failed, 0u);
  EXPECT_GE(report.documents_added, 4u);
  EXPECT_EQ(query_int(db, "SELECT count(DISTINCT source) FROM document_sources"), 4);
  EXPECT_GT(report.entities, 0u);
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM entities"), static_cast<std::int64_t>(report.entities));
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM relations"), static_cast<std::int64_t>(report.relations));
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM document_data"), query_int(db, "SELECT count(*) FROM documents"));
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM builds"), 1);
  // Sources are the paths as given, normalised.
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM document_sources WHERE source = '" + set_a_ + "/park.txt'"), 1);
}

// Issue 11: a first build (the bulk writer) counts its relations per
// (type, source type, target type) in relation_shapes, as a GROUP BY over
// the rows would; so does a full rebuild. (Every snapshot checks the same
// after the incremental changes of the other tests.)
TEST_F(Pipeline, AFirstBuildCountsItsRelationsByTheTypesOfTheirEnds) {
  const std::string db = dir_.file("kg.sqlite");
  build_into(db, {corpus_});
  const auto shapes = test::relation_shapes(db);
  EXPECT_GE(shapes.size(), 3u);
  EXPECT_EQ(shapes, test::counted_relation_shapes(db));
  EXPECT_EQ(query_int(db, "SELECT sum(relations) FROM relation_shapes"), query_int(db, "SELECT count(*) FROM relations"));
  Store store(db);
  BuildOptions options;
  options.rebuild = true;
  build(store, options);
  EXPECT_EQ(test::relation_shapes(db), shapes);
}

// A file read with damage is built, and the damage is reported, naming the
// file and the count (issue 14: invalid UTF-8 is no longer built silently).
TEST_F(Pipeline, InvalidBytesAreBuiltWithAWarningNamingTheFile) {
  const std::string damaged = dir_.file("damaged.txt");
  {
    std::ofstream out(damaged, std::ios::binary);
    out << "\xe5\x8d\x97\xe6\xb3\x95\xe4\xbf\xa1\xe9\x95\x87\xff\xfe\xe5\x85\x9a\xe5\xa7\x94\n";
  }
  const std::string db = dir_.file("kg.sqlite");
  std::vector<std::string> messages;
  const BuildReport report = build_into(db, {damaged}, 1, &messages);
  EXPECT_EQ(report.files_added, 1u);
  EXPECT_EQ(report.files_failed, 0u);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find(damaged), std::string::npos) << report.warnings[0];
  EXPECT_NE(report.warnings[0].find("2 invalid bytes"), std::string::npos) << report.warnings[0];
  EXPECT_NE(std::find(messages.begin(), messages.end(), report.warnings[0]), messages.end());
}

TEST_F(Pipeline, BuildingTwiceChangesNothing) {
  const std::string db = dir_.file("kg.sqlite");
  build_into(db, {corpus_});
  const auto before = snapshot(db);
  const auto max_document_id = query_int(db, "SELECT max(id) FROM documents");
  const BuildReport again = build_into(db, {corpus_});
  EXPECT_EQ(again.files_added, 0u);
  EXPECT_EQ(again.files_unchanged, 4u);
  EXPECT_EQ(again.documents_added, 0u);
  test::expect_same(snapshot(db), before);
  EXPECT_EQ(query_int(db, "SELECT max(id) FROM documents"), max_document_id);  // nothing deleted and re-added
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM entities"), static_cast<std::int64_t>(again.entities));
}

TEST_F(Pipeline, AThenBEqualsAAndBTogether) {
  const std::string incremental = dir_.file("incremental.sqlite");
  const std::string together = dir_.file("together.sqlite");
  build_into(incremental, {set_b_});  // the later folder first, to defeat any order luck
  build_into(incremental, {set_a_});
  build_into(together, {set_a_, set_b_});
  const auto a = snapshot(incremental);
  ASSERT_FALSE(a.entities.empty());
  test::expect_same(a, snapshot(together));
}

TEST_F(Pipeline, RemovalEqualsNeverHavingAdded) {
  const std::string removed = dir_.file("removed.sqlite");
  const std::string never = dir_.file("never.sqlite");
  build_into(removed, {set_a_, set_b_});
  const auto with_b = snapshot(removed);
  {
    Store store(removed);
    const RemoveReport report = remove_sources_report(store, {set_b_ + "/company.txt", set_b_ + "/official_visit.txt",
                                                             corpus_ + "/nothing_here.txt"});
    EXPECT_GE(report.documents_removed, 2u);
    EXPECT_EQ(report.not_found, (std::vector<std::string>{corpus_ + "/nothing_here.txt"}));
  }
  build_into(never, {set_a_});
  const auto after = snapshot(removed);
  EXPECT_NE(after.documents, with_b.documents);
  test::expect_same(after, snapshot(never));
}

TEST_F(Pipeline, RemovingAFolderRemovesEverythingBuiltFromIt) {
  const std::string db = dir_.file("kg.sqlite");
  const std::string never = dir_.file("never.sqlite");
  build_into(db, {corpus_});
  {
    Store store(db);
    const RemoveReport report = remove_sources_report(store, {set_b_ + "/"});
    EXPECT_GE(report.documents_removed, 2u);
    EXPECT_TRUE(report.not_found.empty());
  }
  build_into(never, {set_a_});
  test::expect_same(snapshot(db), snapshot(never));
}

TEST_F(Pipeline, AChangedFileReplacesItsOldFacts) {
  const std::string db = dir_.file("kg.sqlite");
  build_into(db, {corpus_});
  const std::string park = set_a_ + "/park.txt";
  std::string text = test::read_file(park);
  text += "\n青山经济开发区党工委副书记林小东参加活动。\n";
  test::write_file(park, text);
  const BuildReport report = build_into(db, {corpus_});
  EXPECT_EQ(report.files_added, 1u);
  EXPECT_EQ(report.files_unchanged, 3u);
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM sources WHERE path = '" + park + "'"), 1);
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM contents"), 4);  // the old bytes are gone

  const std::string fresh = dir_.file("fresh.sqlite");
  build_into(fresh, {corpus_});
  test::expect_same(snapshot(db), snapshot(fresh));
}

TEST_F(Pipeline, AFileThatTurnsUnreadableKeepsWhatWasStoredFromIt) {
  const std::string db = dir_.file("kg.sqlite");
  build_into(db, {corpus_});
  const auto before = snapshot(db);
  test::write_file(set_a_ + "/park.txt", test::binary_bytes());
  const BuildReport report = build_into(db, {corpus_});
  EXPECT_EQ(report.files_failed, 1u);
  EXPECT_EQ(report.files_unchanged, 3u);
  test::expect_same(snapshot(db), before);
}

TEST_F(Pipeline, TheGraphDoesNotDependOnTheNumberOfThreads) {
  const std::string one = dir_.file("one.sqlite");
  const std::string many = dir_.file("many.sqlite");
  // Enough files that several workers really run at once.
  for (int i = 0; i < 24; ++i)
    test::write_file(corpus_ + "/more/copy" + std::to_string(i) + ".txt",
                     test::read_file(set_b_ + "/company.txt") + "\n第" + std::to_string(i) + "期。\n");
  build_into(one, {corpus_}, 1);
  build_into(many, {corpus_}, 4);
  test::expect_same(snapshot(one), snapshot(many));
  // Same document ids as well: documents are written in input order.
  const std::string documents =
      "SELECT d.id, s.source, d.part FROM documents d JOIN document_sources s ON s.document_id = d.id ORDER BY d.id";
  EXPECT_EQ(test::query_rows(one, documents), test::query_rows(many, documents));
}

// A build big enough trains compression dictionaries from its first
// documents while it goes on reading: what it stores reads back as without
// dictionaries, and does not depend on how far the workers ran ahead.
TEST_F(Pipeline, DictionariesTrainedMidBuildChangeNoFactAndNoText) {
  for (int i = 0; i < 48; ++i)
    test::write_file(corpus_ + "/more/copy" + std::to_string(i) + ".txt",
                     test::read_file(i % 2 == 0 ? set_b_ + "/company.txt" : set_a_ + "/park.txt") + "\n第" +
                         std::to_string(i) + "期。\n");
  auto build_with = [&](const std::string& db, unsigned threads, std::size_t train_after) {
    Store store(db);
    BuildOptions options;
    options.inputs = {corpus_};
    options.threads = threads;
    options.train_dictionaries_after = train_after;
    return build(store, options);
  };
  const std::string plain = dir_.file("plain.sqlite"), one = dir_.file("one.sqlite"), many = dir_.file("many.sqlite");
  build_with(plain, 2, 1'000'000);
  build_with(one, 1, 20);
  build_with(many, 4, 20);
  EXPECT_EQ(query_int(plain, "SELECT count(*) FROM dictionaries"), 0);
  EXPECT_EQ(query_int(one, "SELECT count(*) FROM dictionaries"), 3);
  // Documents after the first twenty are compressed with them.
  EXPECT_GT(query_int(one, "SELECT count(*) FROM document_data WHERE hex(text_index) <> "
                           "(SELECT hex(text_index) FROM document_data LIMIT 1)"),
            0);
  test::expect_same(snapshot(one), snapshot(many));
  test::Snapshot with = snapshot(one), without = snapshot(plain);
  EXPECT_NE(with.document_data, without.document_data);
  with.document_data.clear();
  without.document_data.clear();
  test::expect_same(with, without);
  Store a(plain, Store::Mode::read_only), b(one, Store::Mode::read_only);
  ASSERT_EQ(a.last_document_id(), b.last_document_id());
  for (std::int64_t id = 1; id <= a.last_document_id(); ++id) {
    const auto x = a.load_document(id), y = b.load_document(id);
    ASSERT_TRUE(x && y) << id;
    EXPECT_EQ(x->text, y->text) << id;
    EXPECT_EQ(x->sentences, y->sentences) << id;
  }
}

TEST_F(Pipeline, BadFilesAreReportedAndSkippedWhileGoodOnesAreStored) {
  const std::string db = dir_.file("kg.sqlite");
  const std::string binary = corpus_ + "/bad/image.png";
  const std::string empty = corpus_ + "/bad/empty.txt";
  test::write_file(binary, test::binary_bytes());
  test::write_file(empty, "");
  std::vector<std::string> messages;
  const BuildReport report = build_into(db, {corpus_, dir_.file("missing-folder")}, 2, &messages);
  EXPECT_EQ(report.files_failed, 3u);
  EXPECT_EQ(report.files_added, 4u);
  ASSERT_EQ(report.problems.size(), 3u);
  auto mentioned = [&](const std::string& name) {
    for (const auto& problem : report.problems)
      if (problem.find(name) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(mentioned(binary));
  EXPECT_TRUE(mentioned(empty));
  EXPECT_TRUE(mentioned("missing-folder"));
  EXPECT_EQ(messages.size(), 3u);
  EXPECT_EQ(query_int(db, "SELECT count(DISTINCT source) FROM document_sources"), 4);
  EXPECT_EQ(query_int(db, "SELECT files_failed FROM builds"), 3);
}

TEST_F(Pipeline, AFailureMidBuildKeepsThePreviousStoreWhole) {
  const std::string db = dir_.file("kg.sqlite");
  build_into(db, {set_a_});
  const auto before = snapshot(db);
  test::write_file(corpus_ + "/set_b/zz_bad.png", test::binary_bytes());
  {
    Store store(db);
    BuildOptions options;
    options.inputs = {corpus_};
    options.threads = 2;
    // The bad file's message arrives after set_b's good files were written
    // inside the transaction; failing there must undo them.
    options.on_message = [](const std::string&) { throw std::runtime_error("injected failure"); };
    EXPECT_THROW(build(store, options), std::runtime_error);
    EXPECT_FALSE(store.in_transaction());
  }
  test::expect_same(snapshot(db), before);
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM builds"), 1);
  EXPECT_EQ(test::query_rows(db, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
  // And the store is usable afterwards.
  const BuildReport report = build_into(db, {set_a_, set_b_ + "/company.txt"});
  EXPECT_EQ(report.files_added, 1u);
  EXPECT_EQ(report.files_unchanged, 2u);
}

TEST_F(Pipeline, TheDatabaseAndHiddenEntriesInsideTheCorpusAreNotRead) {
  const std::string db = corpus_ + "/kg.sqlite";
  test::write_file(corpus_ + "/.git/objects/pack.idx", test::binary_bytes());
  test::write_file(corpus_ + "/set_a/.article.txt.swp", test::binary_bytes());
  const BuildReport first = build_into(db, {corpus_});
  EXPECT_EQ(first.files_failed, 0u) << (first.problems.empty() ? "" : first.problems[0]);
  EXPECT_EQ(first.files_seen, 4u);
  // The second build finds kg.sqlite and its WAL in the folder and skips them.
  const BuildReport second = build_into(db, {corpus_});
  EXPECT_EQ(second.files_failed, 0u) << (second.problems.empty() ? "" : second.problems[0]);
  EXPECT_EQ(second.files_unchanged, 4u);
}

TEST_F(Pipeline, SourceKeysAreNormalisedPaths) {
  EXPECT_EQ(source_key("./seeds//a.txt"), "seeds/a.txt");
  EXPECT_EQ(source_key("seeds/"), "seeds");
  EXPECT_EQ(source_key("seeds/x/../b.txt"), "seeds/b.txt");
  EXPECT_EQ(source_key("/abs/path/"), "/abs/path");
}

}  // namespace
}  // namespace kg

namespace kg {
namespace {

using test::query_int;
using test::snapshot;

// The four fixture files, each as a path of the corpus.
class Orders : public Pipeline {
 protected:
  std::vector<std::string> files() const {
    return {set_a_ + "/park.txt", set_a_ + "/town_committee.txt", set_b_ + "/company.txt",
            set_b_ + "/official_visit.txt"};
  }
  void expect_same_as_built_from(const std::string& db, const std::vector<std::string>& present) {
    const std::string fresh = dir_.file("fresh.sqlite");
    std::filesystem::remove(fresh);
    if (!present.empty()) build_into(fresh, present);
    else Store{fresh};
    const auto got = snapshot(db), want = snapshot(fresh);
    // Documents are numbered by history; what they hold is the same.
    EXPECT_EQ(got.documents, want.documents);
    EXPECT_EQ(got.sources, want.sources);
    EXPECT_EQ(got.document_data, want.document_data);
    EXPECT_EQ(got.entities, want.entities);
    EXPECT_EQ(got.relations, want.relations);
    EXPECT_EQ(got.entity_keys, want.entity_keys);
    EXPECT_EQ(got.counters, want.counters);
    EXPECT_EQ(got.document_entities, want.document_entities);
  }
};

TEST_F(Orders, AddingAndRemovingInAnyOrderEqualsBuildingWhatIsLeft) {
  const auto all = files();
  // Sequences of (add or remove, file), each step checked against a build
  // from scratch of the files present after it.
  const std::vector<std::vector<std::pair<bool, int>>> sequences = {
      {{true, 3}, {true, 0}, {false, 3}, {true, 2}, {true, 1}, {false, 0}, {true, 3}},
      {{true, 1}, {true, 2}, {true, 3}, {true, 0}, {false, 1}, {false, 2}, {false, 3}, {false, 0}},
      {{true, 2}, {false, 2}, {true, 2}, {true, 0}, {true, 3}, {false, 0}},
  };
  for (std::size_t s = 0; s < sequences.size(); ++s) {
    const std::string db = dir_.file("orders" + std::to_string(s) + ".sqlite");
    std::set<int> present;
    for (const auto& [adding, file] : sequences[s]) {
      if (adding) {
        build_into(db, {all[static_cast<std::size_t>(file)]});
        present.insert(file);
      } else {
        Store store(db);
        EXPECT_GE(remove_sources_report(store, {all[static_cast<std::size_t>(file)]}).documents_removed, 1u);
        present.erase(file);
      }
      std::vector<std::string> now;
      for (int f : present) now.push_back(all[static_cast<std::size_t>(f)]);
      SCOPED_TRACE("sequence " + std::to_string(s) + ", " + std::to_string(present.size()) + " files present");
      expect_same_as_built_from(db, now);
      if (HasFailure()) return;
    }
  }
}

TEST_F(Orders, TheSameBytesUnderAnotherPathAreOneDocumentWithTwoSources) {
  const std::string copy = corpus_ + "/elsewhere/company_copy.txt";
  test::write_file(copy, test::read_file(set_b_ + "/company.txt"));
  const std::string db = dir_.file("kg.sqlite");
  build_into(db, {set_b_});
  const auto documents = query_int(db, "SELECT count(*) FROM documents");
  const auto graph = snapshot(db);
  std::vector<std::string> messages;
  const BuildReport report = build_into(db, {copy}, 2, &messages);
  EXPECT_EQ(report.files_added, 1u);
  EXPECT_EQ(report.documents_added, 0u);  // nothing read twice
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM documents"), documents);
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM sources"), 3);
  EXPECT_EQ(query_int(db, "SELECT count(DISTINCT content_id) FROM sources"), 2);
  EXPECT_EQ(snapshot(db).entities, graph.entities);
  EXPECT_EQ(snapshot(db).relations, graph.relations);
  // Both in one build: the same.
  const std::string together = dir_.file("together.sqlite");
  build_into(together, {set_b_, copy});
  EXPECT_EQ(snapshot(together).documents, snapshot(db).documents);
  EXPECT_EQ(snapshot(together).entities, graph.entities);
  {
    // Removing one path keeps the document; removing the other takes it.
    Store store(db);
    EXPECT_EQ(remove_sources_report(store, {set_b_ + "/company.txt"}).documents_removed, 0u);
  }
  EXPECT_EQ(query_int(db, "SELECT count(*) FROM documents"), documents);
  EXPECT_EQ(test::query_rows(db, "SELECT DISTINCT source FROM document_sources WHERE source LIKE '%company%'"),
            (std::vector<std::string>{copy}));
  EXPECT_EQ(snapshot(db).entities, graph.entities);
  {
    Store store(db);
    EXPECT_GE(remove_sources_report(store, {copy}).documents_removed, 1u);
  }
  expect_same_as_built_from(db, {set_b_ + "/official_visit.txt"});
}

TEST_F(Orders, AProcessKilledMidBuildLeavesThePreviousStoreWhole) {
  const std::string db = dir_.file("kg.sqlite");
  build_into(db, {set_a_});
  const auto before = snapshot(db);
  for (const BuildProgress::Phase phase : {BuildProgress::Phase::reading, BuildProgress::Phase::resolving}) {
    const pid_t pid = fork();
    if (pid == 0) {
      // The child dies the way kill -9 kills: no destructor, no rollback.
      Store store(db);
      BuildOptions options;
      options.inputs = {corpus_};
      options.threads = 2;
      options.on_progress = [phase](const BuildProgress& progress) {
        if (progress.phase == phase) _exit(9);
      };
      build(store, options);
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 9) << "the build did not reach the phase it was to die in";
    EXPECT_EQ(test::query_rows(db, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
    test::expect_same(snapshot(db), before);
  }
  // And the next build completes as if nothing had happened.
  build_into(db, {corpus_});
  expect_same_as_built_from(db, files());
}

TEST_F(Orders, ProgressIsReportedAtEveryPhase) {
  const std::string db = dir_.file("kg.sqlite");
  Store store(db);
  BuildOptions options;
  options.inputs = {corpus_};
  std::vector<BuildProgress> events;
  options.on_progress = [&](const BuildProgress& p) { events.push_back(p); };
  build(store, options);
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.front().phase, BuildProgress::Phase::reading);
  EXPECT_EQ(events.front().files_total, 4u);
  EXPECT_GT(events.front().bytes_total, 0u);
  EXPECT_EQ(events.back().phase, BuildProgress::Phase::done);
  EXPECT_TRUE(std::any_of(events.begin(), events.end(),
                          [](const BuildProgress& p) { return p.phase == BuildProgress::Phase::resolving; }));
  for (std::size_t i = 1; i < events.size(); ++i) EXPECT_GE(events[i].seconds, events[i - 1].seconds);
}

}  // namespace
}  // namespace kg
