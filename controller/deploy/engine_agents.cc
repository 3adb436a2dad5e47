// Engine::FailSilentAgents: an agent that stops calling (crashed, host down, network cut)
// fails its open events with AGENT_ISSUE, so no deployment waits forever on a dead host
// (DESIGN.md 3).
#include <map>

#include "controller/deploy/engine.h"

namespace berth::deploy {
namespace {

std::string Seconds(int64_t ms) { return std::to_string(ms / 1000) + " s"; }

model::Diagnostics SilenceDiagnostics(const model::Instance& instance, const model::Command& c,
                                      int64_t silent_ms, int64_t silence_ms) {
  model::Diagnostics d;
  d.error_code = "AGENT_ISSUE";
  d.message = "the agent on instance \"" + instance.name + "\" has not called the controller for " +
              Seconds(silent_ms) + " (agent silence limit " + Seconds(silence_ms) + "); " +
              c.event_name + " is presumed failed";
  return d;
}

}  // namespace

bool AgentSilent(const model::Instance& instance, model::TimeMs now, int64_t silence_ms,
                 const std::set<std::string>& alive) {
  return now - instance.last_seen > silence_ms && alive.count(instance.id) == 0;
}

Result<int> Engine::FailSilentAgents(int64_t silence_ms, const std::set<std::string>& alive) {
  int failed = 0;
  Status s = store_->Transact([&]() -> Status {
    failed = 0;
    const model::TimeMs now = clock_->NowMs();
    ASSIGN_OR_RETURN(std::vector<model::Command> open, store_->ListOpenCommands());
    std::map<std::string, model::Instance> instances;  // read once per call
    for (const model::Command& listed : open) {
      if (now - listed.create_time <= silence_ms) continue;
      auto cached = instances.find(listed.instance_id);
      if (cached == instances.end()) {
        ASSIGN_OR_RETURN(model::Instance instance, store_->GetInstance(listed.instance_id));
        cached = instances.emplace(listed.instance_id, std::move(instance)).first;
      }
      const model::Instance& instance = cached->second;
      if (!AgentSilent(instance, now, silence_ms, alive)) continue;

      // An outcome recorded earlier in this loop may have ended the deployment.
      ASSIGN_OR_RETURN(model::Command c, store_->GetCommand(listed.id));
      if (c.status == model::CommandStatus::kCompleted) continue;
      ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(c.deployment_id));
      const bool never_started = c.status == model::CommandStatus::kPending;
      c.status = model::CommandStatus::kCompleted;
      c.complete_time = now;
      RETURN_IF_ERROR(store_->UpdateCommand(c));
      // A command the agent never took, of a deployment that has ended, is dropped as
      // TakeCommand would; one it took is an event that was running and is recorded.
      if (never_started && model::IsTerminal(d.status)) continue;
      RETURN_IF_ERROR(RecordOutcome(
          c, false, SilenceDiagnostics(instance, c, now - instance.last_seen, silence_ms)));
      ++failed;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return failed;
}

}  // namespace berth::deploy
