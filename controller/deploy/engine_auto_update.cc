// Engine::UpdateNewInstance: a host that joins a group after its last deployment gets
// that deployment's revision (creator autoUpdate, DESIGN.md 4.2).
#include <algorithm>

#include "controller/deploy/engine.h"
#include "controller/deploy/targets.h"

namespace berth::deploy {

using model::DeploymentStatus;

Result<std::vector<std::string>> Engine::UpdateNewInstance(const std::string& instance_id) {
  std::vector<std::string> touched;
  ReadySet ready;
  Status s = store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Instance instance, store_->GetInstance(instance_id));
    if (instance.registration_status != "Registered") return Status::Ok();
    ASSIGN_OR_RETURN(std::vector<model::Application> apps, store_->ListApplications());
    for (const model::Application& app : apps) {
      ASSIGN_OR_RETURN(std::vector<model::DeploymentGroup> groups,
                       store_->ListDeploymentGroups(app.id));
      for (const model::DeploymentGroup& group : groups) {
        if (group.outdated_instances_strategy != model::kOutdatedUpdate ||
            group.last_successful_deployment_id.empty() ||
            !model::Matches(group.tag_set, instance.tags)) {
          continue;
        }
        ASSIGN_OR_RETURN(model::Deployment good,
                         store_->GetDeployment(group.last_successful_deployment_id));
        ASSIGN_OR_RETURN(std::vector<store::GroupTargetRecord> records,
                         store_->ListGroupTargets(group.id));
        auto history = SummarizeHistory(records);
        if (history[instance.id].current_revision_id == good.revision_id) continue;

        ASSIGN_OR_RETURN(
            std::vector<model::Deployment> waiting,
            store_->ListDeployments(
                {.group_id = group.id, .statuses = {DeploymentStatus::kQueued}, .limit = 0}));
        bool covered = false;
        for (model::Deployment& q : waiting) {
          if (q.target_instance_ids.empty()) {
            covered = true;  // chooses its hosts by tags when it starts: this one included
            break;
          }
          if (q.creator == "autoUpdate" && q.revision_id == good.revision_id) {
            // One queued autoUpdate per group gathers every host that joins meanwhile.
            auto& ids = q.target_instance_ids;
            if (std::find(ids.begin(), ids.end(), instance.id) == ids.end()) {
              ids.push_back(instance.id);
              RETURN_IF_ERROR(store_->UpdateDeployment(q));
            }
            touched.push_back(q.id);
            covered = true;
            break;
          }
        }
        if (covered) continue;

        CreateDeploymentRequest req;
        req.application_name = app.name;
        req.group_name = group.name;
        req.revision_id = good.revision_id;
        req.creator = "autoUpdate";
        req.description = "Update of new instance " + instance.name + " to revision " +
                          good.revision_id + " of " + good.id;
        req.queue = true;
        req.target_instance_ids = {instance.id};
        // One host at a time: valid for any number of hosts (a fleet-sized HOST_COUNT or
        // a percentage is not for one host), and the safest for hosts joining a live group.
        req.config_name = model::kDefaultConfigName;
        model::Deployment created;
        // In a savepoint: a group that cannot take it now (an alarm firing) keeps nothing.
        Status made = store_->Transact([&] { return Create(req, &created, &ready); });
        if (!made.ok()) continue;
        touched.push_back(created.id);
      }
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  NotifyReady(ready);
  return touched;
}

}  // namespace berth::deploy
