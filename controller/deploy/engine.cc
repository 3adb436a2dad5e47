#include "controller/deploy/engine.h"

#include <algorithm>
#include <map>

#include "common/model/lifecycle.h"
#include "common/random.h"
#include "controller/deploy/configs.h"
#include "controller/deploy/planner.h"
#include "controller/deploy/targets.h"

namespace berth::deploy {

using model::DeploymentStatus;
using model::EventStatus;
using model::TargetStatus;

Engine::Engine(store::Store* store, Clock* clock) : store_(store), clock_(clock) {}

void Engine::SetCommandReadyCallback(std::function<void(const std::string&)> cb) {
  on_command_ready_ = std::move(cb);
}

void Engine::SetTriggerQueuedCallback(std::function<void()> cb) {
  on_trigger_queued_ = std::move(cb);
}

// Called after every committed transaction that can change a deployment or target
// status, which is where Emit queues trigger messages; waking the deliverer when none
// was queued costs it one indexed query.
void Engine::NotifyReady(const ReadySet& ready) {
  if (on_trigger_queued_) on_trigger_queued_();
  if (!on_command_ready_) return;
  for (const std::string& id : ready) on_command_ready_(id);
}

Result<model::Deployment> Engine::CreateDeployment(const CreateDeploymentRequest& req) {
  model::Deployment d;
  ReadySet ready;
  Status s = store_->Transact([&]() -> Status { return Create(req, &d, &ready); });
  if (!s.ok()) return s;
  NotifyReady(ready);
  return d;
}

Status Engine::Create(const CreateDeploymentRequest& req, model::Deployment* out, ReadySet* ready) {
  ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(req.application_name));
  ASSIGN_OR_RETURN(model::DeploymentGroup group,
                   store_->GetDeploymentGroup(app.id, req.group_name));
  ASSIGN_OR_RETURN(model::Revision revision, store_->GetRevision(req.revision_id));
  if (revision.application_id != app.id) {
    return InvalidArgument("revision " + revision.id + " belongs to application \"" +
                           revision.application_name + "\", not \"" + app.name + "\"");
  }
  model::DeploymentConfig config;
  if (req.config) {
    config = *req.config;
  } else {
    std::string config_name = req.config_name.empty() ? group.config_name : req.config_name;
    ASSIGN_OR_RETURN(config, FindConfig(*store_, config_name));
  }

  ASSIGN_OR_RETURN(
      std::vector<model::Deployment> active,
      store_->ListDeployments({.group_id = group.id,
                               .statuses = {DeploymentStatus::kCreated, DeploymentStatus::kQueued,
                                            DeploymentStatus::kInProgress}}));
  if (!req.rollback_of.empty()) active.clear();  // a rollback goes first
  if (!active.empty() && !req.queue) {
    return FailedPrecondition("deployment group \"" + group.name +
                              "\" already has an active deployment " + active.front().id + " (" +
                              model::DeploymentStatusName(active.front().status) + ")");
  }
  model::Deployment& d = *out;
  const model::TimeMs now = clock_->NowMs();
  d.id = "d-" + RandomAlnumUpper(9);
  d.application_id = app.id;
  d.application_name = app.name;
  d.group_id = group.id;
  d.group_name = group.name;
  d.revision_id = revision.id;
  d.revision = revision.location;
  d.config = config;
  d.status = active.empty() ? DeploymentStatus::kCreated : DeploymentStatus::kQueued;
  d.creator = req.creator;
  d.description = req.description;
  d.file_exists_behavior =
      req.file_exists_behavior.empty() ? group.file_exists_behavior : req.file_exists_behavior;
  d.ignore_application_stop_failures = req.ignore_application_stop_failures;
  d.auto_rollback_override = req.auto_rollback;
  d.target_instance_ids = req.target_instance_ids;
  d.update_outdated_only = req.update_outdated_only;
  d.rollback_info.rollback_triggering_deployment_id = req.rollback_of;
  d.create_time = now;
  if (d.status == DeploymentStatus::kQueued) {
    // Targets are chosen when it starts (DESIGN.md 4.2).
    return store_->CreateDeployment(d, {});
  }
  RETURN_IF_ERROR(store_->CreateDeployment(d, {}));
  RETURN_IF_ERROR(Start(d, ready));
  // A deployment that could not even start (no host to deploy to, a watched alarm
  // firing) is refused instead: the caller's transaction then writes nothing of it.
  if ((d.status == DeploymentStatus::kFailed && d.error.code == "NO_INSTANCES") ||
      (d.status == DeploymentStatus::kStopped && d.error.code == "ALARM_ACTIVE")) {
    return FailedPrecondition(d.error.message);
  }
  return Status::Ok();
}

