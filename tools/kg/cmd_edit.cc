// tools/kg/cmd_edit.cc: `kg edit merge|rename|retype|alias|delete|
// delete-relation|split|list|undo ... --db FILE`: corrections that survive
// rebuilds (libgraph/edit/edit.h). Parses, calls the library, prints.
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "commands.h"
#include "edit/edit.h"
#include "store/store.h"

namespace kg::cli {
namespace {

struct EditArgs {
  std::string db;
  std::vector<std::string> words;  // the subcommand's positional arguments
  std::string source;              // split --source FILE
};

// Who makes the edit: $KG_USER, else the OS user.
std::string who() {
  if (const char* user = std::getenv("KG_USER"); user != nullptr && *user != '\0') return user;
  if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr && entry->pw_name != nullptr) return entry->pw_name;
  return {};
}

void run_edit(const std::string& kind, const EditArgs& args) {
  Store store(args.db);
  EditRequest request;
  request.kind = kind;
  request.made_by = who();
  const bool valued = kind == "rename" || kind == "retype" || kind == "alias";
  request.names = args.words;
  if (kind == "split") request.value = args.source;
  if (valued) {
    request.value = request.names.back();
    request.names.pop_back();
  }
  try {
    const EditOutcome outcome = make_edit(store, request);
    std::cout << "edit " << outcome.id << ": " << outcome.description << "\n";
  } catch (const EditUsageError& e) {
    throw UsageError(e.what());
  }
}

void run_list(const EditArgs& args) {
  const Store store(args.db, Store::Mode::read_only);
  const auto edits = list_edits(store);
  if (edits.empty()) std::cout << "no edits in " << args.db << "\n";
  for (const EditListing& e : edits)
    std::cout << e.id << "\t" << e.made_at << "\t" << (e.made_by.empty() ? "-" : e.made_by) << "\t" << e.description
              << (e.undone ? "\t(undone)" : "") << "\n";
}

void run_undo(const EditArgs& args) {
  const std::string& number = args.words.front();
  std::int64_t id = 0;
  const bool digits = !number.empty() && number.size() <= 18 &&
                      number.find_first_not_of("0123456789") == std::string::npos;
  if (digits) id = std::stoll(number);
  if (id < 1) throw UsageError("N: expected the number of an edit (kg edit list), got '" + number + "'");
  Store store(args.db);
  std::cout << undo_edit(store, id).description << "\n";
}

}  // namespace

void add_edit_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("edit", "Correct the graph: corrections are kept and survive every later build");
  cmd->require_subcommand(1);
  // `kg edit --db F rename A B` as well as `kg edit rename A B --db F`, as
  // kg query takes its --db before the question.
  auto edit_db = std::make_shared<std::string>();
  add_db_option(*cmd, *edit_db, true, "the SQLite database file (before or after the edit's name)");
  struct Sub {
    const char* name;
    const char* help;
    std::vector<std::pair<const char*, const char*>> words;  // positional name, help
  };
  const std::vector<Sub> subs = {
      {"merge", "A is the same entity as B: its mentions and relations join B", {{"A", "name or id"}, {"B", "name or id"}}},
      {"rename", "show the entity under a new name (the old one stays an alias)", {{"NAME", "name or id"}, {"NEW", "the name"}}},
      {"retype", "change the entity's type", {{"NAME", "name or id"}, {"TYPE", "Official, Person, PartyOrg, Park, Enterprise, Project, GovOrg, Place or Organization"}}},
      {"alias", "add a name the entity is found by", {{"NAME", "name or id"}, {"ALIAS", "the other name"}}},
      {"delete", "delete the entity and its relations; it does not come back from other files", {{"NAME", "name or id"}}},
      {"delete-relation", "delete a relation (its id, r..., as query and export show it)", {{"ID", "relation id"}}},
      {"split", "the entity's mentions in FILE are another entity (shown as NAME（FILE）)", {{"NAME", "name or id"}}},
      {"undo", "undo edit N (kg edit list): the graph is as if it had never been made", {{"N", "the edit's number"}}},
      {"list", "the edits made: number, when, who, what, whether undone", {}},
  };
  for (const Sub& sub : subs) {
    auto args = std::make_shared<EditArgs>();
    auto* s = cmd->add_subcommand(sub.name, sub.help);
    const bool reads = std::string(sub.name) == "list";
    add_db_option(*s, args->db, true, reads ? "the SQLite database file" : "the SQLite database file (changed in one transaction)");
    if (!sub.words.empty()) {
      auto* option = s->add_option(sub.words.size() == 1 ? sub.words[0].first : "ARGS", args->words,
                                   sub.words.size() == 1
                                       ? std::string(sub.words[0].second)
                                       : std::string(sub.words[0].first) + " (" + sub.words[0].second + ") then " +
                                             sub.words[1].first + " (" + sub.words[1].second + ")");
      option->required()->expected(static_cast<int>(sub.words.size()));
    }
    if (std::string(sub.name) == "split")
      mark_file_option(s->add_option("--source", args->source, "the file (as it was built) whose mentions split off"))
          ->required();
    const std::string kind = sub.name;
    s->callback([args, kind, edit_db] {
      if (args->db.empty()) args->db = *edit_db;
      use_kg_db(args->db, true);
      if (kind == "list") run_list(*args);
      else if (kind == "undo") run_undo(*args);
      else run_edit(kind, *args);
    });
  }
}

}  // namespace kg::cli
