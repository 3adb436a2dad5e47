// `--config FILE` and `config check FILE` for a daemon's CLI11 app (docs/operations.md
// "Config file"). Every long flag of the app is a key of the YAML file (option_keys.h);
// the order is flags, then the environment, then the file, then the defaults.
//
//   CLI::App app{...};
//   ... app.add_option(...) for every flag ...
//   config::ConfigFile config(&app, "berth-agent");
//   config.Setting({"--join-token", "--join-token-file"}, {"BERTH_JOIN_TOKEN"});
//   if (std::optional<int> exit = config.Parse(argc, argv)) return *exit;
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/yaml/problems.h"

namespace berth::config {

class ConfigFile {
 public:
  // Adds `--config FILE` and the subcommand `config check FILE` to `app`, which must
  // outlive this object. `program` names the binary in messages.
  ConfigFile(CLI::App* app, std::string program);

  // Flags that give one setting in different ways (--join-token, --join-token-file) and
  // the environment variables the program reads for it itself (BERTH_JOIN_TOKEN): the
  // file's keys for these flags yield when any of the flags was given or any of the
  // variables is set. (An option with a CLI11 envname yields to it without this.)
  void Setting(std::vector<std::string> flags, std::vector<std::string> env = {});

  // Parses the command line (and the environment of options with an envname), then
  // sets what is still unset from --config FILE, then checks the required flags, which
  // may come from either. nullopt: go on. Otherwise the exit code to return with, having
  // printed what there was to print: help, errors (every problem of the file, each
  // "file:line:column: key: problem", on stderr; exit 2), or the outcome of
  // `config check FILE` (on stdout: its problems and exit 1, or "FILE: OK" and exit 0).
  std::optional<int> Parse(int argc, char** argv);

  // The problems of the file `path` (none when it is valid). The app's options are set
  // from it as a side effect, whatever the command line said.
  std::vector<std::string> Check(const std::string& path);

 private:
  struct SettingGroup {
    std::vector<std::string> flags;
    std::vector<std::string> env;
  };
  // True when the file's value for `option` yields to a flag or the environment.
  bool Yields(const CLI::Option& option) const;
  // Reads `path` and applies it (yielding when `respect_given`); problems into *problems.
  void Load(const std::string& path, bool respect_given, yaml::Problems* problems);
  int RunCheck();

  CLI::App* app_;
  std::string program_;
  std::string path_;
  std::string check_path_;
  CLI::App* check_ = nullptr;
  std::vector<SettingGroup> settings_;
};

}  // namespace berth::config