Result<std::vector<model::Instance>> Engine::ChooseHosts(const model::Deployment& d,
                                                         const model::DeploymentGroup& group) {
  ASSIGN_OR_RETURN(std::vector<model::Instance> instances, store_->ListInstances());
  ASSIGN_OR_RETURN(std::vector<store::GroupTargetRecord> records,
                   store_->ListGroupTargets(group.id));
  std::map<std::string, HostHistory> history = SummarizeHistory(records);
  std::vector<model::Instance> hosts = ChooseTargets(d, group, instances, history);
  if (!hosts.empty()) return hosts;
  if (!d.target_instance_ids.empty()) {
    return FailedPrecondition("none of the instances this deployment names is registered");
  }
  if (d.update_outdated_only && !SelectTargets(group, instances).empty()) {
    return FailedPrecondition("every instance of deployment group \"" + group.name +
                              "\" is already on revision " + d.revision_id);
  }
  return FailedPrecondition("no registered instance matches the tags of deployment group \"" +
                            group.name + "\"");
}

Status Engine::StartEvent(const model::Deployment& d, const model::Target& target, int seq,
                          ReadySet* ready) {
  model::Command c;
  c.id = "c-" + RandomHex(12);
  c.deployment_id = d.id;
  c.instance_id = target.instance_id;
  c.event_seq = seq;
  c.event_name = target.events[seq].name;
  c.status = model::CommandStatus::kPending;
  c.create_time = clock_->NowMs();
  RETURN_IF_ERROR(store_->CreateCommand(c));
  ready->insert(target.instance_id);
  return Status::Ok();
}

Status Engine::SkipRemainingEvents(const model::Deployment& d, model::Target& target) {
  for (model::LifecycleEvent& e : target.events) {
    if (e.status == EventStatus::kPending) {
      e.status = EventStatus::kSkipped;
      RETURN_IF_ERROR(store_->UpdateEvent(d.id, target.instance_id, e));
    }
  }
  return Status::Ok();
}

Status Engine::SetTargetStatus(const model::Deployment& d, model::Target& target,
                               TargetStatus status) {
  target.status = status;
  RETURN_IF_ERROR(store_->UpdateTargetStatus(d.id, target.instance_id, status));
  switch (status) {
    case TargetStatus::kInProgress:
      return Emit(d, "InstanceStart", &target);
    case TargetStatus::kSucceeded:
      return Emit(d, "InstanceSuccess", &target);
    case TargetStatus::kFailed:
      return Emit(d, "InstanceFailure", &target);
    default:
      return Status::Ok();
  }
}

Status Engine::Finish(model::Deployment& d, std::vector<model::Target>& targets,
                      DeploymentStatus status, const std::string& error_code,
                      const std::string& message, ReadySet* ready, bool force_rollback) {
  for (model::Target& t : targets) {
    if (t.status != TargetStatus::kPending) continue;
    RETURN_IF_ERROR(SetTargetStatus(d, t, TargetStatus::kSkipped));
    RETURN_IF_ERROR(SkipRemainingEvents(d, t));
  }
  d.status = status;
  d.error = {error_code, message};
  d.complete_time = clock_->NowMs();
  RETURN_IF_ERROR(store_->UpdateDeployment(d));
  switch (status) {
    case DeploymentStatus::kSucceeded: {
      RETURN_IF_ERROR(Emit(d, "DeploymentSuccess", nullptr));
      ASSIGN_OR_RETURN(model::DeploymentGroup group, store_->GetDeploymentGroupById(d.group_id));
      group.last_successful_deployment_id = d.id;
      RETURN_IF_ERROR(store_->UpdateDeploymentGroup(group));
      break;
    }
    case DeploymentStatus::kFailed:
      RETURN_IF_ERROR(Emit(d, "DeploymentFailure", nullptr));
      RETURN_IF_ERROR(MaybeRollBack(d, targets, model::kRollbackOnFailure, false, ready));
      break;
    case DeploymentStatus::kStopped:
      RETURN_IF_ERROR(Emit(d, "DeploymentStop", nullptr));
      RETURN_IF_ERROR(MaybeRollBack(
          d, targets,
          error_code == "ALARM_ACTIVE" ? model::kRollbackOnAlarm : model::kRollbackOnRequest,
          force_rollback, ready));
      break;
    default:
      break;
  }
  if (!d.rollback_info.rollback_deployment_id.empty()) {
    return Status::Ok();  // the rollback runs first; it starts the queue when it ends
  }
  return StartNextQueued(d.group_id, ready);
}

