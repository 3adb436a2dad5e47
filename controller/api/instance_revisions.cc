// Service::CurrentRevisions: what each instance runs, per deployment group (the last
// revision that succeeded on it there), for GET /api/v1/instances and the dashboard.
#include "controller/api/service.h"

namespace berth::api {

Result<std::map<std::string, std::vector<InstanceRevision>>> Service::CurrentRevisions(
    const std::vector<std::string>& instance_ids) {
  std::map<std::string, std::vector<InstanceRevision>> out;
  ASSIGN_OR_RETURN(std::vector<model::Application> apps, store_->ListApplications());
  for (const model::Application& app : apps) {
    ASSIGN_OR_RETURN(std::vector<model::DeploymentGroup> groups,
                     store_->ListDeploymentGroups(app.id));
    for (const model::DeploymentGroup& g : groups) {
      for (const std::string& instance_id : instance_ids) {
        ASSIGN_OR_RETURN(std::vector<store::GroupTargetRecord> history,
                         store_->ListGroupTargetsOf(g.id, instance_id));
        // Oldest deployment first: the last success is the current revision.
        for (auto it = history.rbegin(); it != history.rend(); ++it) {
          if (it->status != model::TargetStatus::kSucceeded) continue;
          out[instance_id].push_back({app.name, g.name, it->revision_id, it->deployment_id});
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace berth::api
