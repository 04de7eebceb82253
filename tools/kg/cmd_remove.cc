// tools/kg/cmd_remove.cc: `kg remove --db FILE SOURCE...`: removes documents
// (by file, or every file built from a folder) and the facts only they held.
#include <iostream>
#include <memory>
#include <stdexcept>

#include "commands.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace kg::cli {
namespace {

struct RemoveArgs {
  std::string db;
  std::vector<std::string> sources;
};

void run_remove(const RemoveArgs& args) {
  Store store(args.db);
  const RemoveReport report = remove_sources_report(store, args.sources);
  std::cout << "removed " << report.documents_removed << " document(s) from " << args.db << "\n";
  if (!report.not_found.empty()) {
    std::string list;
    for (const auto& source : report.not_found) list += (list.empty() ? "" : ", ") + source;
    throw std::runtime_error("nothing stored in " + args.db + " under: " + list);
  }
}

}  // namespace

void add_remove_command(CLI::App& app) {
  auto args = std::make_shared<RemoveArgs>();
  auto* cmd = app.add_subcommand("remove", "Remove built files (or folders) and every fact only they supported");
  add_db_option(*cmd, args->db, true, "the SQLite database file");
  cmd->add_option("SOURCE", args->sources, "sources as they were built (see `kg stats`)")->required();
  cmd->callback([args] {
    use_kg_db(args->db, true);
    run_remove(*args);
  });
}

}  // namespace kg::cli
