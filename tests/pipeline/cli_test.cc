// tests/pipeline/cli_test.cc: `kg build`, `kg remove` and `kg stats` as a user
// runs them: summaries, exit codes, clear errors for locked or foreign
// databases, and a build killed with SIGKILL leaving the previous store whole.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <cstdio>
#include <iterator>
#include <string>
#include <vector>

#include "kg_process.h"
#include "snapshot.h"
#include "store/codec.h"

namespace kg {
namespace {

using test::query_int;

using test::finish_kg;
using test::KgProcess;
using test::KgRun;
using test::run_kg;
using test::start_kg;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = dir_.file("corpus");
    test::copy_fixtures(corpus_);
    db_ = dir_.file("kg.sqlite");
  }
  test::TempDir dir_;
  std::string corpus_, db_;
};

TEST_F(Cli, BuildPrintsASummaryAndStatsAgreeWithTheDatabase) {
  const KgRun build = run_kg(dir_, {"build", corpus_, "--db", db_, "--threads", "2"});
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_TRUE(contains(build.out, "4 files added")) << build.out;
  EXPECT_TRUE(contains(build.out, "MB/s")) << build.out;

  const KgRun stats = run_kg(dir_, {"stats", "--db", db_});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const auto documents = query_int(db_, "SELECT count(*) FROM documents");
  const auto entities = query_int(db_, "SELECT count(*) FROM entities");
  const auto relations = query_int(db_, "SELECT count(*) FROM relations");
  EXPECT_GT(entities, 0);
  EXPECT_TRUE(contains(stats.out, "documents: " + std::to_string(documents) + "\n")) << stats.out;
  EXPECT_TRUE(contains(stats.out, "entities: " + std::to_string(entities) + "\n")) << stats.out;
  EXPECT_TRUE(contains(stats.out, "relations: " + std::to_string(relations) + "\n")) << stats.out;
  const auto officials = query_int(db_, "SELECT count(*) FROM entities WHERE type = 'Official'");
  if (officials > 0) {
    EXPECT_TRUE(contains(stats.out, "  Official: " + std::to_string(officials) + "\n")) << stats.out;
  }
  EXPECT_TRUE(contains(stats.out, "last build: ")) << stats.out;
  EXPECT_TRUE(contains(stats.out, "4 added")) << stats.out;

  const KgRun again = run_kg(dir_, {"build", corpus_, "--db", db_});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.out, "0 files added, 4 unchanged")) << again.out;
}

// Issue 5 asks for `kg stats` on the seeds: every seed file is built and the
// figures printed are the ones the database holds.
TEST_F(Cli, StatsOnTheSeedsMatchTheDatabase) {
  const std::string seeds = std::string(KG_SEEDS);
  const KgRun build = run_kg(dir_, {"build", seeds, "--db", db_});
  ASSERT_EQ(build.exit_code, 0) << build.err;
  const KgRun stats = run_kg(dir_, {"stats", "--db", db_});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const auto files = std::distance(std::filesystem::directory_iterator(seeds), std::filesystem::directory_iterator());
  EXPECT_EQ(query_int(db_, "SELECT count(DISTINCT source) FROM document_sources"), files);
  for (const char* column : {"damaged_spans", "glosses_removed", "chars_converted"}) {
    const auto sum = query_int(db_, std::string("SELECT sum(") + column + ") FROM documents");
    std::string label = column;
    std::replace(label.begin(), label.end(), '_', ' ');
    if (label == "chars converted") label = "characters converted";
    EXPECT_TRUE(contains(stats.out, label + ": " + std::to_string(sum) + "\n")) << stats.out;
  }
  EXPECT_TRUE(contains(stats.out, "documents: " + std::to_string(query_int(db_, "SELECT count(*) FROM documents"))))
      << stats.out;
  for (const auto& row : test::query_rows(db_, "SELECT type, count(*) FROM relations GROUP BY type")) {
    const auto bar = row.find('|');
    const std::string line =
        std::string(to_string(codec::relation_type_from_code(std::stoll(row.substr(0, bar))))) + ": " + row.substr(bar + 1);
    EXPECT_TRUE(contains(stats.out, "  " + line + "\n")) << line << "\n" << stats.out;
  }
  EXPECT_TRUE(contains(stats.out, std::to_string(files) + " added")) << stats.out;
}

