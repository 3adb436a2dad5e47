// The deployment engine: creates deployments, hands their lifecycle events to agents one
// command at a time, and moves deployments, targets and events through their statuses
// (DESIGN.md 2-4).
//
// The engine keeps no state of its own: every call reads the store and writes its changes
// in one store transaction, so a restarted controller carries on where it stopped.
// Thread-safe (the store serializes transactions).
//
// The state machine itself, top to bottom, is engine.cc; each of its side steps (stop,
// rollback, alarms, autoUpdate, silent agents, triggers) is one file named after it.
//
// Cost: the work of one lifecycle event (TakeCommand, AckCommand, CompleteCommand) reads
// and writes only its own command, target and event, plus the deployment row and its
// per-status target counts; it does not grow with the deployment's host count. Starting,
// stopping and finishing a deployment are one pass over its hosts.
//
// Naming: a public method opens its own transaction; its private variant that runs inside
// the caller's transaction has the same name with the suffix InTransaction.
//
// Notifications (a new command for an instance, a trigger message queued) are never made
// under a lock: they are registered with Store::OnCommit and run after the outermost
// commit, so nobody is told of a command that a crash could still roll back.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/model/alarm.h"
#include "common/model/command.h"
#include "common/model/deployment.h"
#include "common/model/instance.h"
#include "common/status.h"
#include "controller/deploy/planner.h"
#include "controller/freeze/time_zones.h"
#include "controller/metrics/recorder.h"
#include "controller/store/store.h"

namespace berth::deploy {

struct CreateDeploymentRequest {
  std::string application_name;
  std::string group_name;
  std::string revision_id;
  std::string config_name;  // empty: the group's
  std::string description;
  std::string file_exists_behavior;  // empty: the group's
  bool ignore_application_stop_failures = false;
  model::Creator creator = model::Creator::kUser;
  // When the group already has an active deployment: queue this one (status Queued; it
  // starts, with its targets chosen then, when the ones before it end) instead of
  // refusing it.
  bool queue = false;
  // This deployment's own automatic rollback settings; nullopt: the group's.
  std::optional<model::AutoRollbackConfig> auto_rollback;
  // Only hosts whose current revision in the group is not this one.
  bool update_outdated_only = false;

  // Set by the engine itself for the deployments it creates (rollback, autoUpdate):
  std::vector<std::string> target_instance_ids;   // explicit hosts; empty: the group's tags
  std::optional<model::DeploymentConfig> config;  // used instead of config_name
  // A rollback of this deployment: starts at once, ahead of queued deployments.
  std::string rollback_of;

  // Waves, bakes and approvals for this deployment instead of its config's.
  std::optional<model::Rollout> rollout;
  // Rollout limits (docs/api.md "Failure budget", "Freeze windows", "Retrying failed hosts"):
  // The failure budget; nullopt: the group's, else the config's, else none.
  std::optional<model::FailureBudget> max_failed_hosts;
  // Inside a freeze window of the group: create it anyway (an admin's decision, recorded on
  // the deployment with `override_by`, the API token id). Without it, a user deployment
  // is refused in a window, or queued until the window ends when `queue` is set.
  bool override_freeze = false;
  std::string override_by;
  // Set by the engine for a retry: the deployment whose failed hosts this one retries.
  std::string retry_of;
  // Host side (hook_options.h): variables, secret names, health check (none: the
  // group's), mode. A RESTART deployment names no revision_id.
  model::HookOptions hooks;
};

// `berth deployment retry ID`: a deployment of ID's revision to ID's failed and skipped
// hosts only.
struct RetryRequest {
  std::string deployment_id;
  bool queue = false;  // as CreateDeploymentRequest's
  bool override_freeze = false;
  std::string override_by;
};

// A command as handed to an agent, with the deployment it belongs to.
struct DispatchedCommand {
  model::Command command;
  model::Deployment deployment;
  // The deployment's variables, secret values included (hook_options.h CommandVariables).
  std::vector<model::Variable> variables;
};

// Whether an instance's agent counts as gone: not seen for more than `silence_ms` and
// not in `alive` (the instances with a poll parked now). The one rule behind AGENT_ISSUE
// and the API's "Unreachable".
bool AgentSilent(const model::Instance& instance, model::TimeMs now, int64_t silence_ms,
                 const std::set<std::string>& alive);

class Engine {
 public:
  Engine(store::Store* store, Clock* clock);

  // Called after the commit, holding no lock, with each instance that has a new command
  // waiting. Set before the engine is used.
  void SetCommandReadyCallback(std::function<void(const std::string& instance_id)> cb);
  // Called after each commit that queued trigger messages in the outbox, holding no lock
  // (the controller wakes its trigger deliverer with it). Set before the engine is used.
  void SetTriggerQueuedCallback(std::function<void()> cb);
  // Where deployments started and ended and lifecycle events ended are counted, after
  // the commit that records them (engine_metrics.cc); not owned. Default: nowhere. Set
  // before the engine is used.
  void SetMetrics(metrics::Recorder* metrics) { metrics_ = metrics; }
  // Where freeze windows read local times; not owned. Default: the system's tz database.
  // Set before the engine is used.
  void SetTimeZones(const freeze::TimeZones* zones) { zones_ = zones; }
  const freeze::TimeZones* time_zones() const { return zones_; }

