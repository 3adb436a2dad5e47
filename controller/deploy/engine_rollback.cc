// Engine::MaybeRollBack: automatic rollback (DESIGN.md 4.3).
#include "controller/deploy/configs.h"
#include "controller/deploy/engine.h"
#include "controller/deploy/hook_options.h"
#include "controller/deploy/planner.h"

namespace berth::deploy {

using model::TargetStatus;

namespace {

// The hosts a deployment changed or may have changed: every target it started.
Result<std::vector<std::string>> TouchedHosts(store::Store& store, const std::string& id) {
  ASSIGN_OR_RETURN(std::vector<model::Target> started,
                   store.ListTargets({.deployment_id = id,
                                      .statuses = {TargetStatus::kInProgress,
                                                   TargetStatus::kSucceeded,
                                                   TargetStatus::kFailed, TargetStatus::kUnknown},
                                      .limit = 0,
                                      .with_events = false}));
  std::vector<std::string> ids;
  for (const model::Target& t : started) ids.push_back(t.instance_id);
  return ids;
}

}  // namespace

Status Engine::MaybeRollBack(model::Deployment& d, const std::string& event, bool forced) {
  if (d.creator == model::Creator::kRollback) return Status::Ok();  // a rollback is never rolled back
  ASSIGN_OR_RETURN(model::DeploymentGroup group, store_->GetDeploymentGroupById(d.group_id));
  const model::AutoRollbackConfig& settings =
      d.auto_rollback_override ? *d.auto_rollback_override : group.auto_rollback;
  if (!forced && !settings.RollsBackOn(event)) return Status::Ok();

  auto record_no_rollback = [&](const std::string& why) {
    d.rollback_info.rollback_message = "no rollback: " + why;
    return store_->UpdateDeployment(d);
  };
  ASSIGN_OR_RETURN(std::vector<std::string> touched, TouchedHosts(*store_, d.id));
  if (touched.empty()) return record_no_rollback("the deployment changed no host");
  if (group.last_successful_deployment_id.empty()) {
    return record_no_rollback("deployment group \"" + group.name +
                              "\" has no earlier successful deployment to go back to");
  }
  ASSIGN_OR_RETURN(model::Deployment good,
                   store_->GetDeployment(group.last_successful_deployment_id));

  CreateDeploymentRequest req;
  req.application_name = d.application_name;
  req.group_name = group.name;
  req.revision_id = good.revision_id;
  req.hooks = RedeployOptions(good.hooks);
  req.creator = model::Creator::kRollback;
  req.description =
      "Rollback of " + d.id + " (" + event + ") to revision " + good.revision_id + " of " + good.id;
  // The previous version's files must replace what the failed one left behind.
  req.file_exists_behavior = "OVERWRITE";
  req.target_instance_ids = touched;
  req.rollback_of = d.id;
  ASSIGN_OR_RETURN(req.config, ConfigForHosts(*store_, d.config, static_cast<int>(touched.size())));
  model::Deployment rollback;
  // In a savepoint: a rollback that cannot be made leaves nothing behind.
  Status created =
      store_->Transact([&] { return CreateDeploymentInTransaction(req, &rollback); });
  if (!created.ok()) return record_no_rollback(created.message());
  d.rollback_info.rollback_deployment_id = rollback.id;
  d.rollback_info.rollback_message =
      "rolled back by " + rollback.id + " to revision " + good.revision_id;
  RETURN_IF_ERROR(store_->UpdateDeployment(d));
  return Emit(d, "DeploymentRollback", nullptr);
}

}  // namespace berth::deploy
