#include "common/model/deployment_hooks.h"

#include <set>

#include "common/model/lifecycle.h"

namespace berth::model {

const char* DeploymentModeName(DeploymentMode mode) {
  return mode == DeploymentMode::kRestart ? "RESTART" : "IN_PLACE";
}

bool ParseDeploymentMode(const std::string& name, DeploymentMode* out) {
  if (name == "IN_PLACE") {
    *out = DeploymentMode::kInPlace;
  } else if (name == "RESTART") {
    *out = DeploymentMode::kRestart;
  } else {
    return false;
  }
  return true;
}

std::vector<std::string> EventsFor(const HookOptions& options) {
  std::vector<std::string> events;
  if (options.mode == DeploymentMode::kRestart) {
    events = {kApplicationStop, kApplicationStart, kValidateService};
  } else {
    events = InPlaceEvents();
  }
  if (options.health_check.enabled()) events.push_back(kHealthCheck);
  return events;
}

Status ValidateVariableName(const std::string& what, const std::string& name) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument(what + " name \"" + name + "\" " + why);
  };
  if (name.empty()) return InvalidArgument(what + " name is empty");
  if (name.size() > 100) return bad("is longer than 100 characters");
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) {
      return bad("is not a valid name: use letters, digits and _, not starting with a digit");
    }
  }
  return Status::Ok();
}

Status ValidateHealthCheck(const HealthCheck& check) {
  if (!check.enabled()) return Status::Ok();
  if (check.url.rfind("http://", 0) != 0 && check.url.rfind("https://", 0) != 0) {
    return InvalidArgument("health check URL \"" + check.url +
                           "\" must start with http:// or https://");
  }
  for (char c : check.url) {
    if (static_cast<unsigned char>(c) <= ' ') {
      return InvalidArgument("health check URL \"" + check.url +
                             "\" contains a space or control character");
    }
  }
  if (check.timeout_ms <= 0) return InvalidArgument("health check timeout must be positive");
  if (check.interval_ms <= 0) return InvalidArgument("health check interval must be positive");
  if (check.interval_ms > check.timeout_ms) {
    return InvalidArgument("health check interval (" + std::to_string(check.interval_ms) +
                           " ms) is longer than its timeout (" + std::to_string(check.timeout_ms) +
                           " ms)");
  }
  return Status::Ok();
}

Status ValidateHookOptions(const HookOptions& options) {
  std::set<std::string> seen;
  for (const Variable& v : options.variables) {
    RETURN_IF_ERROR(ValidateVariableName("variable", v.name));
    if (!seen.insert(v.name).second) {
      return InvalidArgument("variable \"" + v.name + "\" is given twice");
    }
    if (v.value.find('\0') != std::string::npos) {
      return InvalidArgument("variable \"" + v.name + "\" has a NUL byte in its value");
    }
  }
  for (const std::string& name : options.secret_names) {
    RETURN_IF_ERROR(ValidateVariableName("secret", name));
    if (!seen.insert(name).second) {
      return InvalidArgument("variable \"" + name + "\" is given twice (as --var or --secret)");
    }
  }
  return ValidateHealthCheck(options.health_check);
}

}  // namespace berth::model
