// CreateDeploymentGroup, GetDeploymentGroup, BatchGetDeploymentGroups, ListDeploymentGroups,
// UpdateDeploymentGroup. On-premises selection only: Berth's agents carry their tags.
#include "controller/codedeploy/input.h"
#include "controller/codedeploy/operation.h"
#include "controller/codedeploy/shapes.h"
#include "controller/http/json_model.h"

namespace berth::codedeploy {
namespace {

constexpr size_t kBatchLimit = 100;

// The members of CodeDeploy's group input Berth has no counterpart for; nullopt when none
// is given. serviceRoleArn (required by the aws CLI) is accepted and not kept.
std::optional<Outcome> RefuseUnsupported(const Json& in) {
  const std::string ec2 =
      "Berth selects instances by their agents' tags: use "
      "onPremisesInstanceTagFilters or onPremisesTagSet";
  if (Given(in, "ec2TagFilters"))
    return Unsupported("InvalidEC2TagException", "ec2TagFilters", ec2);
  if (Given(in, "ec2TagSet")) return Unsupported("InvalidEC2TagException", "ec2TagSet", ec2);
  if (Given(in, "autoScalingGroups")) {
    return Unsupported("InvalidAutoScalingGroupException", "autoScalingGroups", ec2);
  }
  if (Given(in, "loadBalancerInfo")) {
    return Unsupported("InvalidLoadBalancerInfoException", "loadBalancerInfo",
                       "deployments are in place, without traffic control");
  }
  if (Given(in, "blueGreenDeploymentConfiguration")) {
    return Unsupported("InvalidBlueGreenDeploymentConfigurationException",
                       "blueGreenDeploymentConfiguration", "deployments are in place");
  }
  if (Given(in, "ecsServices")) {
    return Unsupported("InvalidECSServiceException", "ecsServices", "Berth deploys to servers");
  }
  if (in.contains("deploymentStyle") && in["deploymentStyle"].is_object()) {
    const Json& style = in["deploymentStyle"];
    if (Str(style, "deploymentType") == "BLUE_GREEN" ||
        Str(style, "deploymentOption") == "WITH_TRAFFIC_CONTROL") {
      return Unsupported("InvalidDeploymentStyleException", "deploymentStyle",
                         "deployments are IN_PLACE and WITHOUT_TRAFFIC_CONTROL");
    }
  }
  return std::nullopt;
}

// CodeDeploy names a trigger's target triggerTargetArn (an SNS topic); Berth's is a
// webhook URL, given in that member.
Json WithTriggerUrls(Json in) {
  auto it = in.find("triggerConfigurations");
  if (it == in.end() || !it->is_array()) return in;
  for (Json& t : *it) {
    if (t.is_object() && t.contains("triggerTargetArn")) {
      t["triggerTargetUrl"] = t["triggerTargetArn"];
      t.erase("triggerTargetArn");
    }
  }
  return in;
}

Outcome Info(Context& c, const model::DeploymentGroup& g) {
  if (g.last_successful_deployment_id.empty()) return DeploymentGroupInfo(g, nullptr);
  ASSIGN_OR_RETURN(api::DeploymentDetail last,
                   c.service->GetDeployment(g.last_successful_deployment_id));
  return DeploymentGroupInfo(g, &last.deployment);
}

Outcome Create(Context& c, const Json& in) {
  model::DeploymentGroup g;
  g.application_name = Str(in, "applicationName");
  g.name = Str(in, "deploymentGroupName");
  if (g.application_name.empty())
    return Required("ApplicationNameRequiredException", "applicationName");
  if (g.name.empty())
    return Required("DeploymentGroupNameRequiredException", "deploymentGroupName");
  if (std::optional<Outcome> refused = RefuseUnsupported(in)) return *refused;
  model::Tags tags;
  if (Given(in, "tags")) {
    Outcome read = ReadTagList(in["tags"], &tags);
    if (!read.ok()) return read;
  }
  g.file_exists_behavior.clear();  // the Service fills the default
  RETURN_IF_ERROR(http::GroupSettingsFromJson(WithTriggerUrls(in), &g));
  ASSIGN_OR_RETURN(model::DeploymentGroup created, c.service->CreateDeploymentGroup(g, tags));
  return Json{{"deploymentGroupId", created.id}};
}

Outcome Get(Context& c, const Json& in) {
  const std::string app = Str(in, "applicationName"), name = Str(in, "deploymentGroupName");
  if (app.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  if (name.empty()) return Required("DeploymentGroupNameRequiredException", "deploymentGroupName");
  ASSIGN_OR_RETURN(model::DeploymentGroup g, c.service->GetDeploymentGroup(app, name));
  Outcome info = Info(c, g);
  if (!info.ok()) return info;
  return Json{{"deploymentGroupInfo", info.body()}};
}

Outcome BatchGet(Context& c, const Json& in) {
  const std::string app = Str(in, "applicationName");
  if (app.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  const std::vector<std::string> names = Strs(in, "deploymentGroupNames");
  if (names.empty())
    return Required("DeploymentGroupNameRequiredException", "deploymentGroupNames");
  if (names.size() > kBatchLimit) {
    return Outcome::Exception("BatchLimitExceededException", "at most 100 deploymentGroupNames");
  }
  RETURN_IF_ERROR(c.service->GetApplication(app).status());
  Json infos = Json::array();
  std::string missing;
  for (const std::string& name : names) {
    Result<model::DeploymentGroup> g = c.service->GetDeploymentGroup(app, name);
    if (!g.ok() && g.status().code() == Code::kNotFound) {
      missing += (missing.empty() ? "" : ", ") + name;
      continue;
    }
    if (!g.ok()) return g.status();
    Outcome info = Info(c, *g);
    if (!info.ok()) return info;
    infos.push_back(info.body());
  }
  Json out = {{"deploymentGroupsInfo", infos}};
  if (!missing.empty()) out["errorMessage"] = "deployment groups not found: " + missing;
  return out;
}

Outcome List(Context& c, const Json& in) {
  const std::string app = Str(in, "applicationName");
  if (app.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  ASSIGN_OR_RETURN(std::vector<model::DeploymentGroup> groups,
                   c.service->ListDeploymentGroups(app));
  std::vector<std::string> names;
  for (const model::DeploymentGroup& g : groups) names.push_back(g.name);
  return NamesPage(names, in, c.page_size, "deploymentGroups", {{"applicationName", app}});
}

Outcome Update(Context& c, const Json& in) {
  const std::string app = Str(in, "applicationName");
  const std::string name = Str(in, "currentDeploymentGroupName");
  if (app.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  if (name.empty()) {
    return Required("DeploymentGroupNameRequiredException", "currentDeploymentGroupName");
  }
  if (std::optional<Outcome> refused = RefuseUnsupported(in)) return *refused;
  const std::string new_name = Str(in, "newDeploymentGroupName");
  const Json settings = WithTriggerUrls(in);
  ASSIGN_OR_RETURN(model::DeploymentGroup updated,
                   c.service->UpdateDeploymentGroup(app, name, [&](model::DeploymentGroup& g) {
                     if (!new_name.empty()) g.name = new_name;
                     return http::GroupSettingsFromJson(settings, &g);
                   }));
  (void)updated;
  return Json{{"hooksNotCleanedUp", Json::array()}};
}

// As on AWS, deleting a group that does not exist succeeds; its application must exist.
Outcome Delete(Context& c, const Json& in) {
  const std::string app = Str(in, "applicationName");
  const std::string name = Str(in, "deploymentGroupName");
  if (app.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  if (name.empty()) return Required("DeploymentGroupNameRequiredException", "deploymentGroupName");
  RETURN_IF_ERROR(c.service->GetApplication(app).status());
  Status s = c.service->DeleteDeploymentGroup(app, name);
  if (!s.ok() && !(s.code() == Code::kNotFound && s.reason() == Reason::kDeploymentGroup)) {
    return s;
  }
  return Json{{"hooksNotCleanedUp", Json::array()}};
}

}  // namespace

void AddDeploymentGroupOperations(std::vector<Operation>& ops) {
  const char* kOne = "/api/v1/applications/x/deployment-groups/y";
  const char* kAll = "/api/v1/applications/x/deployment-groups";
  ops.push_back({"CreateDeploymentGroup", "POST", kAll, Create, "InvalidInputException"});
  ops.push_back({"GetDeploymentGroup", "GET", kOne, Get, "InvalidDeploymentGroupNameException"});
  ops.push_back(
      {"BatchGetDeploymentGroups", "GET", kOne, BatchGet, "InvalidDeploymentGroupNameException"});
  ops.push_back({"ListDeploymentGroups", "GET", kAll, List, "InvalidApplicationNameException"});
  ops.push_back({"UpdateDeploymentGroup", "PATCH", kOne, Update, "InvalidInputException"});
  ops.push_back({"DeleteDeploymentGroup", "DELETE", kOne, Delete,
                 "InvalidDeploymentGroupNameException", "InvalidOperationException",
                 "InvalidApplicationNameException"});
}

}  // namespace berth::codedeploy
