// JSON of a deployment's host-side settings (docs/api.md "Variables, secrets, health
// checks and restarts"), shared by the REST API and the CodeDeploy-compatible face.
#pragma once

#include <nlohmann/json.hpp>

#include "common/model/deployment_hooks.h"
#include "common/status.h"

namespace berth::http {

// {"url", "timeoutMs", "intervalMs"}.
nlohmann::json HealthCheckToJson(const model::HealthCheck& check);
// Missing timeoutMs / intervalMs keep their defaults (30 s, 2 s). Shapes only.
Result<model::HealthCheck> HealthCheckFromJson(const nlohmann::json& json);

// Adds "variables" {"NAME": "value"}, "secretVariables" [names], "healthCheck" and
// "deploymentMode" to a deployment's JSON, each only when set. Never a secret's value.
void PutHookOptions(nlohmann::json& deployment, const model::HookOptions& options);
// The same fields of a create request; absent ones stay unset.
Result<model::HookOptions> HookOptionsFromJson(const nlohmann::json& body);

}  // namespace berth::http
