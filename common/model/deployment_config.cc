#include "common/model/deployment_config.h"

namespace berth::model {

const char* MinHealthyTypeName(MinHealthyType type) {
  return type == MinHealthyType::kHostCount ? "HOST_COUNT" : "FLEET_PERCENT";
}

bool ParseMinHealthyType(const std::string& name, MinHealthyType* out) {
  if (name == "HOST_COUNT") {
    *out = MinHealthyType::kHostCount;
  } else if (name == "FLEET_PERCENT") {
    *out = MinHealthyType::kFleetPercent;
  } else {
    return false;
  }
  return true;
}

const std::vector<DeploymentConfig>& BuiltinConfigs() {
  static const std::vector<DeploymentConfig> configs = {
      {"CodeDeployDefault.AllAtOnce", MinHealthyType::kHostCount, 0, false, true},
      {"CodeDeployDefault.HalfAtATime", MinHealthyType::kFleetPercent, 50, false, true},
      {"CodeDeployDefault.OneAtATime", MinHealthyType::kHostCount, 1, true, true},
  };
  return configs;
}

std::optional<DeploymentConfig> FindBuiltinConfig(const std::string& name) {
  for (const DeploymentConfig& c : BuiltinConfigs()) {
    if (c.name == name || c.name == "CodeDeployDefault." + name) return c;
  }
  return std::nullopt;
}

}  // namespace berth::model
