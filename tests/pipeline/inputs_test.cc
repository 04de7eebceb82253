// tests/pipeline/inputs_test.cc: finding the files of a build (inputs.cc).
// Every path given or found in a folder is either read or named with what it
// is: an unreadable subfolder, a FIFO, socket or device, a dangling link, a
// symbolic link loop (issue 14: these were skipped in silence, or a loop was
// called "no such file or folder").
//
// Unreadable folders need a reader without privileges: the suite runs as root
// in CI, and root reads any folder whatever its mode. Those checks run in a
// child process that, when it is root, becomes user nobody first and proves
// it can no longer read the folder before it looks.
#include <grp.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "pipeline/inputs.h"
#include "snapshot.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> sources(const Inputs& inputs) {
  std::vector<std::string> out;
  for (const auto& file : inputs.files) out.push_back(file.source);
  return out;
}

// What a child process found: its files' sources and its problems, or the
// reason the child could not run the check (empty when it did).
struct ChildResult {
  std::vector<std::string> files, problems;
  std::string failure;
};

constexpr uid_t kNobody = 65534;

// Runs collect() in a child without root's privileges. `unreadable` is a
// path the child must fail to read, or the check would prove nothing.
ChildResult collect_without_privileges(const std::string& unreadable, const std::function<Inputs()>& collect) {
  int out[2];
  if (pipe(out) != 0) return {{}, {}, "pipe failed"};
  const pid_t pid = fork();
  if (pid == 0) {
    close(out[0]);
    if (geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(kNobody) != 0 || setuid(kNobody) != 0)) _exit(3);
    if (access(unreadable.c_str(), R_OK) == 0) _exit(4);
    const Inputs inputs = collect();
    std::string report;
    for (const auto& file : inputs.files) report += "F" + file.source + "\n";
    for (const auto& problem : inputs.problems) report += "P" + problem + "\n";
    for (std::size_t done = 0; done < report.size();) {
      const ssize_t n = write(out[1], report.data() + done, report.size() - done);
      if (n <= 0) _exit(5);
      done += static_cast<std::size_t>(n);
    }
    _exit(0);  // no atexit handlers (LeakSanitizer) in a process that changed user
  }
  close(out[1]);
  std::string report;
  char buffer[4096];
  for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;) report.append(buffer, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ChildResult result;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.failure = code == 3   ? "could not become user nobody"
                     : code == 4 ? "the child can still read " + unreadable
                                 : "child failed with status " + std::to_string(code);
    return result;
  }
  for (std::size_t at = 0; at < report.size();) {
    const std::size_t end = report.find('\n', at);
    const std::string line = report.substr(at + 1, end - at - 1);
    (report[at] == 'F' ? result.files : result.problems).push_back(line);
    at = end + 1;
  }
  return result;
}

class InputDiscovery : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = dir_.file("corpus");
    test::write_file(corpus_ + "/a.txt", "南法信镇党委书记张小军带队走访。\n");
    test::write_file(corpus_ + "/sub/b.txt", "杨勇走访成都频岢微电子公司。\n");
  }
  Inputs collect(const std::vector<std::string>& given) const { return collect_inputs(given, dir_.file("kg.sqlite")); }
  test::TempDir dir_;
  std::string corpus_;
};

