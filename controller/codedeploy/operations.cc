#include <algorithm>

#include "controller/codedeploy/operation.h"

namespace berth::codedeploy {
namespace {

const std::vector<Operation>& Table() {
  static const std::vector<Operation> kOps = [] {
    std::vector<Operation> ops;
    AddApplicationOperations(ops);
    AddDeploymentGroupOperations(ops);
    AddDeploymentConfigOperations(ops);
    AddRevisionOperations(ops);
    AddDeploymentOperations(ops);
    AddTargetOperations(ops);
    AddInstanceOperations(ops);
    AddTagOperations(ops);
    return ops;
  }();
  return kOps;
}

// botocore's codedeploy 2014-10-06 model (botocore 1.43), every operation.
constexpr const char* kModelOperations[] = {
    "AddTagsToOnPremisesInstances",
    "BatchGetApplicationRevisions",
    "BatchGetApplications",
    "BatchGetDeploymentGroups",
    "BatchGetDeploymentInstances",
    "BatchGetDeploymentTargets",
    "BatchGetDeployments",
    "BatchGetOnPremisesInstances",
    "ContinueDeployment",
    "CreateApplication",
    "CreateDeployment",
    "CreateDeploymentConfig",
    "CreateDeploymentGroup",
    "DeleteApplication",
    "DeleteDeploymentConfig",
    "DeleteDeploymentGroup",
    "DeleteGitHubAccountToken",
    "DeleteResourcesByExternalId",
    "DeregisterOnPremisesInstance",
    "GetApplication",
    "GetApplicationRevision",
    "GetDeployment",
    "GetDeploymentConfig",
    "GetDeploymentGroup",
    "GetDeploymentInstance",
    "GetDeploymentTarget",
    "GetOnPremisesInstance",
    "ListApplicationRevisions",
    "ListApplications",
    "ListDeploymentConfigs",
    "ListDeploymentGroups",
    "ListDeploymentInstances",
    "ListDeploymentTargets",
    "ListDeployments",
    "ListGitHubAccountTokenNames",
    "ListOnPremisesInstances",
    "ListTagsForResource",
    "PutLifecycleEventHookExecutionStatus",
    "RegisterApplicationRevision",
    "RegisterOnPremisesInstance",
    "RemoveTagsFromOnPremisesInstances",
    "SkipWaitTimeForInstanceTermination",
    "StopDeployment",
    "TagResource",
    "UntagResource",
    "UpdateApplication",
    "UpdateDeploymentGroup",
};

}  // namespace

const Operation* FindOperation(std::string_view name) {
  for (const Operation& op : Table()) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

bool IsModelOperation(std::string_view name) {
  return std::find(std::begin(kModelOperations), std::end(kModelOperations), name) !=
         std::end(kModelOperations);
}

}  // namespace berth::codedeploy
