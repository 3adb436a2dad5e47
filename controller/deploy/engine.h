// The deployment engine: creates deployments, hands their lifecycle events to agents one
// command at a time, and moves deployments, targets and events through their statuses
// (DESIGN.md 2-4).
//
// The engine keeps no state of its own: every call reads the store and writes its changes
// in one store transaction, so a restarted controller carries on where it stopped.
// Thread-safe (the store serializes transactions).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/model/command.h"
#include "common/model/deployment.h"
#include "common/status.h"
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
  std::string creator = "user";
  // When the group already has an active deployment: queue this one (status Queued; it
  // starts, with its targets chosen then, when the ones before it end) instead of
  // refusing it.
  bool queue = false;
};

// A command as handed to an agent, with the deployment it belongs to.
struct DispatchedCommand {
  model::Command command;
  model::Deployment deployment;
};

class Engine {
 public:
  Engine(store::Store* store, Clock* clock);

  // Called, outside any transaction, with each instance that has a new command waiting.
  void SetCommandReadyCallback(std::function<void(const std::string& instance_id)> cb);

  Result<model::Deployment> CreateDeployment(const CreateDeploymentRequest& request);

  // The instance's next command (re-delivering one it was given but never completed),
  // marked Dispatched, or nullopt when there is nothing to do.
  Result<std::optional<DispatchedCommand>> TakeCommand(const std::string& instance_id);
  // Idempotent on command_id.
  Status AckCommand(const std::string& instance_id, const std::string& command_id);
  // Records the event's outcome and advances the deployment. Idempotent on command_id.
  Status CompleteCommand(const std::string& instance_id, const std::string& command_id,
                         bool succeeded, const model::Diagnostics& diagnostics);

  // Stops an active deployment (DESIGN.md 4.3): no new event is dispatched, events
  // already on an agent finish and are recorded, hosts not started are Skipped, hosts
  // part-way end Failed, and the deployment is Stopped with `error_code` (MANUAL_STOP,
  // ALARM_ACTIVE). FAILED_PRECONDITION when it has already ended.
  Status StopDeployment(const std::string& deployment_id, const std::string& error_code,
                        const std::string& message);

  // Re-evaluates every active deployment; called once at start-up.
  Status Recover();

 private:
  using ReadySet = std::set<std::string>;

  Status Advance(model::Deployment& deployment, std::vector<model::Target>& targets,
                 ReadySet* ready);
  Status StartEvent(const model::Deployment& deployment, const model::Target& target, int seq,
                    ReadySet* ready);
  Status SkipRemainingEvents(const model::Deployment& deployment, model::Target& target);
  // Ends the deployment and starts the group's oldest queued deployment, if any.
  Status Finish(model::Deployment& deployment, std::vector<model::Target>& targets,
                model::DeploymentStatus status, const std::string& error_code,
                const std::string& message, ReadySet* ready);
  // Chooses the targets of a deployment that has none yet, marks it InProgress and
  // advances it (or fails it when no instance matches or the policy cannot be met).
  Status Start(model::Deployment& deployment, ReadySet* ready);
  Status StartNextQueued(const std::string& group_id, ReadySet* ready);
  void NotifyReady(const ReadySet& ready);

  store::Store* store_;
  Clock* clock_;
  std::function<void(const std::string&)> on_command_ready_;
};

}  // namespace berth::deploy
