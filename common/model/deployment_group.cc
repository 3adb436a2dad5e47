#include "common/model/deployment_group.h"

#include <algorithm>

namespace berth::model {

bool AutoRollbackConfig::RollsBackOn(const std::string& event) const {
  return enabled && std::find(events.begin(), events.end(), event) != events.end();
}

const std::vector<std::string>& TriggerEventNames() {
  static const std::vector<std::string> kNames = {
      "DeploymentStart", "DeploymentSuccess",  "DeploymentFailure",
      "DeploymentStop",  "DeploymentRollback", "InstanceStart",
      "InstanceSuccess", "InstanceFailure",    "DeploymentReady"};
  return kNames;
}

bool IsTriggerEventName(const std::string& name) {
  const auto& names = TriggerEventNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool TriggerConfig::FiresOn(const std::string& event) const {
  return events.empty() || std::find(events.begin(), events.end(), event) != events.end();
}

}  // namespace berth::model