Status Engine::StartNextQueued(const std::string& group_id, ReadySet* ready) {
  ASSIGN_OR_RETURN(std::vector<model::Deployment> running,
                   store_->ListDeployments(
                       {.group_id = group_id,
                        .statuses = {DeploymentStatus::kCreated, DeploymentStatus::kInProgress}}));
  if (!running.empty()) return Status::Ok();  // e.g. a queued one was stopped
  ASSIGN_OR_RETURN(
      std::vector<model::Deployment> queued,
      store_->ListDeployments(
          {.group_id = group_id, .statuses = {DeploymentStatus::kQueued}, .limit = 100000}));
  if (queued.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(model::Deployment next, store_->GetDeployment(queued.back().id));
  return Start(next, ready);
}

Status Engine::Start(model::Deployment& d, ReadySet* ready) {
  ASSIGN_OR_RETURN(model::DeploymentGroup group, store_->GetDeploymentGroupById(d.group_id));
  d.status = DeploymentStatus::kInProgress;
  d.start_time = clock_->NowMs();
  RETURN_IF_ERROR(store_->UpdateDeployment(d));
  RETURN_IF_ERROR(Emit(d, "DeploymentStart", nullptr));
  std::vector<model::Target> targets;
  std::string firing;
  if (d.creator != "rollback") {
    ASSIGN_OR_RETURN(firing, FiringAlarm(group));
  }
  if (!firing.empty()) {
    return Finish(d, targets, DeploymentStatus::kStopped, "ALARM_ACTIVE",
                  "alarm \"" + firing + "\" that deployment group \"" + group.name +
                      "\" watches is firing (ALARM); no deployment starts until it is OK",
                  ready);
  }
  Result<std::vector<model::Instance>> hosts = ChooseHosts(d, group);
  if (!hosts.ok()) {
    return Finish(d, targets, DeploymentStatus::kFailed, "NO_INSTANCES", hosts.status().message(),
                  ready);
  }
  targets = MakeTargets(d.id, *hosts);
  RETURN_IF_ERROR(store_->AddTargets(targets));
  auto policy = ComputePolicy(d.config, static_cast<int>(targets.size()));
  if (!policy.ok()) {
    return Finish(d, targets, DeploymentStatus::kFailed, "HEALTH_CONSTRAINTS_INVALID",
                  policy.status().message(), ready);
  }
  return Advance(d, targets, ready);
}

Status Engine::Advance(model::Deployment& d, std::vector<model::Target>& targets, ReadySet* ready) {
  if (model::IsTerminal(d.status)) return Status::Ok();
  auto policy = ComputePolicy(d.config, static_cast<int>(targets.size()));
  if (!policy.ok()) return policy.status();

  Progress progress;
  for (const model::Target& t : targets) {
    switch (t.status) {
      case TargetStatus::kPending:
        ++progress.pending;
        break;
      case TargetStatus::kInProgress:
        ++progress.in_progress;
        break;
      case TargetStatus::kSucceeded:
        ++progress.succeeded;
        break;
      default:
        ++progress.failed;
        break;
    }
  }
  Step step = NextStep(*policy, progress);
  for (model::Target& t : targets) {
    if (step.start_now == 0) break;
    if (t.status != TargetStatus::kPending) continue;
    RETURN_IF_ERROR(SetTargetStatus(d, t, TargetStatus::kInProgress));
    RETURN_IF_ERROR(StartEvent(d, t, 0, ready));
    --step.start_now;
  }
  switch (step.verdict) {
    case Verdict::kContinue:
      return Status::Ok();
    case Verdict::kSucceeded:
      return Finish(d, targets, DeploymentStatus::kSucceeded, "", "", ready);
    case Verdict::kFailed:
      return Finish(d, targets, DeploymentStatus::kFailed, step.error_code, step.message, ready);
  }
  return Status::Ok();
}

Result<std::optional<DispatchedCommand>> Engine::TakeCommand(const std::string& instance_id) {
  std::optional<DispatchedCommand> out;
  Status s = store_->Transact([&]() -> Status {
    while (true) {
      ASSIGN_OR_RETURN(std::optional<model::Command> next, store_->NextOpenCommand(instance_id));
      if (!next) return Status::Ok();
      model::Command c = *next;
      ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(c.deployment_id));
      const model::TimeMs now = clock_->NowMs();
      if (model::IsTerminal(d.status)) {
        // The deployment ended without this event: it will never run.
        c.status = model::CommandStatus::kCompleted;
        c.complete_time = now;
        RETURN_IF_ERROR(store_->UpdateCommand(c));
        continue;
      }
      if (c.status == model::CommandStatus::kPending) {
        c.status = model::CommandStatus::kDispatched;
        c.dispatch_time = now;
        RETURN_IF_ERROR(store_->UpdateCommand(c));
        ASSIGN_OR_RETURN(std::vector<model::Target> targets, store_->GetTargets(d.id));
        for (model::Target& t : targets) {
          if (t.instance_id != instance_id) continue;
          model::LifecycleEvent& e = t.events[c.event_seq];
          e.status = EventStatus::kInProgress;
          e.start_time = now;
          RETURN_IF_ERROR(store_->UpdateEvent(d.id, instance_id, e));
        }
      }
      out = DispatchedCommand{c, d};
      return Status::Ok();
    }
  });
  if (!s.ok()) return s;
  return out;
}

