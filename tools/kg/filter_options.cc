// tools/kg/filter_options.cc: see filter_options.h.
#include "filter_options.h"

namespace kg::cli {

namespace {

// A CLI11 check that the library can parse the value; its message names it.
template <typename Parse>
CLI::Validator library_check(Parse parse, const std::string& name) {
  return CLI::Validator(
      [parse, name](std::string& value) -> std::string {
        try {
          parse(std::vector<std::string>{value}, name);
        } catch (const ExportError& e) {
          std::string message = e.what();
          if (message.rfind(name + ": ", 0) == 0) message.erase(0, name.size() + 2);
          return message;
        }
        return {};
      },
      "T[,T...]");
}

CLI::Validator date_check() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (parse_date_span(value)) return {};
        return "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '" + value + "'";
      },
      "DATE");
}

}  // namespace

void add_filter_options(CLI::App& cmd, FilterArgs& args) {
  cmd.add_option("--type", args.types, "keep entities of these types (repeat or comma-separate)")
      ->check(library_check(parse_entity_types, "--type"));
  cmd.add_option("--relation", args.relations, "keep relations of these types and the entities they touch")
      ->check(library_check(parse_relation_types, "--relation"));
  cmd.add_option("--around", args.around, "keep the neighbourhood of the entity of this name (or alias)");
  add_count_option(cmd, "--depth", args.depth, 1, 1000, "with --around: how many steps (default 1)");
  cmd.add_option("--source", args.source, "keep facts from documents whose source ends with this");
  add_date_options(cmd, args.since, args.until, "keep relations with evidence dated");
}

void add_date_options(CLI::App& cmd, std::string& since, std::string& until, const std::string& what) {
  cmd.add_option("--since", since, what + " on or after this day (YYYY, YYYY-MM or YYYY-MM-DD)")->check(date_check());
  cmd.add_option("--until", until, what + " on or before this day (YYYY, YYYY-MM or YYYY-MM-DD)")->check(date_check());
}

DateWindow parse_date_window(const std::string& since, const std::string& until) {
  DateWindow window;
  if (!since.empty()) window.since = parse_date_span(since)->first;
  if (!until.empty()) window.until = parse_date_span(until)->last;
  if (!window.since.empty() && !window.until.empty() && window.since > window.until)
    throw UsageError("--since " + since + " is after --until " + until);
  return window;
}

SubgraphFilter parse_filter(const CLI::App& cmd, const FilterArgs& args) {
  if (args.around.empty()) refuse_if_given(cmd, "--depth", "a graph without --around", "--around");
  SubgraphFilter filter;
  filter.types = parse_entity_types(args.types, "--type");
  filter.relations = parse_relation_types(args.relations, "--relation");
  filter.around = args.around;
  filter.depth = static_cast<unsigned>(args.depth);
  filter.source = args.source;
  const DateWindow window = parse_date_window(args.since, args.until);
  filter.since = window.since;
  filter.until = window.until;
  return filter;
}

}  // namespace kg::cli
