// The deployment state machine (DESIGN.md 4), top to bottom:
//
//   CreateDeployment ──> Created ──Start──> InProgress ──Advance──> Succeeded | Failed
//        │ (group busy)                      │    ▲                       │
//        └──> Queued ──(group free)──────────┘    │ RecordOutcome         │ Finish
//                                                 │ (CompleteCommand,     ├─> StartNextQueued
//   StopDeployment (engine_stop.cc) ──> Stopped   │  FailSilentAgents)    └─> MaybeRollBack
//   SetAlarms (engine_alarms.cc) ─────> Stopped   │                          (engine_rollback.cc)
//                                                 │
//   waves (engine_waves.cc): Advance ─(wave done)─> EndWave ─> bake (InProgress, a stored
//     deadline) ─FireDueWaits─> AfterBake ─> Ready ─ContinueDeployment─> next wave
//                                                 │
//   per host: Pending ─StartEvent─> InProgress ─(each event: TakeCommand, AckCommand,
//             CompleteCommand)─> Succeeded | Failed; Skipped when the deployment ends first.
//
// UpdateNewInstance (engine_auto_update.cc) creates deployments through
// CreateDeploymentInTransaction; Emit (engine_triggers.cc) queues the trigger messages of
// each transition in the same transaction. Advance reads only the per-status target
// counts, so a lifecycle event costs the same on a fleet of ten hosts or ten thousand.
#include "controller/deploy/engine.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "common/logging.h"
#include "common/model/lifecycle.h"
#include "common/random.h"
#include "controller/deploy/configs.h"
#include "controller/deploy/hook_options.h"
#include "controller/deploy/max_failed_hosts.h"
#include "controller/deploy/planner.h"
#include "controller/deploy/targets.h"

namespace berth::deploy {

using model::DeploymentStatus;
using model::EventStatus;
using model::TargetStatus;
using ErrorCode = model::DeploymentErrorCode;

Engine::Engine(store::Store* store, Clock* clock) : store_(store), clock_(clock) {}

void Engine::SetCommandReadyCallback(std::function<void(const std::string&)> cb) {
  on_command_ready_ = std::move(cb);
}

void Engine::SetTriggerQueuedCallback(std::function<void()> cb) {
  on_trigger_queued_ = std::move(cb);
}

Result<model::Deployment> Engine::CreateDeployment(const CreateDeploymentRequest& req) {
  model::Deployment d;
  Status s = store_->Transact([&]() -> Status { return CreateDeploymentInTransaction(req, &d); });
  if (!s.ok()) return s;
  return d;
}

Status Engine::CreateDeploymentInTransaction(const CreateDeploymentRequest& req,
                                             model::Deployment* out) {
  ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(req.application_name));
  ASSIGN_OR_RETURN(model::DeploymentGroup group,
                   store_->GetDeploymentGroup(app.id, req.group_name));
  ASSIGN_OR_RETURN(std::string revision_id,
                   RevisionToDeploy(*store_, req.hooks, req.revision_id, group));
  ASSIGN_OR_RETURN(model::Revision revision, store_->GetRevision(revision_id));
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
  if (req.rollout) config.rollout = *req.rollout;
  // The engine's own deployments (rollback, autoUpdate) put things right in one go.
  if (req.creator != model::Creator::kUser) config.rollout = model::Rollout();

