// eval/json_input.h (internal to eval): reading a JSON file into a RapidJSON
// document with messages that name the file, and the small conversions the
// gold and node-link readers share so that both read JSON as score.py does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

namespace kg::eval_detail {

// The whole file, or EvalError naming it (missing, unreadable, a directory).
std::string read_whole_file(const std::string& path);

// Parses UTF-8 JSON; EvalError with the label, byte offset and reason.
rapidjson::Document parse_json(std::string_view json, const std::string& label);

// Python's truthiness of a JSON value (for `optional`).
bool truthy(const rapidjson::Value& value);

// Python's str() of a JSON scalar: score.py keys documents by str(id).
std::string python_str(const rapidjson::Value& value);

// Member `key` of an object, or nullptr when absent or `value` is no object.
const rapidjson::Value* member(const rapidjson::Value& value, const char* key);

// Normalised names of a name and its aliases: sorted, unique, no empty one.
std::vector<std::string> normalized_names(std::string_view name,
                                          const std::vector<std::string>& aliases);

}  // namespace kg::eval_detail
