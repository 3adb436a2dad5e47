// Which instances a deployment targets, in what order, with which events.
#pragma once

#include <string>
#include <vector>

#include "common/model/deployment.h"
#include "common/model/deployment_group.h"
#include "common/model/instance.h"

namespace berth::deploy {

// Registered instances whose tags match the group's tag set, ordered by name.
std::vector<model::Instance> SelectTargets(const model::DeploymentGroup& group,
                                           const std::vector<model::Instance>& instances);

// One Pending target per instance, each with the in-place lifecycle events, Pending.
std::vector<model::Target> MakeTargets(const std::string& deployment_id,
                                       const std::vector<model::Instance>& instances);

}  // namespace berth::deploy