  Result<model::Deployment> CreateDeployment(const CreateDeploymentRequest& request);

  // The instance's next command (re-delivering one it was given but never completed),
  // marked Dispatched, or nullopt when there is nothing to do.
  Result<std::optional<DispatchedCommand>> TakeCommand(const std::string& instance_id);
  // TakeCommand for several instances in one transaction; those with a command, by id.
  // An instance whose command cannot be read is logged and left out.
  Result<std::map<std::string, DispatchedCommand>> TakeCommands(
      const std::vector<std::string>& instance_ids);
  // Idempotent on command_id.
  Status AckCommand(const std::string& instance_id, const std::string& command_id);
  // Records the event's outcome and advances the deployment. Idempotent on command_id.
  Status CompleteCommand(const std::string& instance_id, const std::string& command_id,
                         bool succeeded, const model::Diagnostics& diagnostics);

  // Stops an active deployment (DESIGN.md 4.3): no new event is dispatched, events
  // already on an agent finish and are recorded, hosts not started are Skipped, hosts
  // part-way end Failed, and the deployment is Stopped with `error_code` (MANUAL_STOP,
  // ALARM_ACTIVE). It is then rolled back when `rollback` is set or its rollback settings
  // name the stop's event. FAILED_PRECONDITION when it has already ended.
  Status StopDeployment(const std::string& deployment_id, model::DeploymentErrorCode error_code,
                        const std::string& message, bool rollback = false);

  // Records alarm states, all in one transaction (INVALID_ARGUMENT, and nothing set, for
  // a state other than OK or ALARM). When one fires (ALARM), every in-progress deployment
  // (rollbacks excepted) whose group watches it stops with ALARM_ACTIVE, in the same
  // transaction.
  Status SetAlarms(const std::vector<model::Alarm>& alarms);

  // An instance registered or its tags changed: every group it now belongs to whose
  // outdatedInstancesStrategy is UPDATE and that has a last successful deployment not yet
  // on this host gets a deployment of that revision to it (creator autoUpdate; queued
  // when the group is busy). Returns the ids of the deployments created or extended.
  Result<std::vector<std::string>> UpdateNewInstance(const std::string& instance_id);

  // engine_agents.cc: fails (error code AGENT_ISSUE) every open command, itself open for
  // longer than `silence_ms`, of an instance that has not been seen for `silence_ms`,
  // unless `alive` holds it (an agent with a poll parked now), and advances the
  // deployments concerned. A command never taken, of a deployment that has ended, is
  // dropped instead. Returns the number of events failed.
  Result<int> FailSilentAgents(int64_t silence_ms, const std::set<std::string>& alive);

  // Re-evaluates every active deployment; called once at start-up.
  Status Recover();

  // engine_waves.cc. Carries on with the next wave of a deployment waiting in
  // Ready; FAILED_PRECONDITION naming its status (or its bake) when it is not waiting
  // for approval.
  Status ContinueDeployment(const std::string& deployment_id);
  // Ends every bake and approval wait whose stored deadline has passed: a bake passes
  // (or stops the deployment, with a rollback, while a watched alarm fires), an
  // approval times out into its rollout's action. Returns the number of waits ended.
  Result<int> FireDueWaits();
  // engine_retry.cc: creates a deployment of the ended deployment's revision to its
  // Failed and Skipped hosts only (creator user, its config when that allows this many
  // hosts, else OneAtATime), linked both ways (retry_of, retry_deployment_id).
  // FAILED_PRECONDITION naming why when the deployment has not ended, has no failed or
  // skipped host, or was already retried; the group's rules (one active deployment, a
  // firing alarm, a freeze window) apply as to any new deployment.
  Result<model::Deployment> RetryDeployment(const RetryRequest& request);

  // engine_freeze.cc: starts the oldest queued deployment of each group that runs none and
  // that no freeze window holds back any more. The controller calls it every second
  // (a PeriodicTask in controller.cc), so a deployment queued for a window starts when the window
  // ends, after a restart too.
  Status StartDueQueued();

