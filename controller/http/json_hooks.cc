#include "controller/http/json_hooks.h"

namespace berth::http {
namespace {

using Json = nlohmann::json;

Result<int64_t> GetMs(const Json& json, const char* field, int64_t fallback) {
  auto it = json.find(field);
  if (it == json.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) {
    return InvalidArgument(std::string("healthCheck.") + field + " must be a whole number");
  }
  return it->get<int64_t>();
}

}  // namespace

Json HealthCheckToJson(const model::HealthCheck& check) {
  return {{"url", check.url}, {"timeoutMs", check.timeout_ms}, {"intervalMs", check.interval_ms}};
}

Result<model::HealthCheck> HealthCheckFromJson(const Json& json) {
  if (!json.is_object()) return InvalidArgument("healthCheck must be an object");
  model::HealthCheck check;
  auto url = json.find("url");
  if (url != json.end() && !url->is_null()) {
    if (!url->is_string()) return InvalidArgument("healthCheck.url must be a string");
    check.url = url->get<std::string>();
  }
  ASSIGN_OR_RETURN(check.timeout_ms, GetMs(json, "timeoutMs", check.timeout_ms));
  ASSIGN_OR_RETURN(check.interval_ms, GetMs(json, "intervalMs", check.interval_ms));
  return check;
}

void PutHookOptions(Json& j, const model::HookOptions& options) {
  if (!options.variables.empty()) {
    Json vars = Json::object();
    for (const model::Variable& v : options.variables) vars[v.name] = v.value;
    j["variables"] = vars;
  }
  if (!options.secret_names.empty()) j["secretVariables"] = options.secret_names;
  if (options.health_check.enabled()) j["healthCheck"] = HealthCheckToJson(options.health_check);
  j["deploymentMode"] = model::DeploymentModeName(options.mode);
}

Result<model::HookOptions> HookOptionsFromJson(const Json& body) {
  model::HookOptions options;
  if (auto it = body.find("variables"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) {
      return InvalidArgument("variables must be an object of names to string values");
    }
    for (const auto& [name, value] : it->items()) {
      if (!value.is_string()) return InvalidArgument("variables." + name + " must be a string");
      options.variables.push_back({name, value.get<std::string>()});
    }
  }
  if (auto it = body.find("secretVariables"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return InvalidArgument("secretVariables must be a list of secret names");
    for (const Json& name : *it) {
      if (!name.is_string()) return InvalidArgument("secretVariables must list strings");
      options.secret_names.push_back(name.get<std::string>());
    }
  }
  if (auto it = body.find("healthCheck"); it != body.end() && !it->is_null()) {
    ASSIGN_OR_RETURN(options.health_check, HealthCheckFromJson(*it));
    if (!options.health_check.enabled()) return InvalidArgument("healthCheck.url is required");
  }
  if (auto it = body.find("deploymentMode"); it != body.end() && !it->is_null()) {
    if (!it->is_string() || !model::ParseDeploymentMode(it->get<std::string>(), &options.mode)) {
      return InvalidArgument("deploymentMode " + it->dump() + " is not one of IN_PLACE, RESTART");
    }
  }
  return options;
}

}  // namespace berth::http
