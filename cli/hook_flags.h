// The host-side flags of `berth deploy` (--var, --var-file, --secret, --restart and the
// health check) and of `group create|update` (the health check), and the API fields
// they become (docs/api.md "Variables, secrets, health checks and restarts").
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace CLI {
class App;
}  // namespace CLI

namespace berth::cli {

struct HealthCheckFlags {
  std::string url;  // "none" (group update): remove the group's
  std::string timeout;
  std::string interval;
};

struct HookFlags {
  std::vector<std::string> vars;       // KEY=VALUE
  std::vector<std::string> var_files;  // files of KEY=VALUE lines
  std::vector<std::string> secrets;    // names in the controller's store of secrets
  bool restart = false;
  HealthCheckFlags health;
};

void AddHealthCheckFlags(CLI::App* cmd, HealthCheckFlags* flags);
void AddHookFlags(CLI::App* cmd, HookFlags* flags);

// Sets "healthCheck" in `body` when --health-check was given ({"url": ""} for "none";
// `allow_none` only for group update). INVALID_ARGUMENT for a bad duration or
// --health-timeout/--health-interval without --health-check.
Status PutHealthCheck(const HealthCheckFlags& flags, bool allow_none, nlohmann::json* body);
// Sets "variables", "secretVariables", "deploymentMode" and "healthCheck" as given;
// --var beats the same key of a --var-file. INVALID_ARGUMENT names the flag, or the
// file and line, and what is wrong.
Status PutHookFields(const HookFlags& flags, nlohmann::json* body);

// The KEY=VALUE lines of a --var-file: blank lines and lines starting with # are
// skipped, "export " before a key is allowed, a value may be in single or double
// quotes. INVALID_ARGUMENT "FILE:LINE: ..." for a line that is not KEY=VALUE or a bad
// key; NOT_FOUND when the file cannot be read.
Result<std::vector<std::pair<std::string, std::string>>> ParseVarFile(const std::string& path);
// The same for text already read; `where` names it in errors.
Result<std::vector<std::pair<std::string, std::string>>> ParseVarLines(const std::string& text,
                                                                       const std::string& where);

}  // namespace berth::cli
