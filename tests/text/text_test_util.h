// tests/text/text_test_util.h: helpers shared by the text-stage tests.
#pragma once

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"
#include "text/text.h"

namespace kg::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline std::string fixture(const std::string& name) { return std::string(KG_TEXT_FIXTURES) + "/" + name; }

inline std::vector<Document> read_text(std::string_view utf8) { return read_documents("inline.txt", utf8); }

inline std::string text_of(const Document& d) { return to_utf8(d.text); }

inline bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// The message read_documents refuses the bytes with, or "" if it reads them.
inline std::string refusal_message(const std::string& name, const std::string& bytes) {
  try {
    read_documents(name, bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace kg::test
