// Waves on the REST API (docs/api.md "Waves, bakes and approvals"): the "rollout" field
// of deployments and deployment configs (model/rollout_json.h) and the "waves" field
// that shows where a deployment is in them.
#pragma once

#include <optional>

#include "common/model/deployment.h"
#include "controller/http/json_model.h"

namespace berth::http {

// body["rollout"] when present and not null; INVALID_ARGUMENT naming the field.
Result<std::optional<model::Rollout>> RolloutFromBody(const Json& body);

// Adds "rollout" to a config's or deployment's JSON when it has waves.
void PutRollout(Json& j, const model::Rollout& rollout);

// Adds "waves" to a deployment's JSON when it has waves: {"count", "current" (1-based),
// "labels", "wait" ("Bake" | "Approval", while it waits), "waitUntil", "history":
// [{"time", "wave" (1-based), "event", "detail"}]}.
void PutWaves(Json& j, const model::Deployment& d);

}  // namespace berth::http
