// model/attributes.h owns the attribute list every stage passes along
// (investment_yuan of a project, role of a served relation): key/value pairs
// in the order they were found, duplicates allowed.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace kg {

using Attributes = std::vector<std::pair<std::string, std::string>>;

}  // namespace kg
