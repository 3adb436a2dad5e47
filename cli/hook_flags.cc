#include "cli/hook_flags.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "common/duration.h"
#include "common/model/deployment_hooks.h"

namespace berth::cli {
namespace {

// "KEY=VALUE" -> (KEY, VALUE) with KEY checked; `where` prefixes errors.
Result<std::pair<std::string, std::string>> SplitVar(const std::string& text,
                                                     const std::string& where) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos) {
    return InvalidArgument(where + "\"" + text + "\" is not KEY=VALUE");
  }
  std::string key = text.substr(0, eq);
  Status name = model::ValidateVariableName("variable", key);
  if (!name.ok()) return InvalidArgument(where + name.message());
  return std::make_pair(key, text.substr(eq + 1));
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

void AddHealthCheckFlags(CLI::App* cmd, HealthCheckFlags* flags) {
  cmd->add_option("--health-check", flags->url,
                  "HTTP(S) URL each host polls after ValidateService until it answers 2xx");
  cmd->add_option("--health-timeout", flags->timeout,
                  "How long a host may take to answer 2xx (default 30s)");
  cmd->add_option("--health-interval", flags->interval, "Time between tries (default 2s)");
}

void AddHookFlags(CLI::App* cmd, HookFlags* flags) {
  cmd->add_option("--var", flags->vars, "KEY=VALUE: hooks get BERTH_VAR_KEY (repeatable)");
  cmd->add_option("--var-file", flags->var_files, "A file of KEY=VALUE lines (repeatable)");
  cmd->add_option("--secret", flags->secrets,
                  "NAME of a secret (berth secret set): hooks get BERTH_VAR_NAME, masked in "
                  "every log (repeatable)");
  cmd->add_flag("--restart", flags->restart,
                "Re-run ApplicationStop, ApplicationStart and ValidateService of each host's "
                "last successful revision (no revision flag)");
  AddHealthCheckFlags(cmd, &flags->health);
}

Status PutHealthCheck(const HealthCheckFlags& flags, bool allow_none, nlohmann::json* body) {
  if (flags.url.empty()) {
    if (!flags.timeout.empty() || !flags.interval.empty()) {
      return InvalidArgument("--health-timeout and --health-interval need --health-check URL");
    }
    return Status::Ok();
  }
  if (flags.url == "none") {
    if (!allow_none) return InvalidArgument("--health-check none is only for group update");
    (*body)["healthCheck"] = {{"url", ""}};
    return Status::Ok();
  }
  nlohmann::json check = {{"url", flags.url}};
  if (!flags.timeout.empty()) {
    Result<int64_t> ms = ParseDurationMs(flags.timeout);
    if (!ms.ok()) return InvalidArgument("--health-timeout: " + ms.status().message());
    check["timeoutMs"] = *ms;
  }
  if (!flags.interval.empty()) {
    Result<int64_t> ms = ParseDurationMs(flags.interval);
    if (!ms.ok()) return InvalidArgument("--health-interval: " + ms.status().message());
    check["intervalMs"] = *ms;
  }
  (*body)["healthCheck"] = check;
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, std::string>>> ParseVarLines(const std::string& text,
                                                                       const std::string& where) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(text);
  std::string raw;
  int line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = Trim(line.substr(7));
    const std::string at = where + ":" + std::to_string(line_no) + ": ";
    ASSIGN_OR_RETURN(auto var, SplitVar(line, at));
    std::string& value = var.second;
    if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'') && value.back() == value[0]) {
      value = value.substr(1, value.size() - 2);
    }
    out.push_back(std::move(var));
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> ParseVarFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return NotFound("--var-file " + path + " cannot be read");
  std::stringstream text;
  text << file.rdbuf();
  return ParseVarLines(text.str(), path);
}

Status PutHookFields(const HookFlags& flags, nlohmann::json* body) {
  std::map<std::string, std::string> vars;
  for (const std::string& path : flags.var_files) {
    ASSIGN_OR_RETURN(auto lines, ParseVarFile(path));
    for (auto& [key, value] : lines) vars[key] = value;
  }
  for (const std::string& text : flags.vars) {
    ASSIGN_OR_RETURN(auto var, SplitVar(text, "--var "));
    vars[var.first] = var.second;
  }
  if (!vars.empty()) (*body)["variables"] = vars;
  for (const std::string& name : flags.secrets) {
    Status s = model::ValidateVariableName("--secret", name);
    if (!s.ok()) return s;
    if (vars.count(name) != 0) {
      return InvalidArgument("\"" + name + "\" is given both as --var and as --secret");
    }
  }
  if (!flags.secrets.empty()) (*body)["secretVariables"] = flags.secrets;
  if (flags.restart) (*body)["deploymentMode"] = "RESTART";
  return PutHealthCheck(flags.health, false, body);
}

}  // namespace berth::cli
