// CreateDeploymentConfig, GetDeploymentConfig, ListDeploymentConfigs, DeleteDeploymentConfig.
#include "common/model/deployment_config.h"
#include "controller/codedeploy/input.h"
#include "controller/codedeploy/operation.h"
#include "controller/codedeploy/shapes.h"
#include "controller/codedeploy/zonal_config.h"

namespace berth::codedeploy {
namespace {

Outcome Create(Context& c, const Json& in) {
  model::DeploymentConfig config;
  config.name = Str(in, "deploymentConfigName");
  if (config.name.empty()) {
    return Required("DeploymentConfigNameRequiredException", "deploymentConfigName");
  }
  const std::string platform = Str(in, "computePlatform");
  if (!platform.empty() && platform != "Server") {
    return Unsupported("InvalidComputePlatformException", "computePlatform",
                       "\"" + platform + "\"; Berth deploys to servers (\"Server\")");
  }
  if (Given(in, "trafficRoutingConfig")) {
    return Unsupported("InvalidTrafficRoutingConfigurationException", "trafficRoutingConfig",
                       "deployments are in place, without traffic control");
  }
  if (Given(in, "zonalConfig")) {
    Result<model::Rollout> rollout = RolloutFromZonalConfig(in["zonalConfig"]);
    if (!rollout.ok()) {
      return Outcome::Exception("InvalidZonalDeploymentConfigurationException",
                                rollout.status().message());
    }
    config.rollout = *rollout;
  }
  const Json hosts = in.value("minimumHealthyHosts", Json::object());
  const std::string type = Str(hosts, "type");
  if (!hosts.is_object() || !model::ParseMinHealthyType(type, &config.type) ||
      !hosts.contains("value") || !hosts["value"].is_number_integer()) {
    return Outcome::Exception("InvalidMinimumHealthyHostValueException",
                              "minimumHealthyHosts needs a type (HOST_COUNT or FLEET_PERCENT) and "
                              "an integer value");
  }
  config.value = hosts["value"].get<int>();
  ASSIGN_OR_RETURN(model::DeploymentConfig created, c.service->CreateDeploymentConfig(config));
  (void)created;
  return Json::object();
}

Outcome Get(Context& c, const Json& in) {
  const std::string name = Str(in, "deploymentConfigName");
  if (name.empty())
    return Required("DeploymentConfigNameRequiredException", "deploymentConfigName");
  ASSIGN_OR_RETURN(model::DeploymentConfig config, c.service->GetDeploymentConfig(name));
  return Json{{"deploymentConfigInfo", DeploymentConfigInfo(config)}};
}

Outcome List(Context& c, const Json& in) {
  ASSIGN_OR_RETURN(std::vector<model::DeploymentConfig> configs,
                   c.service->ListDeploymentConfigs());
  std::vector<std::string> names;
  for (const model::DeploymentConfig& config : configs) names.push_back(config.name);
  return NamesPage(names, in, c.page_size, "deploymentConfigsList");
}

Outcome Delete(Context& c, const Json& in) {
  const std::string name = Str(in, "deploymentConfigName");
  if (name.empty())
    return Required("DeploymentConfigNameRequiredException", "deploymentConfigName");
  if (model::FindBuiltinConfig(name) || name.rfind("CodeDeployDefault.", 0) == 0) {
    return Outcome::Exception(
        "InvalidOperationException",
        "deployment config \"" + name + "\" is built in and cannot be deleted");
  }
  RETURN_IF_ERROR(c.service->DeleteDeploymentConfig(name));
  return Json::object();
}

}  // namespace

void AddDeploymentConfigOperations(std::vector<Operation>& ops) {
  const char* kInvalid = "InvalidDeploymentConfigNameException";
  ops.push_back({"CreateDeploymentConfig", "POST", "/api/v1/deployment-configs", Create,
                 "InvalidMinimumHealthyHostValueException"});
  ops.push_back({"GetDeploymentConfig", "GET", "/api/v1/deployment-configs/x", Get, kInvalid});
  ops.push_back({"ListDeploymentConfigs", "GET", "/api/v1/deployment-configs", List,
                 "InvalidNextTokenException"});
  // A config a group uses is FAILED_PRECONDITION.
  ops.push_back({"DeleteDeploymentConfig", "DELETE", "/api/v1/deployment-configs/x", Delete,
                 kInvalid, "DeploymentConfigInUseException"});
}

}  // namespace berth::codedeploy
