// tests/pipeline/kg_process.h: the kg binary (KG_BINARY) run as a user runs
// it, for the CLI tests of several stages: stdout and stderr captured in
// files (no pipe can fill up), the exit status as the shell sees it.
#pragma once

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include "snapshot.h"

namespace kg::test {

struct KgRun {
  int exit_code = -1;
  std::string out, err;
};

// A kg process started in the background; `tag` names its output files, so
// that several can run at once.
struct KgProcess {
  pid_t pid = -1;
  std::string out_path, err_path;
};

inline KgProcess start_kg(const TempDir& dir, const std::vector<std::string>& args, const std::string& tag = "",
                          const std::vector<std::pair<std::string, std::string>>& env = {}) {
  KgProcess process{-1, dir.file("stdout" + tag + ".txt"), dir.file("stderr" + tag + ".txt")};
  process.pid = fork();
  if (process.pid == 0) {
    const int out = open(process.out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(process.err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    std::vector<char*> argv{const_cast<char*>(KG_BINARY)};
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(KG_BINARY, argv.data());
    _exit(127);
  }
  return process;
}

inline KgRun finish_kg(const KgProcess& process) {
  KgRun run;
  int status = 0;
  waitpid(process.pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = read_file(process.out_path);
  run.err = read_file(process.err_path);
  return run;
}

inline KgRun run_kg(const TempDir& dir, const std::vector<std::string>& args,
                    const std::vector<std::pair<std::string, std::string>>& env = {}) {
  return finish_kg(start_kg(dir, args, "", env));
}

}  // namespace kg::test
