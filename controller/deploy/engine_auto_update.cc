// Engine::UpdateNewInstance: a host that joins a group after its last deployment gets
// that deployment's revision (creator autoUpdate, DESIGN.md 4.2).
#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/logging.h"
#include "controller/deploy/engine.h"
#include "controller/deploy/hook_options.h"
#include "controller/deploy/targets.h"

namespace berth::deploy {

using model::DeploymentStatus;

Result<std::vector<std::string>> Engine::UpdateNewInstance(const std::string& instance_id) {
  std::vector<std::string> touched;
  Status s = store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Instance instance, store_->GetInstance(instance_id));
    if (instance.registration_status != "Registered") return Status::Ok();
    // Only groups that can update anyone are read, and only this host's history in
    // those whose tags it matches: an enrollment costs the same on any size of fleet.
    ASSIGN_OR_RETURN(std::vector<model::DeploymentGroup> groups, store_->ListAutoUpdateGroups());
    for (const model::DeploymentGroup& group : groups) {
      ASSIGN_OR_RETURN(std::string id, UpdateNewInstanceInGroup(instance, group));
      if (!id.empty()) touched.push_back(id);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return touched;
}

Result<std::string> Engine::UpdateNewInstanceInGroup(const model::Instance& instance,
                                                     const model::DeploymentGroup& group) {
  if (group.outdated_instances_strategy != model::kOutdatedUpdate ||
      group.last_successful_deployment_id.empty() ||
      !model::Matches(group.tag_set, instance.tags)) {
    return std::string();
  }
  ASSIGN_OR_RETURN(model::Deployment good,
                   store_->GetDeployment(group.last_successful_deployment_id));
  ASSIGN_OR_RETURN(std::vector<store::GroupTargetRecord> records,
                   store_->ListGroupTargetsOf(group.id, instance.id));
  if (SummarizeHistory(records)[instance.id].current_revision_id == good.revision_id) {
    return std::string();  // already on it
  }

  ASSIGN_OR_RETURN(
      std::vector<model::Deployment> waiting,
      store_->ListDeployments(
          {.group_id = group.id, .statuses = {DeploymentStatus::kQueued}, .limit = 0}));
  for (model::Deployment& q : waiting) {
    // A queued deployment that chooses its hosts by tags when it starts includes this one.
    if (q.target_instance_ids.empty()) return std::string();
    if (q.creator == model::Creator::kAutoUpdate && q.revision_id == good.revision_id) {
      // One queued autoUpdate per group gathers every host that joins meanwhile.
      auto& ids = q.target_instance_ids;
      if (std::find(ids.begin(), ids.end(), instance.id) == ids.end()) {
        ids.push_back(instance.id);
        RETURN_IF_ERROR(store_->UpdateDeployment(q));
      }
      return q.id;
    }
  }

  CreateDeploymentRequest req;
  req.application_name = group.application_name;
  req.group_name = group.name;
  req.revision_id = good.revision_id;
  req.hooks = RedeployOptions(good.hooks);
  req.creator = model::Creator::kAutoUpdate;
  req.description = "Update of new instance " + instance.name + " to revision " + good.revision_id +
                    " of " + good.id;
  req.queue = true;
  req.target_instance_ids = {instance.id};
  // One host at a time: valid for any number of hosts (a fleet-sized HOST_COUNT or a
  // percentage is not for one host), and the safest for hosts joining a live group.
  req.config_name = model::kDefaultConfigName;
  model::Deployment created;
  // In a savepoint: a group that cannot take it now (a watched alarm firing) keeps
  // nothing, and the enrollment goes on.
  Status made = store_->Transact([&] { return CreateDeploymentInTransaction(req, &created); });
  if (!made.ok()) {
    LogWarn({.instance = instance.name,
             .instance_id = instance.id,
             .application = group.application_name,
             .deployment_group = group.name},
            "the instance joined the deployment group but was not updated to {}: {}",
            good.revision_id, made.message());
    return std::string();
  }
  return created.id;
}

}  // namespace berth::deploy
