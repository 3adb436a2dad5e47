// Deployments, their targets (deployment x instance) and lifecycle events (DESIGN.md 2).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/model/application.h"
#include "common/model/deployment_config.h"
#include "common/model/deployment_group.h"
#include "common/model/failure_budget.h"
#include "common/model/deployment_hooks.h"
#include "common/model/revision.h"
#include "common/model/rollout.h"

namespace berth::model {

// kReady: between two waves, waiting for `deployment continue` (rollout.h).
enum class DeploymentStatus {
  kCreated,
  kQueued,
  kInProgress,
  kSucceeded,
  kFailed,
  kStopped,
  kReady,
};
enum class TargetStatus { kPending, kInProgress, kSucceeded, kFailed, kSkipped, kUnknown };
enum class EventStatus { kPending, kInProgress, kSucceeded, kFailed, kSkipped, kUnknown };

const char* DeploymentStatusName(DeploymentStatus s);  // "Created", "InProgress", ...
bool ParseDeploymentStatus(const std::string& name, DeploymentStatus* out);
bool IsTerminal(DeploymentStatus s);
const char* TargetStatusName(TargetStatus s);
bool ParseTargetStatus(const std::string& name, TargetStatus* out);
const char* EventStatusName(EventStatus s);
bool ParseEventStatus(const std::string& name, EventStatus* out);

// Who made a deployment: a user (or CI), the engine rolling back a failed one, or the
// engine updating a host that joined a group (outdated instances strategy UPDATE).
enum class Creator { kUser, kRollback, kAutoUpdate };
const char* CreatorName(Creator c);  // "user", "rollback", "autoUpdate" (CodeDeploy's)
bool ParseCreator(const std::string& name, Creator* out);

// Why a deployment ended other than Succeeded: the CodeDeploy ErrorInformation codes the
// engine sets. kNone: no error.
enum class DeploymentErrorCode {
  kNone,
  kHealthConstraints,         // too few healthy hosts left (minimum healthy hosts)
  kHealthConstraintsInvalid,  // the config cannot be met on this many hosts
  kNoInstances,               // no host to deploy to
  kAlarmActive,               // a watched alarm fired (or was firing at the start)
  kManualStop,                // stopped by request
  kTimeout,                   // nobody approved the next wave in time (rollout.h)
  kMaxFailedHosts,            // more hosts failed than the failure budget allows
};
const char* DeploymentErrorCodeName(DeploymentErrorCode c);  // "" for kNone
bool ParseDeploymentErrorCode(const std::string& name, DeploymentErrorCode* out);

// What the agent reports about one lifecycle event (APPSPEC.md diagnostic codes).
struct Diagnostics {
  std::string error_code;  // "Success", "ScriptFailed", "ScriptTimedOut", ...
  std::string script_name;
  std::string message;
  std::string log_tail;
};

struct LifecycleEvent {
  int seq = 0;  // position in the target's event list
  std::string name;
  EventStatus status = EventStatus::kPending;
  TimeMs start_time = 0;
  TimeMs end_time = 0;
  Diagnostics diagnostics;
};

struct Target {
  std::string deployment_id;
  std::string instance_id;
  std::string instance_name;
  TargetStatus status = TargetStatus::kPending;
  int position = 0;  // dispatch order
  std::vector<LifecycleEvent> events;
};

struct ErrorInformation {
  DeploymentErrorCode code = DeploymentErrorCode::kNone;
  std::string message;
};

// CodeDeploy's rollbackInfo. On a deployment that was rolled back: rollback_deployment_id
// (or, when none was made, rollback_message says why). On the rollback deployment:
// rollback_triggering_deployment_id.
struct RollbackInfo {
  std::string rollback_deployment_id;
  std::string rollback_triggering_deployment_id;
  std::string rollback_message;
};

// How a freeze window of the group (controller/freeze) bore on a deployment: it was
// queued until the window named ended, or an admin overrode the window named.
struct FreezeRecord {
  std::string queued_for_window;
  std::string overridden_window;
  std::string overridden_by;  // the API token id of the admin who overrode it
  TimeMs override_time = 0;
};

struct Deployment {
  std::string id;  // "d-" + 9 upper-case alphanumerics
  std::string application_id;
  std::string application_name;
  std::string group_id;
  std::string group_name;
  std::string revision_id;
  RevisionLocation revision;
  DeploymentConfig config;
  DeploymentStatus status = DeploymentStatus::kCreated;
  Creator creator = Creator::kUser;
  std::string description;
  std::string file_exists_behavior = "DISALLOW";
  bool ignore_application_stop_failures = false;
  ErrorInformation error;
  // This deployment's own rollback settings; nullopt: the group's.
  std::optional<AutoRollbackConfig> auto_rollback_override;
  RollbackInfo rollback_info;
  // Explicit hosts (instance ids) for a rollback or autoUpdate deployment; empty: the
  // instances matching the group's tags when the deployment starts.
  std::vector<std::string> target_instance_ids;
  // Only hosts whose last successful revision in this group is not this one.
  bool update_outdated_only = false;
  TimeMs create_time = 0;
  TimeMs start_time = 0;
  TimeMs complete_time = 0;

  // Waves (rollout.h): where the deployment is in config.rollout's waves.
  WaveProgress waves;
  // Rollout limits (failure budget, retry, freeze windows):
  // The failure budget in force: the request's, else the group's, else the config's.
  std::optional<FailureBudget> max_failed_hosts;
  std::string retry_of;             // this deployment retries the failed hosts of that one
  std::string retry_deployment_id;  // the deployment that retried this one's failed hosts
  FreezeRecord freeze;
  // Host side (deployment_hooks.h): variables, secret names, health check, mode.
  HookOptions hooks;
};

// Per-status target counts (CodeDeploy's deploymentOverview).
struct DeploymentOverview {
  int pending = 0;
  int in_progress = 0;
  int succeeded = 0;
  int failed = 0;
  int skipped = 0;
  int unknown = 0;
};

DeploymentOverview Overview(const std::vector<Target>& targets);

}  // namespace berth::model
