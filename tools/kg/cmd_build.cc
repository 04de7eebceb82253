// tools/kg/cmd_build.cc: placeholder until the build command lands; it registers
// the subcommand so the CLI links, and refuses to run.
#include <stdexcept>

#include "commands.h"

namespace kg::cli {

void add_build_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("build", "(not available yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'build' is not available in this build yet"); });
}

}  // namespace kg::cli
