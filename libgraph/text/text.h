// text/text.h: the public face of the text stage.
//   bytes -> decode -> clean -> split into articles -> sentences, offsets
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "text/document.h"

namespace kg {

// A file that cannot be read as text (binary, NUL bytes, empty). The message
// names the file and says what is wrong.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Turns one raw file into its articles. `source` is the path as given and is
// used in messages and in Document::source. Throws InputError for input that
// is not text; never throws for damaged text, which is repaired and counted.
// What was repaired in a way the user should hear of (invalid bytes replaced,
// a declared charset that was wrong) is appended to *warnings, one message
// per line, each naming the file. Thread-safe: documents of different files
// may be read concurrently.
std::vector<Document> read_documents(std::string_view source, std::string_view bytes,
                                     std::vector<std::string>* warnings = nullptr);
// The same, for bytes whose digest the caller has already (sha256_hex of
// them): each Document's sha256 is `sha256`, and the bytes are not hashed a
// second time (ingest hashes a file before it decides to read it).
std::vector<Document> read_documents(std::string_view source, std::string_view bytes, std::string_view sha256,
                                     std::vector<std::string>* warnings);

// Traditional -> simplified for one string, as the text stage converts a
// paragraph (used by query and name_key to match names typed in either
// script): OpenCC's t2s, phrases first, applied only when the string has more
// characters only traditional text writes than characters only simplified
// text writes, so simplified text comes back unchanged (显著, 乾坤, 後藤会社
// stay; 顯著 and 建成後 become 显著 and 建成后). Thread-safe; OpenCC's
// dictionaries are loaded once, on first use.
std::u32string to_simplified(std::u32string_view text);

// The key two names are compared by everywhere in kg, as the gold scorer
// folds them: NFKC, traditional -> simplified, white space and quotation
// marks (“”‘’"'《》「」『』) removed. 張小軍, 张小军 and “张小军” share one key.
std::string name_key(std::string_view name);

// Hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace kg