Status Engine::AckCommand(const std::string& instance_id, const std::string& command_id) {
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Command c, store_->GetCommand(command_id));
    if (c.instance_id != instance_id) return NotFound("command " + command_id + " does not exist");
    if (c.status != model::CommandStatus::kDispatched) return Status::Ok();
    c.status = model::CommandStatus::kAcked;
    c.ack_time = clock_->NowMs();
    return store_->UpdateCommand(c);
  });
}

Status Engine::CompleteCommand(const std::string& instance_id, const std::string& command_id,
                               bool succeeded, const model::Diagnostics& diagnostics) {
  ReadySet ready;
  Status s = store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Command c, store_->GetCommand(command_id));
    if (c.instance_id != instance_id) return NotFound("command " + command_id + " does not exist");
    if (c.status == model::CommandStatus::kCompleted) return Status::Ok();
    c.status = model::CommandStatus::kCompleted;
    c.complete_time = clock_->NowMs();
    RETURN_IF_ERROR(store_->UpdateCommand(c));
    return RecordOutcome(c, succeeded, diagnostics, &ready);
  });
  if (!s.ok()) return s;
  NotifyReady(ready);
  return Status::Ok();
}

Status Engine::RecordOutcome(const model::Command& c, bool succeeded,
                             const model::Diagnostics& diagnostics, ReadySet* ready) {
  const model::TimeMs now = clock_->NowMs();
  ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(c.deployment_id));
  ASSIGN_OR_RETURN(std::vector<model::Target> targets, store_->GetTargets(d.id));
  auto target = std::find_if(targets.begin(), targets.end(), [&](const model::Target& t) {
    return t.instance_id == c.instance_id;
  });
  if (target == targets.end() || c.event_seq >= static_cast<int>(target->events.size())) {
    return Internal("command " + c.id + " names no event of deployment " + d.id);
  }
  model::LifecycleEvent& e = target->events[c.event_seq];
  e.status = succeeded ? EventStatus::kSucceeded : EventStatus::kFailed;
  if (e.start_time == 0) e.start_time = now;
  e.end_time = now;
  e.diagnostics = diagnostics;
  RETURN_IF_ERROR(store_->UpdateEvent(d.id, c.instance_id, e));

  if (!succeeded) {
    RETURN_IF_ERROR(SetTargetStatus(d, *target, TargetStatus::kFailed));
    RETURN_IF_ERROR(SkipRemainingEvents(d, *target));
  } else if (c.event_seq + 1 < static_cast<int>(target->events.size())) {
    if (!model::IsTerminal(d.status)) {
      RETURN_IF_ERROR(StartEvent(d, *target, c.event_seq + 1, ready));
    } else {
      // Stopped while this event ran: the host is left part-way.
      RETURN_IF_ERROR(SetTargetStatus(d, *target, TargetStatus::kFailed));
      RETURN_IF_ERROR(SkipRemainingEvents(d, *target));
    }
  } else {
    RETURN_IF_ERROR(SetTargetStatus(d, *target, TargetStatus::kSucceeded));
  }
  return Advance(d, targets, ready);
}

Status Engine::Recover() {
  ASSIGN_OR_RETURN(
      std::vector<model::Deployment> active,
      store_->ListDeployments({.statuses = {DeploymentStatus::kInProgress}, .limit = 100000}));
  for (const model::Deployment& listed : active) {
    ReadySet ready;
    RETURN_IF_ERROR(store_->Transact([&]() -> Status {
      ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(listed.id));
      ASSIGN_OR_RETURN(std::vector<model::Target> targets, store_->GetTargets(d.id));
      return Advance(d, targets, &ready);
    }));
    NotifyReady(ready);
  }
  return Status::Ok();
}

}  // namespace berth::deploy
