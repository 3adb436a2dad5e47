#include "controller/deploy/state_log.h"

#include "common/logging.h"

namespace berth::deploy {
namespace {

// "at Install: ScriptFailed: ..." for the host's failed event, if it is known.
std::string FailedEventText(const model::Target& target) {
  for (const model::LifecycleEvent& e : target.events) {
    if (e.status != model::EventStatus::kFailed) continue;
    return " at " + e.name + ": " + e.diagnostics.error_code + ": " + e.diagnostics.message;
  }
  return "";
}

std::string ErrorText(const model::Deployment& d) {
  if (d.error.code == model::DeploymentErrorCode::kNone) return "";
  return std::string(": ") + model::DeploymentErrorCodeName(d.error.code) + " " + d.error.message;
}

}  // namespace

void LogStateChangeAfterCommit(store::Store* store, const model::Deployment& d,
                               const std::string& event, const model::Target* target) {
  LogFields fields{
      .deployment_id = d.id, .application = d.application_name, .deployment_group = d.group_name};
  spdlog::level::level_enum level = spdlog::level::info;
  std::string message;
  if (target != nullptr) {
    fields.instance = target->instance_name;
    fields.instance_id = target->instance_id;
    const std::string status = model::TargetStatusName(target->status);
    if (event == "InstanceStart") level = spdlog::level::debug;
    if (event == "InstanceFailure") level = spdlog::level::warn;
    message = "host " + status + (event == "InstanceFailure" ? FailedEventText(*target) : "");
  } else if (event == "DeploymentStart") {
    message = "deployment started: revision " + d.revision_id + ", config " + d.config.name +
              ", creator " + model::CreatorName(d.creator);
  } else if (event == "DeploymentRollback") {
    message = "deployment rolled back: " + d.rollback_info.rollback_message;
  } else {
    const model::DeploymentStatus status = d.status;
    if (status != model::DeploymentStatus::kSucceeded) level = spdlog::level::warn;
    message = std::string("deployment ") + model::DeploymentStatusName(status) + ErrorText(d);
  }
  if (!spdlog::should_log(level)) return;
  store->OnCommit([level, fields = std::move(fields),
                   message = std::move(message)] { LogWrite(level, fields, message); },
                  nullptr);
}

}  // namespace berth::deploy
