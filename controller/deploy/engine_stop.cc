// Engine::StopDeployment.
#include <algorithm>

#include "controller/deploy/engine.h"

namespace berth::deploy {

using model::EventStatus;
using model::TargetStatus;

Status Engine::StopDeployment(const std::string& deployment_id, model::DeploymentErrorCode error_code,
                              const std::string& message, bool rollback) {
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(deployment_id));
    if (model::IsTerminal(d.status)) {
      return FailedPrecondition("deployment " + d.id + " has already ended (" +
                                model::DeploymentStatusName(d.status) + ")");
    }
    return StopDeploymentInTransaction(d, error_code, message, rollback);
  });
}

Status Engine::StopDeploymentInTransaction(model::Deployment& d, model::DeploymentErrorCode error_code,
                                           const std::string& message, bool rollback) {
  ASSIGN_OR_RETURN(std::vector<model::Target> in_progress,
                   store_->ListTargets({.deployment_id = d.id,
                                        .statuses = {TargetStatus::kInProgress},
                                        .limit = 0}));
  for (model::Target& t : in_progress) {
    bool in_flight = std::any_of(t.events.begin(), t.events.end(), [](const auto& e) {
      return e.status == EventStatus::kInProgress;
    });
    if (in_flight) continue;  // CompleteCommand records it and ends the host
    // Its next command was never taken: TakeCommand drops it once the deployment ended.
    RETURN_IF_ERROR(SetTargetStatus(d, t, TargetStatus::kFailed));
    RETURN_IF_ERROR(SkipRemainingEvents(d, t));
  }
  return Finish(d, model::DeploymentStatus::kStopped, error_code, message, rollback);
}

}  // namespace berth::deploy
