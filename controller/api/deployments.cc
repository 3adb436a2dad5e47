#include <algorithm>

#include "common/model/rollout_json.h"
#include "controller/api/service.h"

namespace berth::api {

Result<model::Deployment> Service::CreateDeployment(
    const deploy::CreateDeploymentRequest& request) {
  if (request.application_name.empty()) return InvalidArgument("applicationName is required");
  if (request.group_name.empty()) return InvalidArgument("deploymentGroupName is required");
  const bool restart = request.hooks.mode == model::DeploymentMode::kRestart;
  if (request.revision_id.empty() && !restart) return InvalidArgument("revisionId is required");
  RETURN_IF_ERROR(CheckHookOptions(request.hooks));
  const std::string& feb = request.file_exists_behavior;
  if (!feb.empty() && feb != "DISALLOW" && feb != "OVERWRITE" && feb != "RETAIN") {
    return InvalidArgument("fileExistsBehavior \"" + feb +
                           "\" is not one of DISALLOW, OVERWRITE, RETAIN");
  }
  if (request.auto_rollback) RETURN_IF_ERROR(ValidateAutoRollbackConfig(*request.auto_rollback));
  if (request.rollout) RETURN_IF_ERROR(model::ValidateRollout(*request.rollout, "rollout"));
  if (request.max_failed_hosts) {
    RETURN_IF_ERROR(model::ValidateFailureBudget(*request.max_failed_hosts));
  }
  // Only the engine itself names hosts, hands over a config or starts a rollback.
  deploy::CreateDeploymentRequest checked = request;
  checked.target_instance_ids.clear();
  checked.config.reset();
  checked.rollback_of.clear();
  checked.retry_of.clear();
  checked.creator = model::Creator::kUser;
  return engine_->CreateDeployment(checked);
}

Status Service::StopDeployment(const std::string& id, bool rollback) {
  return engine_->StopDeployment(
      id, model::DeploymentErrorCode::kManualStop, rollback ? "stopped by request, with rollback" : "stopped by request",
      rollback);
}

Result<DeploymentDetail> Service::GetDeployment(const std::string& id) {
  DeploymentDetail detail;
  ASSIGN_OR_RETURN(detail.deployment, store_->GetDeployment(id));
  ASSIGN_OR_RETURN(detail.overview, store_->CountTargets(id));
  return detail;
}

Result<std::vector<model::Deployment>> Service::ListDeployments(const DeploymentQuery& query) {
  store::DeploymentFilter filter;
  if (!query.application_name.empty()) {
    ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(query.application_name));
    filter.application_id = app.id;
    if (!query.group_name.empty()) {
      ASSIGN_OR_RETURN(model::DeploymentGroup g,
                       store_->GetDeploymentGroup(app.id, query.group_name));
      filter.group_id = g.id;
    }
  } else if (!query.group_name.empty()) {
    return InvalidArgument("deploymentGroupName needs applicationName");
  }
  std::vector<std::string> statuses = query.statuses;
  if (!query.status.empty()) statuses.push_back(query.status);
  for (const std::string& name : statuses) {
    model::DeploymentStatus status;
    if (!model::ParseDeploymentStatus(name, &status)) {
      return InvalidArgument("status \"" + name + "\" is not a deployment status");
    }
    filter.statuses.push_back(status);
  }
  filter.limit = std::clamp(query.limit, 1, 1000);
  filter.after_id = query.next_token;
  return store_->ListDeployments(filter);
}

}  // namespace berth::api
