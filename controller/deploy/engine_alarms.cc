// Engine: alarms (DESIGN.md 4.3).
#include <algorithm>

#include "controller/deploy/engine.h"

namespace berth::deploy {

Result<std::string> Engine::FiringAlarm(const model::DeploymentGroup& group) {
  if (!group.alarms.enabled) return std::string();
  for (const std::string& name : group.alarms.alarms) {
    Result<model::Alarm> alarm = store_->GetAlarm(name);
    if (!alarm.ok()) {
      if (alarm.status().code() == Code::kNotFound) continue;  // never set: OK
      return alarm.status();
    }
    if (alarm->state == model::kAlarmFiring) return name;
  }
  return std::string();
}

Status Engine::SetAlarms(const std::vector<model::Alarm>& alarms) {
  for (const model::Alarm& alarm : alarms) {
    if (alarm.state != model::kAlarmOk && alarm.state != model::kAlarmFiring) {
      return InvalidArgument("alarm state \"" + alarm.state + "\" is not one of OK, ALARM");
    }
  }
  // One transaction for the batch: all of it is recorded, or none.
  return store_->Transact([&]() -> Status {
    for (const model::Alarm& alarm : alarms) RETURN_IF_ERROR(SetAlarmInTransaction(alarm));
    return Status::Ok();
  });
}

Status Engine::SetAlarmInTransaction(const model::Alarm& alarm) {
  RETURN_IF_ERROR(store_->PutAlarm(alarm));
  if (alarm.state != model::kAlarmFiring) return Status::Ok();
  ASSIGN_OR_RETURN(std::vector<model::Deployment> running,
                   store_->ListDeployments({.statuses = {model::DeploymentStatus::kInProgress,
                                                         model::DeploymentStatus::kReady},
                                            .limit = 0}));
  for (const model::Deployment& listed : running) {
    // A rollback runs whatever alarms say: it is what puts things right (and an
    // Alertmanager that re-sends the firing alert must not stop it).
    if (listed.creator == model::Creator::kRollback) continue;
    ASSIGN_OR_RETURN(model::DeploymentGroup group, store_->GetDeploymentGroupById(listed.group_id));
    const auto& names = group.alarms.alarms;
    if (!group.alarms.enabled || std::find(names.begin(), names.end(), alarm.name) == names.end()) {
      continue;
    }
    // Re-read: stopping one deployment may have started or ended another.
    ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(listed.id));
    if (model::IsTerminal(d.status)) continue;
    // During a bake (engine_waves.cc) an alarm is what the bake watches for: it always
    // rolls back.
    const bool baking = d.waves.wait == model::WaitKind::kBake;
    if (baking) RecordWave(d, "BakeFailed", "alarm \"" + alarm.name + "\" fired");
    RETURN_IF_ERROR(StopDeploymentInTransaction(
        d, model::DeploymentErrorCode::kAlarmActive,
        "alarm \"" + alarm.name + "\" fired" + (alarm.reason.empty() ? "" : ": " + alarm.reason) +
            (baking ? " during the bake" : ""),
        baking));
  }
  return Status::Ok();
}

}  // namespace berth::deploy
