// fuzz/named_fuzz.cc: libFuzzer harness for the named questions. The command
// line's own parsing is CLI11's (tools/kg/cmd_query.cc); what it hands over
// is a NamedQuery, so the harness builds one from the input and asks
// run_named on the query tests' graph. The input reads like the words of a
// command line, one per line: options (--evidence, --depth=K, --by=X,
// --type=T, --limit=N), then the question and its names, which keeps seeds
// and the dictionary readable. Wrong questions or arguments must end in
// std::invalid_argument, unknown or ambiguous names in EntityLookupError.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fixture.h"  // tests/query/fixture.h: the graph the query tests use
#include "query/query.h"
#include "query_result_checks.h"

namespace {

std::size_t number_or(std::string_view text, std::size_t fallback) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : fallback;
}

kg::NamedQuery query_of(std::string_view input) {
  kg::NamedQuery query;
  bool have_question = false;
  while (!input.empty()) {
    const std::size_t newline = input.find('\n');
    const std::string_view word = input.substr(0, newline);
    input.remove_prefix(newline == std::string_view::npos ? input.size() : newline + 1);
    auto option = [&](std::string_view name) {
      return word.starts_with(name) ? std::optional<std::string_view>(word.substr(name.size())) : std::nullopt;
    };
    if (word == "--evidence") query.evidence = true;
    else if (const auto depth = option("--depth=")) query.depth = number_or(*depth, query.depth);
    else if (const auto by = option("--by=")) query.rank_by = std::string(*by);
    else if (const auto type = option("--type=")) query.type = std::string(*type);
    else if (const auto limit = option("--limit=")) query.limit = number_or(*limit, query.limit);
    else if (!have_question) query.question = std::string(word), have_question = true;
    else query.arguments.emplace_back(word);
  }
  return query;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const kg::testing::GovernanceGraph fixture;
  const kg::NamedQuery query = query_of(std::string_view(reinterpret_cast<const char*>(data), size));
  kg::QueryResult result;
  try {
    result = kg::run_named(fixture.graph, query);
  } catch (const std::invalid_argument&) {
    return 0;
  } catch (const kg::EntityLookupError&) {
    return 0;
  }
  kg::fuzz::check_result(result);
  return 0;
}
