// Engine::RetryDeployment: `berth deployment retry ID` deploys an ended deployment's
// revision again to only the hosts that failed or were skipped.
#include "controller/deploy/configs.h"
#include "controller/deploy/engine.h"

namespace berth::deploy {

using model::TargetStatus;

Result<model::Deployment> Engine::RetryDeployment(const RetryRequest& request) {
  model::Deployment retry;
  Status s = store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(request.deployment_id));
    if (!model::IsTerminal(d.status)) {
      return FailedPrecondition("deployment " + d.id + " is " +
                                model::DeploymentStatusName(d.status) +
                                "; only an ended deployment can be retried (wait for it, or "
                                "stop it first)");
    }
    if (!d.retry_deployment_id.empty()) {
      return FailedPrecondition("deployment " + d.id + " was already retried by " +
                                d.retry_deployment_id + "; retry that one instead");
    }
    ASSIGN_OR_RETURN(
        std::vector<model::Target> left,
        store_->ListTargets({.deployment_id = d.id,
                             .statuses = {TargetStatus::kFailed, TargetStatus::kSkipped},
                             .limit = 0,
                             .with_events = false}));
    if (left.empty()) {
      return FailedPrecondition("deployment " + d.id + " (" +
                                model::DeploymentStatusName(d.status) +
                                ") has no failed or skipped hosts to retry");
    }
    CreateDeploymentRequest req;
    req.application_name = d.application_name;
    req.group_name = d.group_name;
    req.revision_id = d.revision_id;
    req.description = "Retry of " + d.id + " on its " + std::to_string(left.size()) +
                      " failed or skipped host(s)";
    req.file_exists_behavior = d.file_exists_behavior;
    req.ignore_application_stop_failures = d.ignore_application_stop_failures;
    req.auto_rollback = d.auto_rollback_override;
    req.queue = request.queue;
    req.override_freeze = request.override_freeze;
    req.override_by = request.override_by;
    req.max_failed_hosts = d.max_failed_hosts;
    req.retry_of = d.id;
    for (const model::Target& t : left) req.target_instance_ids.push_back(t.instance_id);
    ASSIGN_OR_RETURN(req.config, ConfigForHosts(*store_, d.config, static_cast<int>(left.size())));
    RETURN_IF_ERROR(CreateDeploymentInTransaction(req, &retry));
    d.retry_deployment_id = retry.id;
    return store_->UpdateDeployment(d);
  });
  if (!s.ok()) return s;
  return retry;
}

}  // namespace berth::deploy