  ASSIGN_OR_RETURN(std::vector<model::Deployment> active,
                   store_->ListDeployments(
                       {.group_id = group.id,
                        .statuses = {DeploymentStatus::kCreated, DeploymentStatus::kQueued,
                                     DeploymentStatus::kInProgress, DeploymentStatus::kReady}}));
  if (!req.rollback_of.empty()) active.clear();  // a rollback goes first
  if (!active.empty() && !req.queue) {
    return FailedPrecondition("deployment group \"" + group.name +
                              "\" already has an active deployment " + active.front().id + " (" +
                              model::DeploymentStatusName(active.front().status) + ")")
        .WithReason(Reason::kDeployment);
  }
  model::Deployment& d = *out;
  const model::TimeMs now = clock_->NowMs();
  std::optional<std::string> frozen;
  if (req.creator == model::Creator::kUser) {
    ASSIGN_OR_RETURN(frozen, ActiveFreeze(group));
  }
  if (frozen && req.override_freeze) {
    d.freeze = {
        .overridden_window = *frozen, .overridden_by = req.override_by, .override_time = now};
  } else if (frozen && req.queue) {
    d.freeze.queued_for_window = *frozen;
  } else if (frozen) {
    return FailedPrecondition("deployment group \"" + group.name + "\" is in freeze window \"" +
                              *frozen +
                              "\"; queue the deployment to start when the window ends, or an "
                              "admin may override the freeze");
  }
  d.id = "d-" + RandomAlnumUpper(9);
  d.application_id = app.id;
  d.application_name = app.name;
  d.group_id = group.id;
  d.group_name = group.name;
  d.revision_id = revision.id;
  d.revision = revision.location;
  d.config = config;
  d.status = active.empty() && d.freeze.queued_for_window.empty() ? DeploymentStatus::kCreated
                                                                  : DeploymentStatus::kQueued;
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
  d.max_failed_hosts = req.max_failed_hosts     ? req.max_failed_hosts
                       : group.max_failed_hosts ? group.max_failed_hosts
                                                : config.max_failed_hosts;
  d.retry_of = req.retry_of;
  d.hooks = WithGroupDefaults(req.hooks, group);
  if (d.status == DeploymentStatus::kQueued) {
    // Targets are chosen when it starts (DESIGN.md 4.2).
    return store_->CreateDeployment(d, {});
  }
  RETURN_IF_ERROR(store_->CreateDeployment(d, {}));
  RETURN_IF_ERROR(Start(d));
  // A deployment that could not even start (no host to deploy to, a watched alarm
  // firing) is refused instead: the caller's transaction then writes nothing of it.
  if ((d.status == DeploymentStatus::kFailed && d.error.code == ErrorCode::kNoInstances) ||
      (d.status == DeploymentStatus::kStopped && d.error.code == ErrorCode::kAlarmActive)) {
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

Status Engine::StartEvent(const model::Deployment& d, const std::string& instance_id,
                          const model::LifecycleEvent& event) {
  model::Command c;
  // Time-ordered: the commands' primary-key index takes each new one at its hot end.
  c.id = "c-" + TimeOrderedHex(clock_->NowMs(), 6);
  c.deployment_id = d.id;
  c.instance_id = instance_id;
  c.event_seq = event.seq;
  c.event_name = event.name;
  c.status = model::CommandStatus::kPending;
  c.create_time = clock_->NowMs();
  RETURN_IF_ERROR(store_->CreateCommand(c));
  if (on_command_ready_) {
    store_->OnCommit([this, id = instance_id] { on_command_ready_(id); }, nullptr);
  }
  return Status::Ok();
}

Result<model::LifecycleEvent> Engine::GetEvent(const model::Deployment& d,
                                               const std::string& instance_id, int seq) {
  ASSIGN_OR_RETURN(std::optional<model::LifecycleEvent> event,
                   store_->FindEvent(d.id, instance_id, seq));
  if (!event) {
    return Internal("deployment " + d.id + " has no event " + std::to_string(seq) +
                    " for instance " + instance_id);
  }
  return *std::move(event);
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

Status Engine::Finish(model::Deployment& d, DeploymentStatus status, ErrorCode error_code,
                      const std::string& message, bool force_rollback) {
  RETURN_IF_ERROR(store_->SkipPendingTargets(d.id));
  d.status = status;
  d.error = {error_code, message};
  d.complete_time = clock_->NowMs();
  RETURN_IF_ERROR(store_->UpdateDeployment(d));
  CountFinish(d);
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
      RETURN_IF_ERROR(MaybeRollBack(d, model::kRollbackOnFailure, false));
      break;
    case DeploymentStatus::kStopped:
      RETURN_IF_ERROR(Emit(d, "DeploymentStop", nullptr));
      RETURN_IF_ERROR(MaybeRollBack(d,
                                    error_code == ErrorCode::kAlarmActive
                                        ? model::kRollbackOnAlarm
                                        : model::kRollbackOnRequest,
                                    force_rollback));
      break;
    default:
      break;
  }
  if (!d.rollback_info.rollback_deployment_id.empty()) {
    return Status::Ok();  // the rollback runs first; it starts the queue when it ends
  }
  return StartNextQueued(d.group_id);
}

Status Engine::StartNextQueued(const std::string& group_id) {
  ASSIGN_OR_RETURN(std::vector<model::Deployment> running,
                   store_->ListDeployments(
                       {.group_id = group_id,
                        .statuses = {DeploymentStatus::kCreated, DeploymentStatus::kInProgress,
                                     DeploymentStatus::kReady}}));
  if (!running.empty()) return Status::Ok();  // e.g. a queued one was stopped
  ASSIGN_OR_RETURN(
      std::vector<model::Deployment> queued,
      store_->ListDeployments(
          {.group_id = group_id, .statuses = {DeploymentStatus::kQueued}, .limit = 100000}));
  if (queued.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(model::Deployment next, store_->GetDeployment(queued.back().id));
  ASSIGN_OR_RETURN(model::DeploymentGroup group, store_->GetDeploymentGroupById(group_id));
  ASSIGN_OR_RETURN(bool held, HeldByFreeze(next, group));
  if (held) return Status::Ok();  // StartDueQueued starts it once the window has ended
  return Start(next);
}

Status Engine::Start(model::Deployment& d) {
  ASSIGN_OR_RETURN(model::DeploymentGroup group, store_->GetDeploymentGroupById(d.group_id));
  d.status = DeploymentStatus::kInProgress;
  d.start_time = clock_->NowMs();
  RETURN_IF_ERROR(store_->UpdateDeployment(d));
  CountStart(d);
  RETURN_IF_ERROR(Emit(d, "DeploymentStart", nullptr));
  std::string firing;
  if (d.creator != model::Creator::kRollback) {
    ASSIGN_OR_RETURN(firing, FiringAlarm(group));
  }
  if (!firing.empty()) {
    return Finish(d, DeploymentStatus::kStopped, ErrorCode::kAlarmActive,
                  "alarm \"" + firing + "\" that deployment group \"" + group.name +
                      "\" watches is firing (ALARM); no deployment starts until it is OK");
  }
  Result<std::vector<model::Instance>> hosts = ChooseHosts(d, group);
  if (!hosts.ok()) {
    return Finish(d, DeploymentStatus::kFailed, ErrorCode::kNoInstances, hosts.status().message());
  }
  RETURN_IF_ERROR(PlanWaves(d, *hosts));
  std::vector<model::Target> targets = MakeTargets(d.id, *hosts, model::EventsFor(d.hooks));
  RETURN_IF_ERROR(store_->AddTargets(targets));
  auto policy = ComputePolicy(d.config, static_cast<int>(targets.size()));
  if (!policy.ok()) {
    return Finish(d, DeploymentStatus::kFailed, ErrorCode::kHealthConstraintsInvalid,
                  policy.status().message());
  }
  return Advance(d);
}

Status Engine::Advance(model::Deployment& d) {
  if (model::IsTerminal(d.status)) return Status::Ok();
  ASSIGN_OR_RETURN(model::DeploymentOverview counts, store_->CountTargets(d.id));
  Progress progress;
  progress.pending = counts.pending;
  progress.in_progress = counts.in_progress;
  progress.succeeded = counts.succeeded;
  progress.failed = counts.failed + counts.skipped + counts.unknown;
  const int total = progress.pending + progress.in_progress + progress.succeeded + progress.failed;
  auto policy = ComputePolicy(d.config, total);
  if (!policy.ok()) return policy.status();

  Step step =
      ApplyFailureBudget(d.max_failed_hosts, total, progress, NextStepFor(d, *policy, progress));
  if (step.start_now > 0) {
    ASSIGN_OR_RETURN(std::vector<model::Target> next,
                     store_->ListTargets({.deployment_id = d.id,
                                          .statuses = {TargetStatus::kPending},
                                          .limit = step.start_now,
                                          .with_events = false}));
    for (model::Target& t : next) {
      RETURN_IF_ERROR(SetTargetStatus(d, t, TargetStatus::kInProgress));
      ASSIGN_OR_RETURN(model::LifecycleEvent first, GetEvent(d, t.instance_id, 0));
      RETURN_IF_ERROR(StartEvent(d, t.instance_id, first));
    }
  }
  switch (step.verdict) {
    case Verdict::kContinue:
      return Status::Ok();
    case Verdict::kSucceeded:
      return Finish(d, DeploymentStatus::kSucceeded, ErrorCode::kNone, "");
    case Verdict::kFailed:
      return Finish(d, DeploymentStatus::kFailed, step.error_code, step.message);
    case Verdict::kWaveDone:
      return EndWave(d);
  }
  return Status::Ok();
}

Result<std::optional<DispatchedCommand>> Engine::TakeCommand(const std::string& instance_id) {
  std::optional<DispatchedCommand> out;
  Status s = store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(out, TakeCommandInTransaction(instance_id));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::map<std::string, DispatchedCommand>> Engine::TakeCommands(
    const std::vector<std::string>& instance_ids) {
  std::map<std::string, DispatchedCommand> out;
  Status s = store_->Transact([&]() -> Status {
    out.clear();
    for (const std::string& id : instance_ids) {
      std::optional<DispatchedCommand> taken;
      // In a savepoint: one instance's failure leaves the others' commands taken.
      Status one = store_->Transact([&]() -> Status {
        ASSIGN_OR_RETURN(taken, TakeCommandInTransaction(id));
        return Status::Ok();
      });
      if (!one.ok()) {
        LogError({.instance_id = id}, "cannot hand a command to the instance: {}", one.ToString());
        continue;
      }
      if (taken) out.emplace(id, *std::move(taken));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::optional<DispatchedCommand>> Engine::TakeCommandInTransaction(
    const std::string& instance_id) {
  while (true) {
    ASSIGN_OR_RETURN(std::optional<model::Command> next, store_->NextOpenCommand(instance_id));
    if (!next) return std::optional<DispatchedCommand>();
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
      ASSIGN_OR_RETURN(model::LifecycleEvent e, GetEvent(d, instance_id, c.event_seq));
      e.status = EventStatus::kInProgress;
      e.start_time = now;
      RETURN_IF_ERROR(store_->UpdateEvent(d.id, instance_id, e));
    }
    ASSIGN_OR_RETURN(std::vector<model::Variable> variables, CommandVariables(*store_, d));
    return std::optional<DispatchedCommand>(DispatchedCommand{c, d, std::move(variables)});
  }
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
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::Command c, store_->GetCommand(command_id));
    if (c.instance_id != instance_id) return NotFound("command " + command_id + " does not exist");
    if (c.status == model::CommandStatus::kCompleted) return Status::Ok();
    c.status = model::CommandStatus::kCompleted;
    c.complete_time = clock_->NowMs();
    RETURN_IF_ERROR(store_->UpdateCommand(c));
    return RecordOutcome(c, succeeded, diagnostics);
  });
}

Status Engine::RecordOutcome(const model::Command& c, bool succeeded,
                             const model::Diagnostics& diagnostics) {
  const model::TimeMs now = clock_->NowMs();
  ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(c.deployment_id));
  // Only this event and the next are read: the cost of an outcome does not depend on the
  // number of events or hosts.
  ASSIGN_OR_RETURN(model::LifecycleEvent e, GetEvent(d, c.instance_id, c.event_seq));
  e.status = succeeded ? EventStatus::kSucceeded : EventStatus::kFailed;
  if (e.start_time == 0) e.start_time = now;
  e.end_time = now;
  e.diagnostics = diagnostics;
  RETURN_IF_ERROR(store_->UpdateEvent(d.id, c.instance_id, e));
  CountEvent(e, succeeded);

  std::optional<model::LifecycleEvent> next;
  if (succeeded) {
    ASSIGN_OR_RETURN(next, store_->FindEvent(d.id, c.instance_id, c.event_seq + 1));
    if (next && !model::IsTerminal(d.status)) {
      RETURN_IF_ERROR(StartEvent(d, c.instance_id, *next));
      return Status::Ok();  // the host is still in flight: the counts did not change
    }
  }
  ASSIGN_OR_RETURN(model::Target target, store_->GetTarget(d.id, c.instance_id));
  if (succeeded && !next) {
    RETURN_IF_ERROR(SetTargetStatus(d, target, TargetStatus::kSucceeded));
  } else {
    // It failed, or the deployment was stopped while it ran (the host is left part-way).
    RETURN_IF_ERROR(SetTargetStatus(d, target, TargetStatus::kFailed));
    RETURN_IF_ERROR(SkipRemainingEvents(d, target));
  }
  return Advance(d);
}

Status Engine::Recover() {
  ASSIGN_OR_RETURN(
      std::vector<model::Deployment> active,
      store_->ListDeployments(
          {.statuses = {DeploymentStatus::kInProgress, DeploymentStatus::kReady}, .limit = 0}));
  for (const model::Deployment& listed : active) {
    RETURN_IF_ERROR(store_->Transact([&]() -> Status {
      ASSIGN_OR_RETURN(model::Deployment d, store_->GetDeployment(listed.id));
      return Advance(d);
    }));
  }
  return Status::Ok();
}

}  // namespace berth::deploy
