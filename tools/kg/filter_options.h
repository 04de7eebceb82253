// tools/kg/filter_options.h: the options that choose part of the graph,
// shared by `kg export` and `kg report`: --type, --relation, --around with
// --depth, --source, --since and --until, parsed into a SubgraphFilter.
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
// The filter; a usage error for --depth without --around.
SubgraphFilter parse_filter(const CLI::App& cmd, const FilterArgs& args);

}  // namespace kg::cli