TEST_F(Cli, ABadInputIsNamedTheBuildIsNonZeroAndTheGoodFilesAreKept) {
  const std::string bad = corpus_ + "/set_a/scan.pdf";
  test::write_file(bad, test::binary_bytes());
  const KgRun build = run_kg(dir_, {"build", corpus_, "--db", db_});
  EXPECT_NE(build.exit_code, 0);
  EXPECT_TRUE(contains(build.err, bad)) << build.err;
  EXPECT_TRUE(contains(build.out, "4 files added")) << build.out;
  EXPECT_EQ(query_int(db_, "SELECT count(DISTINCT source) FROM document_sources"), 4);
}

// Issue 14: a FIFO inside a folder was skipped with no message and exit 0.
TEST_F(Cli, AFifoInsideAFolderIsNamedAndTheBuildIsNonZero) {
  const std::string fifo = corpus_ + "/set_b/pipe";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  const KgRun build = run_kg(dir_, {"build", corpus_, "--db", db_});
  EXPECT_NE(build.exit_code, 0);
  EXPECT_TRUE(contains(build.err, fifo + ": a FIFO (named pipe), skipped")) << build.err;
  EXPECT_EQ(query_int(db_, "SELECT count(DISTINCT source) FROM document_sources"), 4);
}

TEST_F(Cli, ALockedDatabaseIsNamedAndNothingIsLost) {
  ASSERT_EQ(run_kg(dir_, {"build", corpus_ + "/set_a", "--db", db_}).exit_code, 0);
  const auto before = test::snapshot(db_);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const KgRun build = run_kg(dir_, {"build", corpus_, "--db", db_});
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_NE(build.exit_code, 0);
  EXPECT_TRUE(contains(build.err, db_)) << build.err;
  EXPECT_TRUE(contains(build.err, "locked")) << build.err;
  test::expect_same(test::snapshot(db_), before);
}

