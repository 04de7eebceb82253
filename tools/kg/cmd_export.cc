// tools/kg/cmd_export.cc: placeholder until the export command lands; it registers
// the subcommand so the CLI links, and refuses to run.
#include <stdexcept>

#include "commands.h"

namespace kg::cli {

void add_export_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("export", "(not available yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'export' is not available in this build yet"); });
}

}  // namespace kg::cli
