// tools/kg/cmd_completion.cc: `kg completion bash` prints a bash completion
// script made from the command line's own definitions (commands, options,
// their choices, which take files), so it cannot drift from them.
// Install: kg completion bash > /etc/bash_completion.d/kg (or source it).
#include <iostream>
#include <memory>

#include "commands.h"

namespace kg::cli {

namespace {

std::string words(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& w : list) out += (out.empty() ? "" : " ") + w;
  return out;
}

// The names an option answers to: "--format -f".
std::vector<std::string> names(const CLI::Option* option) {
  std::vector<std::string> out;
  for (const auto& name : option->get_lnames()) out.push_back("--" + name);
  for (const auto& name : option->get_snames()) out.push_back("-" + name);
  return out;
}

std::string bash_script(const CLI::App& app) {
  const CompletionHints& hints = completion_hints();
  std::vector<std::string> commands;
  std::string cases;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(sub->get_name());
    std::vector<std::string> options = {"--help"};
    std::string values;  // case arms on the previous word
    bool positional_files = false;
    for (const CLI::Option* option : sub->get_options()) {
      if (option->get_name() == "--help" || option->get_name() == "-h,--help") continue;
      const bool files = std::find(hints.files.begin(), hints.files.end(), option) != hints.files.end();
      if (option->get_lnames().empty() && option->get_snames().empty()) {  // a positional
        positional_files = positional_files || files;
        continue;
      }
      const auto n = names(option);
      options.insert(options.end(), n.begin(), n.end());
      if (option->get_expected_min() == 0) continue;  // a flag
      const std::string pattern = [&] {
        std::string p;
        for (const auto& name : n) p += (p.empty() ? "" : "|") + name;
        return p;
      }();
      if (auto c = hints.choices.find(option); c != hints.choices.end())
        values += "        " + pattern + ") COMPREPLY=($(compgen -W \"" + words(c->second) + "\" -- \"$cur\")); return ;;\n";
      else if (files)
        values += "        " + pattern + ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
      else
        values += "        " + pattern + ") return ;;\n";
    }
    std::string positional = positional_files ? "COMPREPLY=($(compgen -f -- \"$cur\"))" : "";
    if (auto w = hints.words.find(sub); w != hints.words.end())
      positional = "COMPREPLY=($(compgen -W \"" + words(w->second) + "\" -- \"$cur\"))";
    cases += "    " + sub->get_name() + ")\n      case \"$prev\" in\n" + values + "      esac\n" +
             "      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"" + words(options) + "\" -- \"$cur\"))\n" +
             (positional.empty() ? "" : "      else " + positional + "\n") + "      fi ;;\n";
  }
  return "# bash completion for kg, written by 'kg completion bash'\n"
         "_kg() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
         "  COMPREPLY=()\n"
         "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
         "    COMPREPLY=($(compgen -W \"" + words(commands) + " --help --help-all --version\" -- \"$cur\"))\n"
         "    return\n"
         "  fi\n"
         "  case \"${COMP_WORDS[1]}\" in\n" + cases +
         "  esac\n"
         "}\n"
         "complete -o filenames -o bashdefault -F _kg kg\n";
}

}  // namespace

void add_completion_command(CLI::App& app) {
  auto shell = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("completion", "Print a shell completion script: kg completion bash");
  add_choice_option(*cmd, "SHELL", *shell, {"bash"}, "the shell (bash)")->required();
  cmd->callback([&app, shell] { std::cout << bash_script(app); });
}

}  // namespace kg::cli
