// tools/kg/commands.h: each subcommand lives in its own cmd_*.cc and registers
// itself on the CLI11 app. Commands parse arguments, call libgraph, print.
// The helpers here make every command parse the same way: --db (or KG_DB),
// whole numbers with their real range in the message, choices that shell
// completion can offer, and usage errors (exit 2) apart from failures (exit 1).
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace kg::cli {

// Exit codes, the same for every command (docs/cli.md, the man page).
inline constexpr int kExitFailure = 1;  // the command ran and failed (I/O, database, a name not found)
inline constexpr int kExitUsage = 2;    // the command line is wrong; nothing was done

// A command line that is wrong in a way CLI11 cannot see (an option that does
// not apply to the question asked): main prints it and exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void add_build_command(CLI::App& app);
void add_remove_command(CLI::App& app);
void add_stats_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_query_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_completion_command(CLI::App& app);
void add_edit_command(CLI::App& app);

// --db FILE, or the environment variable KG_DB. For commands that read, the
// file must exist (a usage error otherwise: nothing is created). Each
// command's callback calls use_kg_db first: it takes KG_DB when --db was not
// given, and refuses a command with neither.
CLI::Option* add_db_option(CLI::App& cmd, std::string& db, bool must_exist, const std::string& help);
void use_kg_db(std::string& db, bool must_exist);

// A whole number from `min` to `max`; anything else (a sign, a fraction,
// digits past the largest value) is refused with that range in the message.
CLI::Option* add_count_option(CLI::App& cmd, const std::string& name, std::uint64_t& value, std::uint64_t min,
                              std::uint64_t max, const std::string& help);

// An option whose value is one of `choices` (also offered by completion).
CLI::Option* add_choice_option(CLI::App& cmd, const std::string& name, std::string& value,
                               const std::vector<std::string>& choices, const std::string& help);
// An option naming files (completion offers file names).
CLI::Option* mark_file_option(CLI::Option* option);

// What completion offers: the choices of each option, and which options take files.
struct CompletionHints {
  std::map<const CLI::Option*, std::vector<std::string>> choices;
  std::vector<const CLI::Option*> files;
  std::map<const CLI::App*, std::vector<std::string>> words;  // positional words (query questions)
};
CompletionHints& completion_hints();

// Throws UsageError when `option` was given: "OPTION does not apply to WHAT
// (it applies to: ...)".
void refuse_if_given(const CLI::App& cmd, const std::string& option, const std::string& what,
                     const std::string& applies_to);

}  // namespace kg::cli
