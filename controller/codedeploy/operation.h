// One CodeDeploy JSON 1.1 operation (X-Amz-Target CodeDeploy_20141006.<name>), thin over
// api::Service: each resource file adds its operations to the table (docs/codedeploy-compat.md).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "controller/api/service.h"
#include "controller/codedeploy/outcome.h"

namespace berth::codedeploy {

inline constexpr char kTargetPrefix[] = "CodeDeploy_20141006.";

struct Context {
  api::Service* service = nullptr;
  // Items per page of every List (CodeDeploy's own is 100; tests set it smaller).
  int page_size = 100;
};

struct Operation {
  std::string name;  // "CreateApplication"
  // The REST route this operation corresponds to: its role (controller/http/route_roles.cc)
  // is the role the operation needs, so both fronts follow one table.
  const char* rest_method;
  const char* rest_path;
  std::function<Outcome(Context&, const Json& input)> run;
  // The declared exception for input Berth's own checks refuse (INVALID_ARGUMENT).
  const char* invalid_input = "InvalidInputException";
  // For a FAILED_PRECONDITION no resource reason names (a deployment already ended...).
  const char* failed_precondition = "InvalidOperationException";
  // For a FAILED_PRECONDITION naming another deployment (Reason::kDeployment: the group
  // has an active one), when the operation declares an exception for it.
  const char* deployment_active = nullptr;
  // When set, every NOT_FOUND answers this (an operation whose model declares only it).
  const char* not_found = nullptr;
};

void AddApplicationOperations(std::vector<Operation>& ops);
void AddDeploymentGroupOperations(std::vector<Operation>& ops);
void AddDeploymentConfigOperations(std::vector<Operation>& ops);
void AddRevisionOperations(std::vector<Operation>& ops);
void AddDeploymentOperations(std::vector<Operation>& ops);
void AddTargetOperations(std::vector<Operation>& ops);
void AddInstanceOperations(std::vector<Operation>& ops);
void AddTagOperations(std::vector<Operation>& ops);

// Every supported operation; nullptr for a name not among them.
const Operation* FindOperation(std::string_view name);
// True for every operation name in botocore's CodeDeploy model (supported or not).
bool IsModelOperation(std::string_view name);

}  // namespace berth::codedeploy
