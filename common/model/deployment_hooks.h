// What a deployment hands the hooks on each host besides the revision (host
// side): variables (BERTH_VAR_<NAME>), secret variables taken from the controller's
// store of secrets, an HTTP health check polled after ValidateService, and RESTART mode.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace berth::model {

// The built-in event that polls the health check URL, after ValidateService.
inline constexpr char kHealthCheck[] = "HealthCheck";
// Hooks see variable NAME as this prefix + NAME.
inline constexpr char kVariableEnvPrefix[] = "BERTH_VAR_";
// A secret's value, wherever the agent writes or sends text.
inline constexpr char kSecretMask[] = "***";

// One variable as the agent gets it. A plain one carries its value; a secret one the
// value the controller read from its store when it handed out the command (`missing`
// when the secret was deleted since: the agent then fails the event).
struct Variable {
  std::string name;  // [A-Za-z_][A-Za-z0-9_]*, without the BERTH_VAR_ prefix
  std::string value;
  bool secret = false;
  bool missing = false;
};

// An HTTP(S) URL polled on the host until it answers 2xx, for at most timeout_ms, one
// try every interval_ms. No URL: no health check.
struct HealthCheck {
  std::string url;
  int64_t timeout_ms = 30'000;
  int64_t interval_ms = 2'000;

  bool enabled() const { return !url.empty(); }
};

// IN_PLACE: the in-place lifecycle. RESTART: only ApplicationStop, ApplicationStart and
// ValidateService (and the health check) of each host's last successful revision.
enum class DeploymentMode { kInPlace, kRestart };
const char* DeploymentModeName(DeploymentMode mode);  // "IN_PLACE", "RESTART"
bool ParseDeploymentMode(const std::string& name, DeploymentMode* out);

// The deployment's host-side settings, stored with it.
struct HookOptions {
  std::vector<Variable> variables;        // plain ones only (secret false), in order
  std::vector<std::string> secret_names;  // values read at dispatch, never stored here
  HealthCheck health_check;               // the deployment's own, else its group's
  DeploymentMode mode = DeploymentMode::kInPlace;

  bool empty() const {
    return variables.empty() && secret_names.empty() && !health_check.enabled() &&
           mode == DeploymentMode::kInPlace;
  }
};

// The lifecycle events of a host of a deployment with these options, in order.
std::vector<std::string> EventsFor(const HookOptions& options);

// INVALID_ARGUMENT naming `what` and the name unless it is [A-Za-z_][A-Za-z0-9_]*, at
// most 100 characters.
Status ValidateVariableName(const std::string& what, const std::string& name);
// The options as a create request gives them: names valid, none twice (plain or
// secret), values without NUL, the health check an http(s) URL with a positive timeout
// and interval (interval at most the timeout).
Status ValidateHookOptions(const HookOptions& options);
Status ValidateHealthCheck(const HealthCheck& check);

}  // namespace berth::model
