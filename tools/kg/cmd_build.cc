// tools/kg/cmd_build.cc: `kg build [PATH...] --db FILE [--lexicon FILE]...
// [--forget-lexicons] [--rebuild] [--threads N] [--quiet]`: runs the
// pipeline, shows its progress, prints a short summary. `-` as a PATH reads
// more paths from stdin, one per line; no PATH refreshes what is stale.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "commands.h"
#include "pipeline/pipeline.h"
#include "progress.h"
#include "store/store.h"

namespace kg::cli {
namespace {

struct BuildArgs {
  std::vector<std::string> inputs;
  std::string db;
  std::vector<std::string> lexicons;
  std::uint64_t threads = 0;
  bool quiet = false;
  bool forget_lexicons = false;
  bool rebuild = false;
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

// The inputs with "-" replaced by the lines of stdin (empty lines skipped).
std::vector<std::string> expand_stdin(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  bool read = false;
  for (const std::string& input : inputs) {
    if (input != "-") {
      out.push_back(input);
      continue;
    }
    if (read) throw UsageError("PATH: '-' (read paths from stdin) given twice");
    read = true;
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      std::error_code error;
      if (!std::filesystem::exists(std::filesystem::symlink_status(line, error)))
        throw UsageError("PATH: '" + line + "' (read from stdin) does not exist");
      out.push_back(line);
    }
  }
  if (read && out.empty()) throw UsageError("PATH: stdin gave no paths");
  return out;
}

void run_build(const BuildArgs& args) {
  BuildOptions options;
  options.inputs = expand_stdin(args.inputs);
  options.lexicon_files = args.lexicons;
  options.forget_lexicons = args.forget_lexicons;
  options.rebuild = args.rebuild;
  options.threads = static_cast<unsigned>(args.threads);
  if (!args.lexicons.empty() && args.forget_lexicons)
    throw UsageError("--lexicon and --forget-lexicons: give one or the other");
  std::error_code error;
  if (options.inputs.empty() && !std::filesystem::exists(args.db, error))
    throw UsageError("no PATH given, and " + args.db + " does not exist: there is nothing to refresh");
  // The database is opened only once every argument has been checked, so a
  // wrong command line leaves no empty database behind.
  Store store(args.db);
  auto display = std::make_shared<ProgressDisplay>(stderr, ::isatty(STDERR_FILENO) == 1);
  options.on_message = [display](const std::string& text) { display->message(text); };
  if (!args.quiet) options.on_progress = [display](const BuildProgress& p) { display->update(p); };
  BuildReport report;
  try {
    report = build(store, options);
  } catch (...) {
    display->finish();
    throw;
  }
  display->finish();
  const StoreStats stats = store.stats();

  const double mb = static_cast<double>(report.bytes) / (1024.0 * 1024.0);
  char speed[96];
  std::snprintf(speed, sizeof speed, "%.1f KB in %.2f s (%.2f MB/s)", static_cast<double>(report.bytes) / 1024.0,
                report.seconds, report.seconds > 0 ? mb / report.seconds : 0.0);
  std::cout << "built into " << args.db << ": " << report.files_added << " files added, " << report.files_unchanged
            << " unchanged, " << report.files_failed << " failed\n"
            << "documents: " << stats.documents << " stored, " << report.documents_added << " added"
            << (report.documents_extracted_again > 0
                    ? ", " + std::to_string(report.documents_extracted_again) + " extracted again"
                    : std::string())
            << "\n"
            << "entities: " << by_type(stats.entities_by_type) << "\n"
            << "relations: " << by_type(stats.relations_by_type) << "\n"
            << "read " << speed << "\n";
  if (report.edits_examined > 0)
    std::cout << "edits applied again: " << report.edits_examined << " (" << report.edits_applied
              << " changed the graph)\n";
  if (report.files_failed > 0)
    throw std::runtime_error(std::to_string(report.files_failed) + " input(s) could not be built (see above); the others were stored");
  if (!options.inputs.empty() && report.files_added + report.files_unchanged == 0)
    throw std::runtime_error("no input file could be built");
}

}  // namespace

void add_build_command(CLI::App& app) {
  auto args = std::make_shared<BuildArgs>();
  auto* cmd = app.add_subcommand("build", "Read files or folders of news into the knowledge-graph database");
  mark_file_option(cmd->add_option("PATH", args->inputs,
                                   "files or folders (searched recursively); '-' reads paths from stdin, one per "
                                   "line; none: extract again what is stale and apply the edits")
                       ->check(CLI::Validator(
                           [](std::string& path) -> std::string {
                             std::error_code error;
                             if (path == "-" || std::filesystem::exists(std::filesystem::symlink_status(path, error)))
                               return {};
                             return "'" + path + "' does not exist";
                           },
                           "PATH")));
  add_db_option(*cmd, args->db, false, "the SQLite database file (created if missing)");
  mark_file_option(cmd->add_option("--lexicon", args->lexicons, "a user lexicon added to the built-in ones (repeatable; the database remembers them for later builds)")
                       ->check(CLI::ExistingFile));
  cmd->add_flag("--forget-lexicons", args->forget_lexicons,
                "build with the built-in lexicons only and forget the user lexicons the database remembers");
  cmd->add_flag("--rebuild", args->rebuild,
                "extract every stored document again and resolve the graph from scratch (edits are kept)");
  add_count_option(*cmd, "--threads", args->threads, 0, 1024, "worker threads, 0 for one per core (default 0)");
  cmd->add_flag("-q,--quiet", args->quiet, "no progress display (problems with files are still reported)");
  cmd->callback([args] {
    use_kg_db(args->db, false);
    run_build(*args);
  });
}

}  // namespace kg::cli
