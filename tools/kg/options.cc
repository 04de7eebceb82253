// tools/kg/options.cc: the option helpers of commands.h: --db and KG_DB,
// whole numbers with their real range, choices, and the hints shell
// completion reads. Parsing only: no knowledge graph is touched here.
#include <cstdlib>
#include <filesystem>

#include "commands.h"

namespace kg::cli {

CompletionHints& completion_hints() {
  static CompletionHints hints;
  return hints;
}

CLI::Option* mark_file_option(CLI::Option* option) {
  completion_hints().files.push_back(option);
  return option;
}

namespace {
// Empty when `path` can be read as a database, else why not.
std::string database_problem(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status))
    return "database '" + path + "' does not exist (build it with 'kg build --db " + path + " PATH...')";
  if (!std::filesystem::is_regular_file(status)) return "database '" + path + "' is not a file";
  return {};
}
}  // namespace

CLI::Option* add_db_option(CLI::App& cmd, std::string& db, bool must_exist, const std::string& help) {
  // KG_DB is read by use_kg_db, not by CLI11's envname: CLI11 2.1 applies an
  // environment variable to the options of every subcommand, run or not.
  auto* option = cmd.add_option("--db", db, help + " (default: $KG_DB)");
  if (must_exist) option->check(CLI::Validator(database_problem, "FILE"));
  return mark_file_option(option);
}

void use_kg_db(std::string& db, bool must_exist) {
  if (!db.empty()) return;
  const char* env = std::getenv("KG_DB");
  if (!env || !*env) throw UsageError("--db FILE is required (or KG_DB in the environment)");
  db = env;
  if (must_exist)
    if (const std::string problem = database_problem(db); !problem.empty()) throw UsageError("KG_DB: " + problem);
}

CLI::Option* add_count_option(CLI::App& cmd, const std::string& name, std::uint64_t& value, std::uint64_t min,
                              std::uint64_t max, const std::string& help) {
  const std::string range = std::to_string(min) + " to " + std::to_string(max);
  return cmd
      .add_option(name, value, help + " (" + range + ")")
      ->check(CLI::Validator(
          [min, max, range](std::string& text) -> std::string {
            const std::string expected = "expected a whole number from " + range + ", got '" + text + "'";
            if (text.empty() || text.size() > 20) return expected;
            std::uint64_t number = 0;
            for (char c : text) {
              if (c < '0' || c > '9') return expected;
              const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
              if (number > (UINT64_MAX - digit) / 10) return expected;  // past the largest whole number
              number = number * 10 + digit;
            }
            if (number < min || number > max) return expected;
            return {};
          },
          "N"));
}

CLI::Option* add_choice_option(CLI::App& cmd, const std::string& name, std::string& value,
                               const std::vector<std::string>& choices, const std::string& help) {
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  auto* option = cmd.add_option(name, value, help)->check(CLI::Validator(
      [choices, list](std::string& text) -> std::string {
        for (const auto& c : choices)
          if (c == text) return {};
        return "'" + text + "' is not one of " + list;
      },
      "{" + list + "}"));
  completion_hints().choices[option] = choices;
  return option;
}

void refuse_if_given(const CLI::App& cmd, const std::string& option, const std::string& what,
                     const std::string& applies_to) {
  if (cmd.count(option) == 0) return;
  throw UsageError(option + " does not apply to " + what + (applies_to.empty() ? "" : " (it applies to " + applies_to + ")"));
}

}  // namespace kg::cli
