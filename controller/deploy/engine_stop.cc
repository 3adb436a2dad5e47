// Engine::StopDeployment.
#include <algorithm>

#include "controller/deploy/engine.h"

namespace berth::deploy {

using model::EventStatus;
using model::TargetStatus;

Status Engine::StopDeployment(const std::string& deployment_id, const std::string& error_code,
                              const std::string& message, bool rollback) {
  ReadySet ready;
  Status s = store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(deployment_id));
    if (model::IsTerminal(d.status)) {
      return FailedPrecondition("deployment " + d.id + " has already ended (" +
                                model::DeploymentStatusName(d.status) + ")");
    }
    return StopInTransaction(d, error_code, message, rollback, &ready);
  });
  if (!s.ok()) return s;
  NotifyReady(ready);
  return Status::Ok();
}

Status Engine::StopInTransaction(model::Deployment& d, const std::string& error_code,
                                 const std::string& message, bool rollback, ReadySet* ready) {
  ASSIGN_OR_RETURN(std::vector<model::Target> targets, store_->GetTargets(d.id));
  for (model::Target& t : targets) {
    if (t.status != TargetStatus::kInProgress) continue;
    bool in_flight = std::any_of(t.events.begin(), t.events.end(), [](const auto& e) {
      return e.status == EventStatus::kInProgress;
    });
    if (in_flight) continue;  // CompleteCommand records it and ends the host
    // Its next command was never taken: TakeCommand drops it once the deployment ended.
    RETURN_IF_ERROR(SetTargetStatus(d, t, TargetStatus::kFailed));
    RETURN_IF_ERROR(SkipRemainingEvents(d, t));
  }
  return Finish(d, targets, model::DeploymentStatus::kStopped, error_code, message, ready,
                rollback);
}

}  // namespace berth::deploy