// Two builds into one database at once, from its creation on: each either
// succeeds (after waiting for the other's transaction) or is refused with a
// message naming the locked database; nothing is half-written, and the result
// is the graph of the builds that succeeded, as if run one after the other.
TEST_F(Cli, ConcurrentBuildsSerialiseOrRefuseAndLeaveAWholeStore) {
  const std::vector<std::string> sets = {corpus_ + "/set_a", corpus_ + "/set_b"};
  for (int round = 0; round < 3; ++round) {
    std::filesystem::remove(db_);
    const KgProcess first = start_kg(dir_, {"build", sets[0], "--db", db_}, "a");
    const KgProcess second = start_kg(dir_, {"build", sets[1], "--db", db_}, "b");
    const KgRun runs[] = {finish_kg(first), finish_kg(second)};
    std::vector<std::string> built;
    for (std::size_t i = 0; i < 2; ++i) {
      if (runs[i].exit_code == 0) {
        built.push_back(sets[i]);
        continue;
      }
      EXPECT_TRUE(contains(runs[i].err, db_) && contains(runs[i].err, "locked")) << runs[i].err;
    }
    ASSERT_FALSE(built.empty()) << runs[0].err << runs[1].err;
    EXPECT_EQ(test::query_rows(db_, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
    const std::string sequential = dir_.file("sequential.sqlite");
    std::filesystem::remove(sequential);
    for (const auto& set : built) ASSERT_EQ(run_kg(dir_, {"build", set, "--db", sequential}).exit_code, 0);
    test::expect_same(test::snapshot(db_), test::snapshot(sequential));
  }
}

// Runs `kg build CORPUS --db DB` and kills it with SIGKILL once it has
// worked for a while, well before it can finish (the library's own test
// kills at chosen phases: pipeline_test.cc). Whether it died of the signal,
// and what it printed.
struct KilledBuild {
  bool killed = false;
  std::string err;
};
KilledBuild kill_build_midway(const std::string& corpus, const std::string& db) {
  int err_pipe[2];
  if (pipe(err_pipe) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    close(err_pipe[0]);
    dup2(err_pipe[1], 2);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    execl(KG_BINARY, KG_BINARY, "build", corpus.c_str(), "--db", db.c_str(), "--threads", "2", nullptr);
    _exit(127);
  }
  close(err_pipe[1]);
  auto cpu_ticks = [pid] {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string field;
    long ticks = 0;
    for (int i = 1; i <= 15 && stat >> field; ++i)
      if (i == 14 || i == 15) ticks += std::atol(field.c_str());  // utime, stime
    return ticks;
  };
  for (int i = 0; i < 2000 && cpu_ticks() < 25; ++i) usleep(5000);
  kill(pid, SIGKILL);
  KilledBuild result;
  char chunk[256];
  for (ssize_t n; (n = read(err_pipe[0], chunk, sizeof chunk)) > 0;) result.err.append(chunk, static_cast<std::size_t>(n));
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.killed = WIFSIGNALED(status);
  return result;
}

// A corpus large enough to keep a build busy well past the moment it is killed.
std::string big_corpus(test::TempDir& dir, const std::string& corpus) {
  const std::string article = test::read_file(corpus + "/set_b/company.txt");
  const std::string big = dir.file("big");
  for (int i = 0; i < 4000; ++i)
    test::write_file(big + "/f" + std::to_string(i) + ".txt", article + "\n第" + std::to_string(i) + "期\n");
  return big;
}

TEST_F(Cli, ABuildKilledMidwayLeavesThePreviousStoreWhole) {
  ASSERT_EQ(run_kg(dir_, {"build", corpus_ + "/set_a", "--db", db_}).exit_code, 0);
  const auto before = test::snapshot(db_);
  const auto builds_before = query_int(db_, "SELECT count(*) FROM builds");

  const KilledBuild killed = kill_build_midway(big_corpus(dir_, corpus_), db_);
  ASSERT_TRUE(killed.killed) << "the build ended before it could be killed; stderr: " << killed.err;

  EXPECT_EQ(test::query_rows(db_, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
  test::expect_same(test::snapshot(db_), before);
  EXPECT_EQ(query_int(db_, "SELECT count(*) FROM builds"), builds_before);

  // The file is neither locked nor damaged: the next build works.
  const KgRun next = run_kg(dir_, {"build", corpus_, "--db", db_});
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_TRUE(contains(next.out, "2 files added, 2 unchanged")) << next.out;
}

// A first build writes through a rollback journal, not the WAL
// (Store::begin): killed, it leaves an empty database that reads and builds.
TEST_F(Cli, AFirstBuildKilledMidwayLeavesAnEmptyDatabaseThatWorks) {
  const KilledBuild killed = kill_build_midway(big_corpus(dir_, corpus_), db_);
  ASSERT_TRUE(killed.killed) << "the build ended before it could be killed; stderr: " << killed.err;

  const KgRun stats = run_kg(dir_, {"stats", "--db", db_});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_TRUE(contains(stats.out, "documents: 0")) << stats.out;
  EXPECT_EQ(test::query_rows(db_, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));

  const KgRun next = run_kg(dir_, {"build", corpus_, "--db", db_});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_TRUE(contains(next.out, "4 files added")) << next.out;
  EXPECT_EQ(test::query_rows(db_, "PRAGMA journal_mode"), (std::vector<std::string>{"wal"}));
}

TEST_F(Cli, RemoveTakesAFileAndNamesWhatItCannotFind) {
  ASSERT_EQ(run_kg(dir_, {"build", corpus_, "--db", db_}).exit_code, 0);
  const std::string visit = corpus_ + "/set_b/official_visit.txt";
  const KgRun remove = run_kg(dir_, {"remove", "--db", db_, visit});
  ASSERT_EQ(remove.exit_code, 0) << remove.err;
  EXPECT_TRUE(contains(remove.out, "removed ")) << remove.out;
  EXPECT_EQ(query_int(db_, "SELECT count(DISTINCT source) FROM document_sources"), 3);

  const KgRun missing = run_kg(dir_, {"remove", "--db", db_, visit});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_TRUE(contains(missing.err, visit)) << missing.err;
  EXPECT_EQ(query_int(db_, "SELECT count(DISTINCT source) FROM document_sources"), 3);
}

TEST_F(Cli, StatsAndRemoveRefuseADatabaseThatDoesNotExist) {
  const std::string missing = dir_.file("missing.sqlite");
  const KgRun stats = run_kg(dir_, {"stats", "--db", missing});
  EXPECT_NE(stats.exit_code, 0);
  EXPECT_TRUE(contains(stats.err + stats.out, missing)) << stats.err;
  EXPECT_FALSE(std::filesystem::exists(missing));
  EXPECT_NE(run_kg(dir_, {"remove", "--db", missing, "a.txt"}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(Cli, BuildRefusesAFileThatIsNotADatabaseAndLeavesItAlone) {
  const std::string notes = dir_.file("notes.txt");
  const std::string content = std::string(2000, 'n') + "\n";
  test::write_file(notes, content);
  const KgRun build = run_kg(dir_, {"build", corpus_, "--db", notes});
  EXPECT_NE(build.exit_code, 0);
  EXPECT_TRUE(contains(build.err, notes)) << build.err;
  EXPECT_EQ(test::read_file(notes), content);
}

TEST_F(Cli, ReadingCommandsNeverTurnAnEmptyFileIntoADatabase) {
  const std::string empty = dir_.file("empty.sqlite");
  test::write_file(empty, "");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"stats", "--db", empty}, {"query", "--db", empty, "served"},
        {"export", "--db", empty, "--format", "json"}, {"report", "--db", empty}}) {
    const KgRun run = run_kg(dir_, args);
    EXPECT_NE(run.exit_code, 0) << args[0];
    EXPECT_TRUE(contains(run.err, empty)) << args[0] << ": " << run.err;
    EXPECT_EQ(std::filesystem::file_size(empty), 0u) << args[0];
    EXPECT_FALSE(std::filesystem::exists(empty + "-wal")) << args[0];
  }
}

TEST_F(Cli, AnotherProgramsDatabaseIsLeftAsItWas) {
  const std::string other = dir_.file("other.sqlite");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE accounts(id INTEGER); INSERT INTO accounts VALUES (1)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  const std::string before = test::read_file(other);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"stats", "--db", other}, {"query", "--db", other, "served"},
        {"build", corpus_, "--db", other}, {"remove", "--db", other, "a.txt"}}) {
    const KgRun run = run_kg(dir_, args);
    EXPECT_NE(run.exit_code, 0) << args[0];
    EXPECT_TRUE(contains(run.err, "another program")) << args[0] << ": " << run.err;
  }
  EXPECT_EQ(test::read_file(other), before);
}

TEST_F(Cli, ReadingCommandsWorkOnADatabaseNobodyMayWrite) {
  const std::string folder = dir_.file("archive");
  std::filesystem::create_directories(folder);
  const std::string db = folder + "/kg.sqlite";
  ASSERT_EQ(run_kg(dir_, {"build", corpus_, "--db", db}).exit_code, 0);
  chmod(dir_.file("").c_str(), 0755);
  chmod(db.c_str(), 0444);
  chmod(folder.c_str(), 0555);
  const std::string out = dir_.file("out");  // a writable place for the output
  std::filesystem::create_directories(out);
  chmod(out.c_str(), 0777);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"stats", "--db", db}, {"query", "--db", db, "served"},
        {"export", "--db", db, "--format", "json", "-o", out + "/kg.json"},
        {"report", "--db", db, "-o", out + "/report.md"}}) {
    const pid_t pid = fork();
    if (pid == 0) {
      // As root every file is writable: run as `nobody` to make it read-only.
      if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(90);
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      std::vector<char*> argv{const_cast<char*>(KG_BINARY)};
      for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      execv(KG_BINARY, argv.data());
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << args[0] << " exited " << WEXITSTATUS(status);
  }
  chmod(folder.c_str(), 0755);
  chmod(db.c_str(), 0644);
  EXPECT_GT(std::filesystem::file_size(out + "/kg.json"), 0u);
}

