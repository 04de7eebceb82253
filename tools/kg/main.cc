// tools/kg/main.cc: the `kg` command line. Holds no logic of its own: each
// subcommand is registered from its cmd_*.cc and calls into libgraph. Here:
// the version, unknown commands, and one mapping of errors to exit codes for
// every command (0 success, 1 failure, 2 wrong command line).
#include <exception>
#include <iostream>

#include "commands.h"

#ifdef KG_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

std::string command_list(const CLI::App& app) {
  std::string list;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    std::string name = sub->get_name();
    name.resize(std::max<std::size_t>(name.size(), 12), ' ');
    list += "  " + name + sub->get_description() + "\n";
  }
  return list;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef KG_MIMALLOC
  // A build frees and reallocates the same few hundred MB on every thread:
  // memory handed back to the system after mimalloc's default 25 ms is
  // faulted in again at once (a third of a build's page faults; about 1 % of
  // its CPU at 100 MB for 5-10 % more peak memory). kg is a short-lived
  // process: keep freed memory 100 s.
  mi_option_set(mi_option_decommit_delay, 100000);
#endif
  CLI::App app{"kg: knowledge graphs from Chinese local-governance news"};
  app.name("kg");
  app.set_version_flag("--version", "kg " KG_VERSION);
  // --help-all prints every command's help in full, footers included (the
  // meanings of the relations are in query's): the man page is made from it.
  bool help_all = false;  // handled before parsing, below
  app.add_flag("--help-all", help_all, "Print the help of every command (the man page's text)");
  app.require_subcommand(1);
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "kg: " + std::string(e.what()) + "\nRun with --help for more information.\n";
  });
  app.footer(
      "Run 'kg COMMAND --help' for the options of a command.\n"
      "\n"
      "Exit status:\n"
      "  0  success\n"
      "  1  the command ran and failed (unreadable input, database error, a name not found)\n"
      "  2  the command line is wrong (unknown command or option, bad value, an option that does not apply);\n"
      "     nothing was done\n"
      "\n"
      "Environment:\n"
      "  KG_DB  the database file, for commands not given --db");
  kg::cli::add_build_command(app);
  kg::cli::add_remove_command(app);
  kg::cli::add_stats_command(app);
  kg::cli::add_query_command(app);
  kg::cli::add_export_command(app);
  kg::cli::add_report_command(app);
  kg::cli::add_eval_command(app);
  kg::cli::add_edit_command(app);
  kg::cli::add_completion_command(app);

  if (argc < 2) {
    std::cerr << "kg: a command is required\n\ncommands:\n" << command_list(app)
              << "\nRun 'kg --help' for more.\n";
    return kg::cli::kExitUsage;
  }
  const std::string first = argv[1];
  if (first == "--help-all") {
    std::cout << app.help();
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      std::cout << "\n" << sub->help();
    return 0;
  }
  if (!first.empty() && first.front() != '-' && app.get_subcommands([&](const CLI::App* sub) {
                                                   return sub->check_name(first);
                                                 }).empty()) {
    std::cerr << "kg: unknown command '" << first << "'\n\ncommands:\n" << command_list(app);
    return kg::cli::kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // the command has said what went wrong
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, the version, or the error
    return code == 0 ? 0 : kg::cli::kExitUsage;
  } catch (const kg::cli::UsageError& e) {
    std::cerr << "kg: " << e.what() << "\nRun with --help for more information.\n";
    return kg::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "kg: " << e.what() << "\n";
    return kg::cli::kExitFailure;
  }
  return 0;
}
