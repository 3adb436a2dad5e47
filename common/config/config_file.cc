#include "common/config/config_file.h"

#include <cstdlib>
#include <iostream>

#include "common/config/apply_yaml.h"
#include "common/config/option_keys.h"
#include "common/fs.h"

namespace berth::config {
namespace {

bool EnvSet(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  return value != nullptr && *value != '\0';
}

bool Given(CLI::App& app, const std::string& flag) {
  CLI::Option* option = app.get_option_no_throw(flag);
  return option != nullptr && option->count() > 0;
}

}  // namespace

ConfigFile::ConfigFile(CLI::App* app, std::string program)
    : app_(app), program_(std::move(program)) {
  app_->add_option("--config", path_,
                   "YAML file of settings: each flag's long name with _ for - (flags and the "
                   "environment win over it)");
  CLI::App* config = app_->add_subcommand("config", "The config file");
  config->require_subcommand(1);
  check_ = config->add_subcommand(
      "check", "Report every problem of FILE (file:line:column); exit 0 when it is valid");
  check_->add_option("FILE", check_path_, "The config file to check")->required();
}

void ConfigFile::Setting(std::vector<std::string> flags, std::vector<std::string> env) {
  settings_.push_back({std::move(flags), std::move(env)});
}

bool ConfigFile::Yields(const CLI::Option& option) const {
  if (option.count() > 0) return true;  // given as a flag, or by its CLI11 envname
  const std::string flag = option.get_name();
  for (const SettingGroup& group : settings_) {
    bool member = false;
    for (const std::string& f : group.flags) member = member || f == flag;
    if (!member) continue;
    for (const std::string& f : group.flags) {
      if (Given(*app_, f)) return true;
    }
    for (const std::string& e : group.env) {
      if (EnvSet(e)) return true;
    }
  }
  return false;
}

void ConfigFile::Load(const std::string& path, bool respect_given, yaml::Problems* problems) {
  Result<std::string> text = fs::ReadFile(path);
  if (!text.ok()) {
    problems->Add(YAML::Mark::null_mark(), "", text.status().message());
    return;
  }
  YieldsFn yields;
  if (respect_given) yields = [this](const CLI::Option& option) { return Yields(option); };
  ApplyYaml(*app_, *text, yields, problems);
}

std::vector<std::string> ConfigFile::Check(const std::string& path) {
  yaml::Problems problems(path);
  Load(path, /*respect_given=*/false, &problems);
  return problems.Lines();
}

int ConfigFile::RunCheck() {
  std::vector<std::string> problems = Check(check_path_);
  for (const std::string& line : problems) std::cout << line << "\n";
  if (!problems.empty()) return 1;
  std::cout << check_path_ << ": OK\n";
  return 0;
}

std::optional<int> ConfigFile::Parse(int argc, char** argv) {
  // Required flags may come from the file, which is read after the command line.
  std::vector<CLI::Option*> required;
  for (CLI::Option* option : app_->get_options()) {
    if (option->get_required()) {
      required.push_back(option);
      option->required(false);
    }
  }
  try {
    app_->parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app_->exit(e);
  }
  if (*check_) return RunCheck();
  if (!path_.empty()) {
    yaml::Problems problems(path_);
    Load(path_, /*respect_given=*/true, &problems);
    if (!problems.empty()) {
      for (const std::string& line : problems.Lines()) std::cerr << line << "\n";
      std::cerr << program_ << ": --config " << path_ << " has " << problems.Lines().size()
                << " problem(s); nothing was started\n";
      return 2;
    }
  }
  for (CLI::Option* option : required) {
    if (option->count() > 0) continue;
    std::cerr << program_ << ": " << option->get_name() << " is required (as a flag, or as "
              << KeyOf(*option) << " in --config FILE)\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace berth::config