TEST_F(Cli, ADamagedDatabaseIsRefusedByRemoveAndBuild) {
  ASSERT_EQ(run_kg(dir_, {"build", corpus_, "--db", db_}).exit_code, 0);
  // The first page of sqlite_sequence overwritten with noise.
  const auto page = query_int(db_, "SELECT rootpage FROM sqlite_schema WHERE name = 'sqlite_sequence'");
  const auto page_size = query_int(db_, "PRAGMA page_size");
  ASSERT_GT(page, 0);
  {
    std::fstream file(db_, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp((page - 1) * page_size + 8);
    const std::string noise(64, '\xA5');
    file.write(noise.data(), static_cast<std::streamsize>(noise.size()));
  }
  const std::string damaged = test::read_file(db_);
  const KgRun remove = run_kg(dir_, {"remove", "--db", db_, corpus_ + "/set_a/park.txt"});
  EXPECT_NE(remove.exit_code, 0);
  EXPECT_TRUE(contains(remove.err, "damaged")) << remove.err;
  const KgRun build = run_kg(dir_, {"build", corpus_, "--db", db_});
  EXPECT_NE(build.exit_code, 0);
  EXPECT_TRUE(contains(build.err, "damaged")) << build.err;
  EXPECT_EQ(test::read_file(db_), damaged);  // nothing was written on it
}

}  // namespace
}  // namespace kg
