// tools/kg/cmd_eval.cc: placeholder until the eval command lands; it registers
// the subcommand so the CLI links, and refuses to run.
#include <stdexcept>

#include "commands.h"

namespace kg::cli {

void add_eval_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("eval", "(not available yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'eval' is not available in this build yet"); });
}

}  // namespace kg::cli
