// tools/kg/cmd_report.cc: placeholder until the report command lands; it registers
// the subcommand so the CLI links, and refuses to run.
#include <stdexcept>

#include "commands.h"

namespace kg::cli {

void add_report_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", "(not available yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'report' is not available in this build yet"); });
}

}  // namespace kg::cli
