// On-premises instances: RegisterOnPremisesInstance, GetOnPremisesInstance,
// BatchGetOnPremisesInstances, ListOnPremisesInstances, DeregisterOnPremisesInstance,
// AddTagsToOnPremisesInstances, RemoveTagsFromOnPremisesInstances. A registered instance
// waits for the first berth-agent that enrolls under its name (Service::RegisterInstance);
// the IAM ARN is required as by AWS and not kept: agents prove themselves with
// certificates.
#include "controller/codedeploy/input.h"
#include "controller/codedeploy/operation.h"
#include "controller/codedeploy/shapes.h"
#include "controller/http/json_model.h"

namespace berth::codedeploy {
namespace {

constexpr size_t kBatchLimit = 100;

Outcome Get(Context& c, const Json& in) {
  const std::string name = Str(in, "instanceName");
  if (name.empty()) return Required("InstanceNameRequiredException", "instanceName");
  ASSIGN_OR_RETURN(model::Instance instance, c.service->GetInstance(name));
  return Json{{"instanceInfo", InstanceInfo(instance)}};
}

Outcome BatchGet(Context& c, const Json& in) {
  const std::vector<std::string> names = Strs(in, "instanceNames");
  if (names.empty()) return Required("InstanceNameRequiredException", "instanceNames");
  if (names.size() > kBatchLimit) {
    return Outcome::Exception("BatchLimitExceededException", "at most 100 instanceNames");
  }
  Json infos = Json::array();
  for (const std::string& name : names) {
    Result<model::Instance> instance = c.service->GetInstance(name);
    if (!instance.ok() && instance.status().code() == Code::kNotFound) continue;
    if (!instance.ok()) return instance.status();
    infos.push_back(InstanceInfo(*instance));
  }
  return Json{{"instanceInfos", infos}};
}

Outcome List(Context& c, const Json& in) {
  const std::string status = Str(in, "registrationStatus");
  if (!status.empty() && status != "Registered" && status != "Deregistered") {
    return Outcome::Exception(
        "InvalidRegistrationStatusException",
        "registrationStatus \"" + status + "\" is not Registered or Deregistered");
  }
  model::TagFilterList filters;
  if (Given(in, "tagFilters")) {
    Result<model::TagFilterList> parsed = http::TagFiltersFromJson(in["tagFilters"], "tagFilters");
    if (!parsed.ok())
      return Outcome::Exception("InvalidTagFilterException", parsed.status().message());
    filters = *parsed;
  }
  ASSIGN_OR_RETURN(std::vector<model::Instance> instances, c.service->ListInstances());
  std::vector<std::string> names;
  for (const model::Instance& i : instances) {
    if (!status.empty() && i.registration_status != status) continue;
    if (!filters.empty() && !model::Matches(filters, i.tags)) continue;
    names.push_back(i.name);
  }
  return NamesPage(names, in, c.page_size, "instanceNames");
}

Outcome Register(Context& c, const Json& in) {
  const std::string name = Str(in, "instanceName");
  if (name.empty()) return Required("InstanceNameRequiredException", "instanceName");
  const bool session = !Str(in, "iamSessionArn").empty();
  const bool user = !Str(in, "iamUserArn").empty();
  if (session && user) {
    return Outcome::Exception("MultipleIamArnsProvidedException",
                              "give iamSessionArn or iamUserArn, not both");
  }
  if (!session && !user) return Required("IamArnRequiredException", "iamSessionArn or iamUserArn");
  const std::string arn = session ? Str(in, "iamSessionArn") : Str(in, "iamUserArn");
  if (arn.rfind("arn:", 0) != 0) {
    return Outcome::Exception(
        session ? "InvalidIamSessionArnException" : "InvalidIamUserArnException",
        "\"" + arn + "\" is not an ARN");
  }
  RETURN_IF_ERROR(c.service->RegisterInstance(name).status());
  return Json::object();
}

Outcome Deregister(Context& c, const Json& in) {
  const std::string name = Str(in, "instanceName");
  if (name.empty()) return Required("InstanceNameRequiredException", "instanceName");
  ASSIGN_OR_RETURN(model::Instance instance, c.service->DeregisterInstance(name));
  (void)instance;
  return Json::object();
}

// Checks every instance exists before changing any, so a refused call changes nothing.
Outcome Retag(Context& c, const Json& in, bool add) {
  const std::vector<std::string> names = Strs(in, "instanceNames");
  if (names.empty()) return Required("InstanceNameRequiredException", "instanceNames");
  if (!Given(in, "tags")) return Required("TagRequiredException", "tags");
  Result<model::Tags> tags = http::TagsFromJson(in["tags"], "tags");
  if (!tags.ok()) return Outcome::Exception("InvalidTagException", tags.status().message());
  for (const std::string& name : names) RETURN_IF_ERROR(c.service->GetInstance(name).status());
  std::vector<std::string> keys;
  for (const auto& [k, v] : *tags) keys.push_back(k);
  for (const std::string& name : names) {
    RETURN_IF_ERROR(add ? c.service->TagInstance(name, *tags, {}).status()
                        : c.service->TagInstance(name, {}, keys).status());
  }
  return Json::object();
}

}  // namespace

void AddInstanceOperations(std::vector<Operation>& ops) {
  const char* kOne = "/api/v1/instances/x";
  const char* kTags = "/api/v1/instances/x/tags";
  // Registering needs the role deregistering does (admin).
  ops.push_back({"RegisterOnPremisesInstance", "POST", "/api/v1/instances/x/deregister", Register,
                 "InvalidInstanceNameException"});
  ops.push_back({"GetOnPremisesInstance", "GET", kOne, Get, "InvalidInstanceNameException"});
  ops.push_back(
      {"BatchGetOnPremisesInstances", "GET", kOne, BatchGet, "InvalidInstanceNameException"});
  ops.push_back(
      {"ListOnPremisesInstances", "GET", "/api/v1/instances", List, "InvalidNextTokenException"});
  Operation deregister{"DeregisterOnPremisesInstance", "POST", "/api/v1/instances/x/deregister",
                       Deregister, "InvalidInstanceNameException"};
  deregister.not_found = "InvalidInstanceNameException";  // the only other error it declares
  ops.push_back(deregister);
  ops.push_back({"AddTagsToOnPremisesInstances", "POST", kTags,
                 [](Context& c, const Json& in) { return Retag(c, in, true); },
                 "InvalidTagException"});
  ops.push_back({"RemoveTagsFromOnPremisesInstances", "POST", kTags,
                 [](Context& c, const Json& in) { return Retag(c, in, false); },
                 "InvalidTagException"});
}

}  // namespace berth::codedeploy
