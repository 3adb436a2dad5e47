// Engine::Emit: trigger webhooks queued in the outbox (DESIGN.md 4.3). The message is
// written in the same transaction as the state change it reports; the controller's
// trigger deliverer sends it later, with retries, so a restart loses none.
#include <nlohmann/json.hpp>

#include "common/random.h"
#include "common/time_format.h"
#include "controller/deploy/engine.h"
#include "controller/deploy/state_log.h"

namespace berth::deploy {
namespace {

// The Slack-compatible one-line summary.
std::string SummaryText(const model::Deployment& d, const std::string& event,
                        const model::Target* target) {
  std::string where = d.application_name + "/" + d.group_name;
  std::string text;
  if (target) {
    text = "Berth: " + event + " on " + target->instance_name + " in deployment " + d.id + " (" +
           where + ", revision " + d.revision_id + ")";
  } else {
    text = "Berth: " + event + " of deployment " + d.id + " (" + where + ", revision " +
           d.revision_id + ", " + model::DeploymentStatusName(d.status) + ")";
  }
  if (d.error.code != model::DeploymentErrorCode::kNone && !target) {
    text +=
        std::string(": ") + model::DeploymentErrorCodeName(d.error.code) + " " + d.error.message;
  }
  if (event == "DeploymentRollback") {
    text += "; " + d.rollback_info.rollback_message;
  }
  return text;
}

}  // namespace

Status Engine::Emit(const model::Deployment& d, const std::string& event,
                    const model::Target* target) {
  LogStateChangeAfterCommit(store_, d, event, target);  // every announced change is logged too
  ASSIGN_OR_RETURN(model::DeploymentGroup group, store_->GetDeploymentGroupById(d.group_id));
  const model::TimeMs now = clock_->NowMs();
  bool queued = false;
  for (const model::TriggerConfig& trigger : group.triggers) {
    if (!trigger.FiresOn(event)) continue;
    nlohmann::json body = {{"text", SummaryText(d, event, target)},
                           {"messageId", "m-" + RandomHex(16)},
                           {"triggerName", trigger.name},
                           {"event", event},
                           {"applicationName", d.application_name},
                           {"deploymentGroupName", d.group_name},
                           {"deploymentId", d.id},
                           {"revisionId", d.revision_id},
                           {"creator", model::CreatorName(d.creator)},
                           {"status", model::DeploymentStatusName(d.status)},
                           {"eventTime", FormatIsoMs(now)}};
    if (d.error.code != model::DeploymentErrorCode::kNone) {
      body["errorInformation"] = {{"code", model::DeploymentErrorCodeName(d.error.code)},
                                  {"message", d.error.message}};
    }
    if (!d.rollback_info.rollback_deployment_id.empty()) {
      body["rollbackDeploymentId"] = d.rollback_info.rollback_deployment_id;
    }
    if (target) {
      body["instanceId"] = target->instance_id;
      body["instanceName"] = target->instance_name;
      body["instanceStatus"] = model::TargetStatusName(target->status);
    }
    store::TriggerMessage m;
    m.deployment_id = d.id;
    m.trigger_name = trigger.name;
    m.url = trigger.url;
    m.event = event;
    m.body = body.dump();
    m.create_time = now;
    m.next_attempt_time = now;
    RETURN_IF_ERROR(store_->EnqueueTrigger(m));
    queued = true;
  }
  // Once per transaction however many it queued: the deliverer sends them all.
  if (queued && on_trigger_queued_) store_->OnCommit(on_trigger_queued_, &on_trigger_queued_);
  return Status::Ok();
}

}  // namespace berth::deploy
