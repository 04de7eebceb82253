// tools/kg/cmd_build.cc: `kg build PATH... --db FILE [--lexicon FILE]...
// [--threads N]`: runs the pipeline and prints a short summary.
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "commands.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace kg::cli {
namespace {

struct BuildArgs {
  std::vector<std::string> inputs;
  std::string db;
  std::vector<std::string> lexicons;
  unsigned threads = 0;
};

std::string by_type(const std::vector<std::pair<std::string, std::uint64_t>>& counts) {
  std::uint64_t total = 0;
  std::string list;
  for (const auto& [type, count] : counts) {
    total += count;
    list += (list.empty() ? "" : ", ") + type + " " + std::to_string(count);
  }
  return std::to_string(total) + (list.empty() ? "" : " (" + list + ")");
}

void run_build(const BuildArgs& args) {
  Store store(args.db);
  BuildOptions options;
  options.inputs = args.inputs;
  options.lexicon_files = args.lexicons;
  options.threads = args.threads;
  options.on_message = [](const std::string& text) { std::cerr << "kg build: " << text << "\n"; };
  const BuildReport report = build(store, options);
  const StoreStats stats = store.stats();

  const double mb = static_cast<double>(report.bytes) / (1024.0 * 1024.0);
  char speed[96];
  std::snprintf(speed, sizeof speed, "%.1f KB in %.2f s (%.2f MB/s)", static_cast<double>(report.bytes) / 1024.0,
                report.seconds, report.seconds > 0 ? mb / report.seconds : 0.0);
  std::cout << "built into " << args.db << ": " << report.files_added << " files added, " << report.files_unchanged
            << " unchanged, " << report.files_failed << " failed\n"
            << "documents: " << stats.documents << " stored, " << report.documents_added << " added\n"
            << "entities: " << by_type(stats.entities_by_type) << "\n"
            << "relations: " << by_type(stats.relations_by_type) << "\n"
            << "read " << speed << "\n";
  if (report.files_failed > 0)
    throw std::runtime_error(std::to_string(report.files_failed) + " input(s) could not be built (see above); the others were stored");
  if (report.files_added + report.files_unchanged == 0) throw std::runtime_error("no input file could be built");
}

}  // namespace

void add_build_command(CLI::App& app) {
  auto args = std::make_shared<BuildArgs>();
  auto* cmd = app.add_subcommand("build", "Read files or folders of news into the knowledge-graph database");
  cmd->add_option("PATH", args->inputs, "files or folders (searched recursively)")->required();
  cmd->add_option("--db", args->db, "the SQLite database file (created if missing)")->required();
  cmd->add_option("--lexicon", args->lexicons, "a user lexicon added to the built-in ones (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--threads", args->threads, "worker threads (default: one per core)")->check(CLI::Range(0u, 1024u));
  cmd->callback([args] { run_build(*args); });
}

}  // namespace kg::cli
