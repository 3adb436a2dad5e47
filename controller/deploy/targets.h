// Which instances a deployment targets, in what order, with which events.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/model/deployment.h"
#include "common/model/deployment_group.h"
#include "common/model/instance.h"
#include "common/model/lifecycle.h"
#include "controller/store/store.h"

namespace berth::deploy {

// Registered instances whose tags match the group's tag set, ordered by name.
std::vector<model::Instance> SelectTargets(const model::DeploymentGroup& group,
                                           const std::vector<model::Instance>& instances);

// What a group's past deployments left on one host.
struct HostHistory {
  bool failed_last_time = false;    // its latest attempted target in the group Failed
  std::string current_revision_id;  // revision of its latest Succeeded target; "" if none
};

// Per instance id, from the group's targets listed oldest deployment first. Skipped and
// Pending targets (hosts never attempted) do not count as "last time".
std::map<std::string, HostHistory> SummarizeHistory(
    const std::vector<store::GroupTargetRecord>& records);

// CodeDeploy's host order (DESIGN.md 4.1): hosts that failed last time first, then hosts
// on another or no revision, then hosts already on `revision_id`; by name within each.
void OrderTargets(std::vector<model::Instance>& instances,
                  const std::map<std::string, HostHistory>& history,
                  const std::string& revision_id);

// The hosts of deployment `d`, in dispatch order: the instances named by
// d.target_instance_ids (those still registered), or else those matching the group's
// tags; with d.update_outdated_only, only hosts whose current revision in the group is
// not d.revision_id.
std::vector<model::Instance> ChooseTargets(const model::Deployment& d,
                                           const model::DeploymentGroup& group,
                                           const std::vector<model::Instance>& instances,
                                           const std::map<std::string, HostHistory>& history);

// One Pending target per instance, each with `events` (default: the in-place lifecycle
// events), Pending.
std::vector<model::Target> MakeTargets(
    const std::string& deployment_id, const std::vector<model::Instance>& instances,
    const std::vector<std::string>& events = model::InPlaceEvents());

}  // namespace berth::deploy
