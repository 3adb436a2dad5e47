#include "controller/deploy/configs.h"

#include "common/model/rollout_json.h"
#include "controller/deploy/planner.h"

namespace berth::deploy {

Result<model::DeploymentConfig> FindConfig(store::Store& store, const std::string& name) {
  if (auto builtin = model::FindBuiltinConfig(name)) return *builtin;
  return store.GetDeploymentConfig(name);
}

Result<model::DeploymentConfig> ConfigForHosts(store::Store& store,
                                               const model::DeploymentConfig& config, int hosts) {
  if (ComputePolicy(config, hosts).ok()) return config;
  return FindConfig(store, model::kDefaultConfigName);
}

Status ValidateCustomConfig(const model::DeploymentConfig& config) {
  if (config.name.empty() || config.name.size() > 100) {
    return InvalidArgument("deploymentConfigName must be 1 to 100 characters");
  }
  for (char c : config.name) {
    if (c == '/' || static_cast<unsigned char>(c) < 0x20) {
      return InvalidArgument("deploymentConfigName \"" + config.name +
                             "\" may not contain '/' or control characters");
    }
  }
  if (model::FindBuiltinConfig(config.name) || config.name.rfind("CodeDeployDefault.", 0) == 0) {
    return InvalidArgument("deploymentConfigName \"" + config.name +
                           "\" is reserved for the built-in configs");
  }
  if (config.value < 0) {
    return InvalidArgument("minimumHealthyHosts value must be >= 0, got " +
                           std::to_string(config.value));
  }
  if (config.type == model::MinHealthyType::kFleetPercent && config.value > 99) {
    return InvalidArgument("a FLEET_PERCENT minimumHealthyHosts value must be 0 to 99, got " +
                           std::to_string(config.value));
  }
  return model::ValidateRollout(config.rollout, "rollout");
  if (config.max_failed_hosts) return model::ValidateFailureBudget(*config.max_failed_hosts);
  return Status::Ok();
}

}  // namespace berth::deploy
