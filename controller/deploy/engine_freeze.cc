// Freeze windows in the engine: Engine::ActiveFreeze, HeldByFreeze and StartDueQueued.
// CreateDeploymentInTransaction refuses, queues or records an override of a window;
// StartNextQueued leaves a held deployment queued.
#include <set>

#include "controller/deploy/engine.h"
#include "controller/freeze/freeze_window.h"

namespace berth::deploy {

Result<std::optional<std::string>> Engine::ActiveFreeze(const model::DeploymentGroup& group) {
  if (group.freeze_windows.empty()) return std::optional<std::string>();
  return freeze::ActiveWindow(group.freeze_windows, clock_->NowMs(), *zones_);
}

Result<bool> Engine::HeldByFreeze(const model::Deployment& d, const model::DeploymentGroup& group) {
  if (d.creator != model::Creator::kUser || !d.freeze.overridden_window.empty()) return false;
  ASSIGN_OR_RETURN(std::optional<std::string> frozen, ActiveFreeze(group));
  return frozen.has_value();
}

Status Engine::StartDueQueued() {
  // A read first, outside any transaction: most of the time nothing is queued.
  ASSIGN_OR_RETURN(
      std::vector<model::Deployment> queued,
      store_->ListDeployments({.statuses = {model::DeploymentStatus::kQueued}, .limit = 0}));
  std::set<std::string> groups;
  for (const model::Deployment& d : queued) groups.insert(d.group_id);
  for (const std::string& group_id : groups) {
    RETURN_IF_ERROR(store_->Transact([&] { return StartNextQueued(group_id); }));
  }
  return Status::Ok();
}

}  // namespace berth::deploy
