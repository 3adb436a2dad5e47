// The checks of a deployment group's rollout limits (docs/api.md "Failure budget",
// "Freeze windows"), shared by group create and update.
#pragma once

#include "common/model/deployment_group.h"
#include "common/status.h"
#include "controller/freeze/time_zones.h"

namespace berth::api {

// INVALID_ARGUMENT naming the problem for a bad failure budget or freeze window spec;
// otherwise rewrites every spec in its canonical form. At most 20 windows.
Status CheckRolloutLimits(model::DeploymentGroup& group, const freeze::TimeZones& zones);

}  // namespace berth::api
