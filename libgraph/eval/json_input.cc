// eval/json_input.cc: file reading and JSON helpers shared by the gold and
// node-link readers (see json_input.h).
#include "eval/json_input.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <rapidjson/error/en.h>

#include "eval/eval.h"

namespace kg::eval_detail {

std::string read_whole_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw EvalError(path + ": is a directory, expected a JSON file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EvalError(path + ": cannot open file");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw EvalError(path + ": read error");
  return std::move(content).str();
}

rapidjson::Document parse_json(std::string_view json, const std::string& label) {
  rapidjson::Document doc;
  if (json.empty()) throw EvalError(label + ": empty file, expected JSON");
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag>(
      json.data(), json.size());
  if (doc.HasParseError()) {
    throw EvalError(label + ": not valid JSON at byte " + std::to_string(doc.GetErrorOffset()) +
                    ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) throw EvalError(label + ": expected a JSON object at the top level");
  return doc;
}

bool truthy(const rapidjson::Value& value) {
  if (value.IsBool()) return value.GetBool();
  if (value.IsNull()) return false;
  if (value.IsNumber()) return value.GetDouble() != 0.0;
  if (value.IsString()) return value.GetStringLength() != 0;
  if (value.IsArray()) return !value.Empty();
  return value.MemberCount() != 0;
}

std::string python_str(const rapidjson::Value& value) {
  if (value.IsString()) return {value.GetString(), value.GetStringLength()};
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  if (value.IsBool()) return value.GetBool() ? "True" : "False";
  if (value.IsNull()) return "None";
  if (value.IsDouble()) {
    // Python's repr: the shortest digits that read back to the same double.
    const double number = value.GetDouble();
    char buffer[40];
    for (int precision = 1; precision <= 17; ++precision) {
      std::snprintf(buffer, sizeof buffer, "%.*g", precision, number);
      if (std::strtod(buffer, nullptr) == number) break;
    }
    std::string text = buffer;
    if (std::isfinite(number) && text.find_first_of(".en") == std::string::npos) text += ".0";
    return text;
  }
  return "?";  // arrays and objects cannot be ids
}

const rapidjson::Value* member(const rapidjson::Value& value, const char* key) {
  if (!value.IsObject()) return nullptr;
  auto it = value.FindMember(key);
  return it == value.MemberEnd() ? nullptr : &it->value;
}

}  // namespace kg::eval_detail
