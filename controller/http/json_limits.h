// JSON of the rollout limits (docs/api.md "Failure budget", "Retrying failed hosts",
// "Freeze windows"), beside json_model.h, which calls these for groups, configs and
// deployments.
#pragma once

#include <optional>

#include "common/model/deployment.h"
#include "common/model/deployment_group.h"
#include "common/model/failure_budget.h"
#include "controller/http/json_model.h"

namespace berth::http {

// {"type": "HOST_COUNT" | "FLEET_PERCENT", "value": N} (minimumHealthyHosts' shape).
// INVALID_ARGUMENT naming `field`.
Result<std::pair<model::MinHealthyType, int>> CountOrPercentFromJson(const Json& json,
                                                                     const std::string& field);
Json BudgetToJson(const model::FailureBudget& budget);
// "maxFailedHosts" of `body`: absent or null -> nullopt.
Result<std::optional<model::FailureBudget>> BudgetFromBody(const Json& body);

// Adds maxFailedHosts, retryInfo and freezeInfo when the deployment has them.
void PutRolloutFields(Json& j, const model::Deployment& d);
// Adds maxFailedHosts (when set) and freezeWindows.
void PutRolloutFields(Json& j, const model::DeploymentGroup& g);
// Applies "maxFailedHosts" (null removes it) and "freezeWindows" (a list of specs,
// replacing the group's) when present in `body`.
Status GroupRolloutFromJson(const Json& body, model::DeploymentGroup* g);

}  // namespace berth::http