TEST_F(InputDiscovery, AnUnreadableSubfolderIsNamedAndTheRestIsRead) {
  const std::string locked = corpus_ + "/locked";
  test::write_file(locked + "/c.txt", "赵青陪同企业负责人考察杰必机电。\n");
  // The temporary folder is root's: the child must be able to reach it.
  fs::permissions(dir_.file(""), fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(locked, fs::perms::none);
  const ChildResult result = collect_without_privileges(locked, [&] { return collect({corpus_}); });
  fs::permissions(locked, fs::perms::owner_all);
  ASSERT_EQ(result.failure, "");
  EXPECT_EQ(result.files, (std::vector<std::string>{corpus_ + "/a.txt", corpus_ + "/sub/b.txt"}));
  EXPECT_EQ(result.problems, (std::vector<std::string>{locked + ": cannot read the folder (Permission denied)"}));
}

TEST_F(InputDiscovery, AnUnreadableFolderGivenByNameIsNamed) {
  fs::permissions(dir_.file(""), fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(corpus_, fs::perms::none);
  const ChildResult result = collect_without_privileges(corpus_, [&] { return collect({corpus_}); });
  fs::permissions(corpus_, fs::perms::owner_all);
  ASSERT_EQ(result.failure, "");
  EXPECT_TRUE(result.files.empty());
  EXPECT_EQ(result.problems, (std::vector<std::string>{corpus_ + ": cannot read the folder (Permission denied)"}));
}

TEST_F(InputDiscovery, FifosSocketsAndDevicesInAFolderAreNamed) {
  ASSERT_EQ(mkfifo((corpus_ + "/pipe").c_str(), 0644), 0);
  const int sock = socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string socket_path = corpus_ + "/sub/sock";
  ASSERT_LT(socket_path.size(), sizeof address.sun_path);
  std::copy(socket_path.begin(), socket_path.end(), address.sun_path);
  ASSERT_EQ(bind(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  fs::create_symlink("/dev/null", corpus_ + "/null");

  const Inputs inputs = collect({corpus_});
  close(sock);
  EXPECT_EQ(sources(inputs), (std::vector<std::string>{corpus_ + "/a.txt", corpus_ + "/sub/b.txt"}));
  EXPECT_EQ(inputs.problems, (std::vector<std::string>{corpus_ + "/null: a character device, skipped",
                                                       corpus_ + "/pipe: a FIFO (named pipe), skipped",
                                                       corpus_ + "/sub/sock: a socket, skipped"}));
  // Given by name, a FIFO is refused as well, and never opened (which would block).
  EXPECT_EQ(collect({corpus_ + "/pipe"}).problems,
            (std::vector<std::string>{corpus_ + "/pipe: a FIFO (named pipe), not a file or folder kg can read"}));
}

TEST_F(InputDiscovery, ASymlinkLoopIsCalledOne) {
  const std::string loop = corpus_ + "/loop";
  fs::create_symlink("loop", loop);
  EXPECT_EQ(collect({loop}).problems, (std::vector<std::string>{loop + ": a symbolic link loop"}));
  fs::create_symlink("ping", corpus_ + "/sub/pong");
  fs::create_symlink("pong", corpus_ + "/sub/ping");
  const Inputs inputs = collect({corpus_});
  EXPECT_EQ(sources(inputs), (std::vector<std::string>{corpus_ + "/a.txt", corpus_ + "/sub/b.txt"}));
  EXPECT_EQ(inputs.problems, (std::vector<std::string>{loop + ": a symbolic link loop",
                                                       corpus_ + "/sub/ping: a symbolic link loop",
                                                       corpus_ + "/sub/pong: a symbolic link loop"}));
  // A missing path is still called missing.
  EXPECT_EQ(collect({corpus_ + "/nothing.txt"}).problems,
            (std::vector<std::string>{corpus_ + "/nothing.txt: no such file or folder"}));
}

TEST_F(InputDiscovery, LinksAreReadOrNamed) {
  fs::create_symlink("../a.txt", corpus_ + "/sub/to_a.txt");
  fs::create_symlink("gone.txt", corpus_ + "/dangling.txt");
  fs::create_symlink("sub", corpus_ + "/to_sub");      // a folder walked anyway: not twice
  fs::create_symlink("..", corpus_ + "/sub/up");       // back up: not again
  const std::string elsewhere = dir_.file("elsewhere");
  test::write_file(elsewhere + "/c.txt", "镇党委书记王一鸣走访企业。\n");
  fs::create_symlink(elsewhere, corpus_ + "/to_elsewhere");  // followed
  test::write_file(corpus_ + "/.git/HEAD", "ref: refs/heads/main\n");
  const Inputs inputs = collect({corpus_});
  // Links to files and folders are read under their own names, each folder
  // once; hidden entries are passed over.
  EXPECT_EQ(sources(inputs),
            (std::vector<std::string>{corpus_ + "/a.txt", corpus_ + "/sub/b.txt", corpus_ + "/sub/to_a.txt",
                                      corpus_ + "/to_elsewhere/c.txt"}));
  EXPECT_EQ(inputs.problems,
            (std::vector<std::string>{corpus_ + "/dangling.txt: a symbolic link to 'gone.txt' that does not exist",
                                      corpus_ + "/sub/up: a symbolic link loop (back up to " +
                                          fs::canonical(corpus_).string() + ")"}));
  // Given by name, a link to a folder is followed; its link back up is a loop.
  const Inputs given = collect({corpus_ + "/to_sub"});
  EXPECT_EQ(sources(given), (std::vector<std::string>{corpus_ + "/to_sub/b.txt", corpus_ + "/to_sub/to_a.txt"}));
  EXPECT_EQ(given.problems.size(), 1u);
}

}  // namespace
}  // namespace kg
