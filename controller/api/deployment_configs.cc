#include "controller/api/service.h"
#include "controller/deploy/configs.h"

namespace berth::api {

Result<model::DeploymentConfig> Service::CreateDeploymentConfig(
    const model::DeploymentConfig& request) {
  model::DeploymentConfig config = request;
  config.one_at_a_time = false;
  config.builtin = false;
  RETURN_IF_ERROR(deploy::ValidateCustomConfig(config));
  RETURN_IF_ERROR(store_->CreateDeploymentConfig(config, clock_->NowMs()));
  return config;
}

Result<model::DeploymentConfig> Service::GetDeploymentConfig(const std::string& name) {
  return deploy::FindConfig(*store_, name);
}

Result<std::vector<model::DeploymentConfig>> Service::ListDeploymentConfigs() {
  std::vector<model::DeploymentConfig> configs = model::BuiltinConfigs();
  ASSIGN_OR_RETURN(std::vector<model::DeploymentConfig> custom, store_->ListDeploymentConfigs());
  configs.insert(configs.end(), custom.begin(), custom.end());
  return configs;
}

Status Service::DeleteDeploymentConfig(const std::string& name) {
  if (auto builtin = model::FindBuiltinConfig(name)) {
    return FailedPrecondition("deployment config \"" + builtin->name +
                              "\" is built in and cannot be deleted");
  }
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(model::DeploymentConfig config, store_->GetDeploymentConfig(name));
    ASSIGN_OR_RETURN(std::vector<std::string> groups, store_->GroupsUsingConfig(config.name));
    if (!groups.empty()) {
      std::string list;
      for (const std::string& g : groups) list += (list.empty() ? "" : ", ") + g;
      return FailedPrecondition("deployment config \"" + name +
                                "\" is in use by deployment group(s) " + list);
    }
    return store_->DeleteDeploymentConfig(name);
  });
}

}  // namespace berth::api
