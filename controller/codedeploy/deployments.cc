// CreateDeployment, GetDeployment, BatchGetDeployments, ListDeployments, StopDeployment,
// ContinueDeployment.
#include "controller/codedeploy/input.h"
#include "controller/codedeploy/operation.h"
#include "controller/codedeploy/revision_lookup.h"
#include "controller/codedeploy/shapes.h"
#include "controller/http/json_model.h"

namespace berth::codedeploy {
namespace {

constexpr size_t kBatchLimit = 25;

Outcome Create(Context& c, const Json& in) {
  deploy::CreateDeploymentRequest req;
  req.application_name = Str(in, "applicationName");
  req.group_name = Str(in, "deploymentGroupName");
  if (req.application_name.empty())
    return Required("ApplicationNameRequiredException", "applicationName");
  if (req.group_name.empty())
    return Required("DeploymentGroupNameRequiredException", "deploymentGroupName");
  if (!Given(in, "revision")) return Required("RevisionRequiredException", "revision");
  if (Given(in, "targetInstances")) {
    return Unsupported("InvalidTargetInstancesException", "targetInstances",
                       "a deployment goes to the instances its group's tags select");
  }
  if (Given(in, "overrideAlarmConfiguration")) {
    return Unsupported("InvalidAlarmConfigException", "overrideAlarmConfiguration",
                       "a deployment watches its group's alarms");
  }
  req.description = Str(in, "description");
  if (req.description.size() > 1000) {
    return Outcome::Exception("DescriptionTooLongException", "description is over 1000 characters");
  }
  req.config_name = Str(in, "deploymentConfigName");
  req.file_exists_behavior = Str(in, "fileExistsBehavior");
  if (!req.file_exists_behavior.empty() && req.file_exists_behavior != "DISALLOW" &&
      req.file_exists_behavior != "OVERWRITE" && req.file_exists_behavior != "RETAIN") {
    return Outcome::Exception("InvalidFileExistsBehaviorException",
                              "fileExistsBehavior \"" + req.file_exists_behavior +
                                  "\" is not one of DISALLOW, OVERWRITE, RETAIN");
  }
  req.ignore_application_stop_failures = Bool(in, "ignoreApplicationStopFailures").value_or(false);
  req.update_outdated_only = Bool(in, "updateOutdatedInstancesOnly").value_or(false);
  if (in.contains("autoRollbackConfiguration") && in["autoRollbackConfiguration"].is_object()) {
    Result<model::AutoRollbackConfig> rollback =
        http::AutoRollbackFromJson(in["autoRollbackConfiguration"]);
    if (!rollback.ok()) {
      return Outcome::Exception("InvalidAutoRollbackConfigException", rollback.status().message());
    }
    Status valid = api::ValidateAutoRollbackConfig(*rollback);
    if (!valid.ok())
      return Outcome::Exception("InvalidAutoRollbackConfigException", valid.message());
    req.auto_rollback = *rollback;
  }
  ASSIGN_OR_RETURN(model::RevisionLocation location, LocationFromInput(c.service, in["revision"]));
  ASSIGN_OR_RETURN(model::Revision revision,
                   FindOrRegisterRevision(c.service, req.application_name, location, ""));
  req.revision_id = revision.id;
  ASSIGN_OR_RETURN(model::Deployment d, c.service->CreateDeployment(req));
  return Json{{"deploymentId", d.id}};
}

Outcome Get(Context& c, const Json& in) {
  const std::string id = Str(in, "deploymentId");
  if (id.empty()) return Required("DeploymentIdRequiredException", "deploymentId");
  ASSIGN_OR_RETURN(api::DeploymentDetail d, c.service->GetDeployment(id));
  return Json{{"deploymentInfo", DeploymentInfo(d.deployment, d.overview)}};
}

Outcome BatchGet(Context& c, const Json& in) {
  const std::vector<std::string> ids = Strs(in, "deploymentIds");
  if (ids.empty()) return Required("DeploymentIdRequiredException", "deploymentIds");
  if (ids.size() > kBatchLimit) {
    return Outcome::Exception("BatchLimitExceededException", "at most 25 deploymentIds");
  }
  Json infos = Json::array();
  for (const std::string& id : ids) {
    Result<api::DeploymentDetail> d = c.service->GetDeployment(id);
    if (!d.ok() && d.status().code() == Code::kNotFound) continue;  // CodeDeploy leaves them out
    if (!d.ok()) return d.status();
    infos.push_back(DeploymentInfo(d->deployment, d->overview));
  }
  return Json{{"deploymentsInfo", infos}};
}

// Newest first; nextToken is the last id of a full page.
Outcome List(Context& c, const Json& in) {
  if (Given(in, "createTimeRange")) {
    return Unsupported("InvalidTimeRangeException", "createTimeRange",
                       "deployments are listed newest first; page until createTime is old enough");
  }
  if (Given(in, "externalId")) {
    return Unsupported("InvalidExternalIdException", "externalId", "Berth deployments have none");
  }
  api::DeploymentQuery query;
  query.application_name = Str(in, "applicationName");
  query.group_name = Str(in, "deploymentGroupName");
  if (!query.group_name.empty() && query.application_name.empty()) {
    return Required("ApplicationNameRequiredException",
                    "applicationName (with deploymentGroupName)");
  }
  query.statuses = Strs(in, "includeOnlyStatuses");
  for (const std::string& s : query.statuses) {
    model::DeploymentStatus parsed;
    if (!model::ParseDeploymentStatus(s, &parsed)) {
      return Outcome::Exception("InvalidDeploymentStatusException",
                                "includeOnlyStatuses: \"" + s + "\" is not a deployment status");
    }
  }
  query.next_token = Str(in, "nextToken");
  query.limit = c.page_size;
  Result<std::vector<model::Deployment>> page = c.service->ListDeployments(query);
  if (!page.ok() && page.status().code() == Code::kInvalidArgument && !query.next_token.empty()) {
    return BadNextToken(query.next_token);
  }
  if (!page.ok()) return page.status();
  Json ids = Json::array();
  for (const model::Deployment& d : *page) ids.push_back(d.id);
  Json out = {{"deployments", ids}};
  if (static_cast<int>(page->size()) == c.page_size) out["nextToken"] = page->back().id;
  return out;
}

Outcome Continue(Context& c, const Json& in) {
  const std::string id = Str(in, "deploymentId");
  if (id.empty()) return Required("DeploymentIdRequiredException", "deploymentId");
  const std::string wait_type = Str(in, "deploymentWaitType");
  if (!wait_type.empty() && wait_type != "READY_WAIT") {
    return Unsupported("InvalidDeploymentWaitTypeException", "deploymentWaitType",
                       "\"" + wait_type +
                           "\"; Berth's deployments wait only between waves "
                           "(READY_WAIT)");
  }
  RETURN_IF_ERROR(c.service->ContinueDeployment(id));
  return Json::object();
}

Outcome Stop(Context& c, const Json& in) {
  const std::string id = Str(in, "deploymentId");
  if (id.empty()) return Required("DeploymentIdRequiredException", "deploymentId");
  RETURN_IF_ERROR(c.service->StopDeployment(id, Bool(in, "autoRollbackEnabled").value_or(false)));
  return Json{{"status", "Pending"},
              {"statusMessage", "stopping: events already running finish, no new ones start"}};
}

}  // namespace

void AddDeploymentOperations(std::vector<Operation>& ops) {
  const char* kOne = "/api/v1/deployments/x";
  // An active deployment in the group is DeploymentLimitExceededException; other refusals
  // (a freeze window, no instance to deploy to) are InvalidOperationException.
  ops.push_back({"CreateDeployment", "POST", "/api/v1/deployments", Create,
                 "InvalidRevisionException", "InvalidOperationException",
                 "DeploymentLimitExceededException"});
  ops.push_back({"GetDeployment", "GET", kOne, Get, "InvalidDeploymentIdException"});
  ops.push_back({"BatchGetDeployments", "GET", kOne, BatchGet, "InvalidDeploymentIdException"});
  ops.push_back({"ListDeployments", "GET", "/api/v1/deployments", List, "InvalidInputException"});
  ops.push_back({"StopDeployment", "POST", "/api/v1/deployments/x/stop", Stop,
                 "InvalidDeploymentIdException", "DeploymentAlreadyCompletedException"});
  // READY_WAIT (the default) starts the next wave of a deployment waiting in Ready.
  ops.push_back({"ContinueDeployment", "POST", "/api/v1/deployments/x/continue", Continue,
                 "InvalidDeploymentWaitTypeException", "DeploymentIsNotInReadyStateException"});
}

}  // namespace berth::codedeploy
