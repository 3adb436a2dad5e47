// A deployment's hosts: ListDeploymentTargets, BatchGetDeploymentTargets (CodeDeploy's
// target world) and ListDeploymentInstances, GetDeploymentInstance,
// BatchGetDeploymentInstances (its older instance world). Both name a host by its
// instance name.
#include <map>

#include "controller/codedeploy/input.h"
#include "controller/codedeploy/operation.h"
#include "controller/codedeploy/shapes.h"

namespace berth::codedeploy {
namespace {

constexpr size_t kBatchLimit = 100;

// One page of the deployment's host names with at most one status filter (Berth's paging);
// with several statuses, every target is read and filtered here.
Outcome TargetNamesPage(Context& c, const std::string& id, const std::vector<std::string>& statuses,
                        const std::string& token, const char* list_member) {
  for (const std::string& s : statuses) {
    model::TargetStatus parsed;
    if (!model::ParseTargetStatus(s, &parsed)) {
      return Outcome::Exception("InvalidInstanceStatusException",
                                "\"" + s + "\" is not an instance status");
    }
  }
  if (statuses.size() <= 1) {
    Result<api::TargetPage> page =
        c.service->ListTargets(id, statuses.empty() ? "" : statuses[0], token, c.page_size);
    if (!page.ok() && page.status().code() == Code::kInvalidArgument) return BadNextToken(token);
    if (!page.ok()) return page.status();
    Json names = Json::array();
    for (const model::Target& t : page->targets) names.push_back(t.instance_name);
    Json out = {{list_member, names}};
    if (!page->next_token.empty()) out["nextToken"] = page->next_token;
    return out;
  }
  std::vector<std::string> names;
  for (const std::string& s : statuses) {
    std::string next;
    do {
      ASSIGN_OR_RETURN(api::TargetPage page, c.service->ListTargets(id, s, next, 1000));
      for (const model::Target& t : page.targets) names.push_back(t.instance_name);
      next = page.next_token;
    } while (!next.empty());
  }
  return codedeploy::NamesPage(names, {{"nextToken", token}}, c.page_size, list_member);
}

// The deployment's targets named in `names`, in that order; missing ones are skipped and
// counted in `*missing`.
Result<std::vector<model::Target>> TargetsNamed(Context& c, const std::string& id,
                                                const std::vector<std::string>& names,
                                                std::vector<std::string>* missing) {
  std::map<std::string, model::Target> by_name;
  std::string next;
  do {
    ASSIGN_OR_RETURN(api::TargetPage page, c.service->ListTargets(id, "", next, 1000));
    for (model::Target& t : page.targets) by_name[t.instance_name] = std::move(t);
    next = page.next_token;
  } while (!next.empty());
  std::vector<model::Target> out;
  for (const std::string& name : names) {
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      missing->push_back(name);
    } else {
      out.push_back(it->second);
    }
  }
  return out;
}

Outcome ListTargets(Context& c, const Json& in) {
  const std::string id = Str(in, "deploymentId");
  if (id.empty()) return Required("DeploymentIdRequiredException", "deploymentId");
  std::vector<std::string> statuses;
  if (in.contains("targetFilters") && in["targetFilters"].is_object()) {
    const Json& filters = in["targetFilters"];
    for (auto it = filters.begin(); it != filters.end(); ++it) {
      if (it.key() != "TargetStatus") {
        return Unsupported("InvalidTargetFilterNameException", "targetFilters",
                           "only TargetStatus filters (no blue/green labels)");
      }
    }
    statuses = Strs(filters, "TargetStatus");
  }
  RETURN_IF_ERROR(c.service->GetDeployment(id).status());
  return TargetNamesPage(c, id, statuses, Str(in, "nextToken"), "targetIds");
}

Outcome ListInstances(Context& c, const Json& in) {
  const std::string id = Str(in, "deploymentId");
  if (id.empty()) return Required("DeploymentIdRequiredException", "deploymentId");
  if (Given(in, "instanceTypeFilter")) {
    return Unsupported("InvalidInstanceTypeException", "instanceTypeFilter",
                       "deployments are in place (no Blue or Green instances)");
  }
  RETURN_IF_ERROR(c.service->GetDeployment(id).status());
  return TargetNamesPage(c, id, Strs(in, "instanceStatusFilter"), Str(in, "nextToken"),
                         "instancesList");
}

Outcome BatchGetTargets(Context& c, const Json& in) {
  const std::string id = Str(in, "deploymentId");
  if (id.empty()) return Required("DeploymentIdRequiredException", "deploymentId");
  const std::vector<std::string> names = Strs(in, "targetIds");
  if (names.empty()) return Required("DeploymentTargetIdRequiredException", "targetIds");
  if (names.size() > 25) {
    return Outcome::Exception("DeploymentTargetListSizeExceededException", "at most 25 targetIds");
  }
  RETURN_IF_ERROR(c.service->GetDeployment(id).status());
  std::vector<std::string> missing;
  ASSIGN_OR_RETURN(std::vector<model::Target> targets, TargetsNamed(c, id, names, &missing));
  if (!missing.empty()) {
    return Outcome::Exception("DeploymentTargetDoesNotExistException",
                              "\"" + missing[0] + "\" is not a target of deployment " + id);
  }
  Json out = Json::array();
  for (const model::Target& t : targets) {
    out.push_back(
        {{"deploymentTargetType", "InstanceTarget"}, {"instanceTarget", InstanceTarget(t)}});
  }
  return Json{{"deploymentTargets", out}};
}

Outcome GetInstance(Context& c, const Json& in) {
  const std::string id = Str(in, "deploymentId"), name = Str(in, "instanceId");
  if (id.empty()) return Required("DeploymentIdRequiredException", "deploymentId");
  if (name.empty()) return Required("InstanceIdRequiredException", "instanceId");
  RETURN_IF_ERROR(c.service->GetDeployment(id).status());
  std::vector<std::string> missing;
  ASSIGN_OR_RETURN(std::vector<model::Target> targets, TargetsNamed(c, id, {name}, &missing));
  if (targets.empty()) {
    return Outcome::Exception("InstanceDoesNotExistException",
                              "instance \"" + name + "\" is not a target of deployment " + id);
  }
  return Json{{"instanceSummary", InstanceSummary(targets[0])}};
}

Outcome BatchGetInstances(Context& c, const Json& in) {
  const std::string id = Str(in, "deploymentId");
  if (id.empty()) return Required("DeploymentIdRequiredException", "deploymentId");
  const std::vector<std::string> names = Strs(in, "instanceIds");
  if (names.empty()) return Required("InstanceIdRequiredException", "instanceIds");
  if (names.size() > kBatchLimit) {
    return Outcome::Exception("BatchLimitExceededException", "at most 100 instanceIds");
  }
  RETURN_IF_ERROR(c.service->GetDeployment(id).status());
  std::vector<std::string> missing;
  ASSIGN_OR_RETURN(std::vector<model::Target> targets, TargetsNamed(c, id, names, &missing));
  Json out = Json::array();
  for (const model::Target& t : targets) out.push_back(InstanceSummary(t));
  Json result = {{"instancesSummary", out}};
  if (!missing.empty()) {
    result["errorMessage"] = std::to_string(missing.size()) + " of the instances are not targets";
  }
  return result;
}

}  // namespace

void AddTargetOperations(std::vector<Operation>& ops) {
  const char* kTargets = "/api/v1/deployments/x/targets";
  ops.push_back(
      {"ListDeploymentTargets", "GET", kTargets, ListTargets, "InvalidDeploymentIdException"});
  ops.push_back({"BatchGetDeploymentTargets", "GET", kTargets, BatchGetTargets,
                 "InvalidDeploymentIdException"});
  ops.push_back(
      {"ListDeploymentInstances", "GET", kTargets, ListInstances, "InvalidDeploymentIdException"});
  ops.push_back(
      {"GetDeploymentInstance", "GET", kTargets, GetInstance, "InvalidDeploymentIdException"});
  ops.push_back({"BatchGetDeploymentInstances", "GET", kTargets, BatchGetInstances,
                 "InvalidDeploymentIdException"});
}

}  // namespace berth::codedeploy
