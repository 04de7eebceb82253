// tools/kg/cmd_stats.cc: `kg stats --db FILE`: what the database holds and how
// the last build went.
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "store/store.h"

namespace kg::cli {
namespace {

void print_counts(const char* heading, const std::vector<std::pair<std::string, std::uint64_t>>& counts) {
  std::uint64_t total = 0;
  for (const auto& entry : counts) total += entry.second;
  std::cout << heading << ": " << total << "\n";
  for (const auto& [type, count] : counts) std::cout << "  " << type << ": " << count << "\n";
}

void run_stats(const std::string& db) {
  Store store(db, Store::Mode::read_only);
  const StoreStats stats = store.stats();
  std::cout << "database: " << db << " (schema version " << store.schema_version() << ")\n"
            << "documents: " << stats.documents << "\n";
  print_counts("entities", stats.entities_by_type);
  print_counts("relations", stats.relations_by_type);
  std::cout << "damaged spans: " << stats.damaged_spans << "\n"
            << "glosses removed: " << stats.glosses_removed << "\n"
            << "characters converted: " << stats.chars_converted << "\n";
  if (!stats.last_build) {
    std::cout << "last build: none\n";
    return;
  }
  const BuildRecord& build = *stats.last_build;
  const double mb = static_cast<double>(build.bytes) / (1024.0 * 1024.0);
  char line[160];
  if (build.bytes == 0)
    std::snprintf(line, sizeof line, "%.2f s, nothing new to read", build.seconds);
  else
    std::snprintf(line, sizeof line, "%.2f s, %.1f KB read (%.2f MB/s)", build.seconds,
                  static_cast<double>(build.bytes) / 1024.0, build.seconds > 0 ? mb / build.seconds : 0.0);
  std::cout << "last build: " << build.started_at << ", " << line << ", files " << build.files_added << " added, "
            << build.files_unchanged << " unchanged, " << build.files_failed << " failed\n";
}

}  // namespace

void add_stats_command(CLI::App& app) {
  auto db = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("stats", "Show what a knowledge-graph database holds");
  add_db_option(*cmd, *db, true, "the SQLite database file");
  cmd->callback([db] {
    use_kg_db(*db, true);
    run_stats(*db);
  });
}

}  // namespace kg::cli