 private:
  // engine.cc: the state machine. Each runs inside the caller's transaction.
  Status CreateDeploymentInTransaction(const CreateDeploymentRequest& request,
                                       model::Deployment* out);
  // Chooses the targets of a deployment that has none yet, marks it InProgress and
  // advances it (or fails it when no instance matches or the policy cannot be met).
  Status Start(model::Deployment& deployment);
  // Starts as many Pending hosts as the health policy allows now, or ends the deployment
  // when no host is in flight and none may start. Reads the target counts, not the targets.
  Status Advance(model::Deployment& deployment);
  Result<std::optional<DispatchedCommand>> TakeCommandInTransaction(const std::string& instance_id);
  // Records one event's outcome on its target and advances the deployment (the body of
  // CompleteCommand; the command is already marked Completed).
  Status RecordOutcome(const model::Command& command, bool succeeded,
                       const model::Diagnostics& diagnostics);
  // Ends the deployment (its Pending hosts Skipped) and starts the group's oldest queued
  // deployment, if any. A Failed or Stopped deployment is then rolled back as its
  // settings say (or always, with `force_rollback`).
  Status Finish(model::Deployment& deployment, model::DeploymentStatus status,
                model::DeploymentErrorCode error_code, const std::string& message,
                bool force_rollback = false);
  Status StartNextQueued(const std::string& group_id);
  // The hosts of `deployment` in dispatch order; FAILED_PRECONDITION saying why when none.
  Result<std::vector<model::Instance>> ChooseHosts(const model::Deployment& deployment,
                                                   const model::DeploymentGroup& group);
  // Writes a target's new status and queues its Instance* trigger.
  Status SetTargetStatus(const model::Deployment& deployment, model::Target& target,
                         model::TargetStatus status);
  // Queues event `seq` of `target` as a command, and wakes the agent after the commit.
  // Queues the command that runs `event` on the host.
  Status StartEvent(const model::Deployment& deployment, const std::string& instance_id,
                    const model::LifecycleEvent& event);
  // Event `seq` of the host's target; INTERNAL when there is none (a command or a
  // target that names an event its deployment does not have).
  Result<model::LifecycleEvent> GetEvent(const model::Deployment& deployment,
                                         const std::string& instance_id, int seq);
  Status SkipRemainingEvents(const model::Deployment& deployment, model::Target& target);

  // engine_stop.cc: StopDeployment's work on an active deployment.
  Status StopDeploymentInTransaction(model::Deployment& deployment,
                                     model::DeploymentErrorCode error_code,
                                     const std::string& message, bool rollback);

  // engine_rollback.cc: after `deployment` ended Failed or Stopped, creates and starts its
  // rollback when `event` (a kRollbackOn* name) calls for one, or `forced`; records in
  // its rollbackInfo what was done or why nothing was.
  Status MaybeRollBack(model::Deployment& deployment, const std::string& event, bool forced);

  // engine_auto_update.cc: UpdateNewInstance for one group; the id of the deployment
  // created or extended for `instance`, or "" when the group needs none.
  Result<std::string> UpdateNewInstanceInGroup(const model::Instance& instance,
                                               const model::DeploymentGroup& group);
  // engine_alarms.cc: SetAlarms' work for one alarm.
  Status SetAlarmInTransaction(const model::Alarm& alarm);
  // engine_alarms.cc: the first alarm `group` watches that is firing, or "".
  Result<std::string> FiringAlarm(const model::DeploymentGroup& group);

  // engine_waves.cc: fixes the waves of a deployment that is starting (reordering `hosts`
  // zone by zone with wave_by) and records the first wave's start.
  Status PlanWaves(model::Deployment& deployment, std::vector<model::Instance>& hosts);
  // The planner's step for `deployment`: NextStep, limited to the current wave when it
  // has waves, and nothing at all while it waits.
  Step NextStepFor(const model::Deployment& deployment, const HealthPolicy& policy,
                   const Progress& progress);
  // The current wave ended well: bake, then wait for approval, or start the next wave.
  Status EndWave(model::Deployment& deployment);
  Status AfterBake(model::Deployment& deployment);
  Status StartNextWave(model::Deployment& deployment, const std::string& event,
                       const std::string& detail);
  void RecordWave(model::Deployment& deployment, const std::string& event,
                  const std::string& detail);
  Status FireWait(const std::string& deployment_id, bool* fired);
  // engine_freeze.cc: the canonical spec of the group's freeze window that holds now, or
  // nullopt.
  Result<std::optional<std::string>> ActiveFreeze(const model::DeploymentGroup& group);
  // Whether a queued deployment must wait for the freeze window of its group to end
  // (a user deployment whose window was not overridden).
  Result<bool> HeldByFreeze(const model::Deployment& deployment,
                            const model::DeploymentGroup& group);

  // engine_triggers.cc: queues the webhook deliveries of `event` for the deployment's
  // group triggers (DESIGN.md 4.3); `target` for Instance* events.
  Status Emit(const model::Deployment& deployment, const std::string& event,
              const model::Target* target);

  // engine_metrics.cc: count, once the caller's transaction commits, a deployment that
  // started or ended, and a lifecycle event that ended.
  void CountStart(const model::Deployment& deployment);
  void CountFinish(const model::Deployment& deployment);
  void CountEvent(const model::LifecycleEvent& event, bool succeeded);

  store::Store* store_;
  Clock* clock_;
  metrics::Recorder* metrics_ = metrics::NullRecorder();
  const freeze::TimeZones* zones_ = freeze::RealTimeZones::Get();
  std::function<void(const std::string&)> on_command_ready_;
  std::function<void()> on_trigger_queued_;
};

}  // namespace berth::deploy
