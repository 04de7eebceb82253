// tools/kg/filter_options.h: the options that choose part of the graph,
// shared by `kg export` and `kg report`: --type, --relation, --around with
// --depth, --source, --since and --until, parsed into a SubgraphFilter;
// and --since/--until alone for `kg query`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "export/export.h"

namespace kg::cli {

struct FilterArgs {
  std::vector<std::string> types, relations;
  std::string around, source, since, until;
  std::uint64_t depth = 1;
};

void add_filter_options(CLI::App& cmd, FilterArgs& args);
// --since and --until alone (kg query): a date YYYY, YYYY-MM or YYYY-MM-DD
// each, refused by CLI11 naming the option otherwise.
void add_date_options(CLI::App& cmd, std::string& since, std::string& until, const std::string& what);
// The window they give; a usage error when --since comes after --until.
DateWindow parse_date_window(const std::string& since, const std::string& until);
// The filter; a usage error for --depth without --around.
SubgraphFilter parse_filter(const CLI::App& cmd, const FilterArgs& args);

}  // namespace kg::cli
