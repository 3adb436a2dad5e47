#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/model/application.h"
#include "common/model/failure_budget.h"
#include "common/model/deployment_hooks.h"
#include "common/model/tags.h"

namespace berth::model {

// Events that start an automatic rollback (CodeDeploy's AutoRollbackEvent names).
inline constexpr char kRollbackOnFailure[] = "DEPLOYMENT_FAILURE";
inline constexpr char kRollbackOnAlarm[] = "DEPLOYMENT_STOP_ON_ALARM";
inline constexpr char kRollbackOnRequest[] = "DEPLOYMENT_STOP_ON_REQUEST";

// CodeDeploy's autoRollbackConfiguration. Rollback happens on an event only when enabled
// and the event is listed.
struct AutoRollbackConfig {
  bool enabled = false;
  std::vector<std::string> events;  // kRollbackOn* names

  bool RollsBackOn(const std::string& event) const;
};

// CodeDeploy's alarmConfiguration: the named alarms (controller alarms, set through the
// API or Alertmanager) this group watches.
struct AlarmConfig {
  bool enabled = false;
  bool ignore_poll_alarm_failure = false;
  std::vector<std::string> alarms;
};

// Trigger event names (CodeDeploy's TriggerEventType, without the "Deployment"/"Instance"
// prefix split): DeploymentStart, DeploymentSuccess, DeploymentFailure, DeploymentStop,
// DeploymentRollback, InstanceStart, InstanceSuccess, InstanceFailure, and DeploymentReady
// (waiting for approval between two waves).
const std::vector<std::string>& TriggerEventNames();
bool IsTriggerEventName(const std::string& name);

// One webhook: where to POST and on which events (all of them when `events` is empty).
struct TriggerConfig {
  std::string name;
  std::string url;  // http:// or https://
  std::vector<std::string> events;

  bool FiresOn(const std::string& event) const;
};

// What happens to an instance that registers, or gets tags, after the group's last
// deployment: "UPDATE" deploys the last successful revision to it (creator autoUpdate),
// "IGNORE" leaves it alone.
inline constexpr char kOutdatedUpdate[] = "UPDATE";
inline constexpr char kOutdatedIgnore[] = "IGNORE";

struct DeploymentGroup {
  std::string id;
  std::string application_id;
  std::string application_name;
  std::string name;
  std::string config_name;
  // Target selection: a tag set (AND of OR-lists). A plain filter list is a set of one.
  TagSet tag_set;
  std::string file_exists_behavior = "DISALLOW";
  AutoRollbackConfig auto_rollback;
  AlarmConfig alarms;
  std::vector<TriggerConfig> triggers;
  std::string outdated_instances_strategy = kOutdatedUpdate;
  std::string last_successful_deployment_id;
  TimeMs create_time = 0;

  // Rollout limits: the failure budget of its deployments (nullopt: the config's) and
  // the freeze windows during which no deployment starts (controller/freeze specs).
  std::optional<FailureBudget> max_failed_hosts;
  std::vector<std::string> freeze_windows;
  // Polled on each host after ValidateService (deployment_hooks.h); none by default.
  HealthCheck health_check;
};

}  // namespace berth::model
