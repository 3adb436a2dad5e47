// CreateApplication, GetApplication, BatchGetApplications, ListApplications,
// UpdateApplication (a rename), DeleteApplication.
#include "controller/codedeploy/input.h"
#include "controller/codedeploy/operation.h"
#include "controller/codedeploy/shapes.h"

namespace berth::codedeploy {
namespace {

constexpr size_t kBatchLimit = 100;

Outcome Create(Context& c, const Json& in) {
  const std::string name = Str(in, "applicationName");
  if (name.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  const std::string platform = Str(in, "computePlatform");
  if (!platform.empty() && platform != "Server") {
    return Unsupported("InvalidComputePlatformException", "computePlatform",
                       "\"" + platform + "\"; Berth deploys to servers (\"Server\")");
  }
  model::Tags tags;
  if (Given(in, "tags")) {
    Outcome read = ReadTagList(in["tags"], &tags);
    if (!read.ok()) return read;
  }
  ASSIGN_OR_RETURN(model::Application app, c.service->CreateApplication(name, tags));
  return Json{{"applicationId", app.id}};
}

Outcome Get(Context& c, const Json& in) {
  const std::string name = Str(in, "applicationName");
  if (name.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  ASSIGN_OR_RETURN(model::Application app, c.service->GetApplication(name));
  return Json{{"application", ApplicationInfo(app)}};
}

Outcome BatchGet(Context& c, const Json& in) {
  const std::vector<std::string> names = Strs(in, "applicationNames");
  if (names.size() > kBatchLimit) {
    return Outcome::Exception(
        "BatchLimitExceededException",
        "applicationNames holds " + std::to_string(names.size()) + " names; at most 100");
  }
  Json infos = Json::array();
  for (const std::string& name : names) {
    ASSIGN_OR_RETURN(model::Application app, c.service->GetApplication(name));
    infos.push_back(ApplicationInfo(app));
  }
  return Json{{"applicationsInfo", infos}};
}

Outcome List(Context& c, const Json& in) {
  ASSIGN_OR_RETURN(std::vector<model::Application> apps, c.service->ListApplications());
  std::vector<std::string> names;
  for (const model::Application& a : apps) names.push_back(a.name);
  return NamesPage(names, in, c.page_size, "applications");
}

Outcome Update(Context& c, const Json& in) {
  const std::string name = Str(in, "applicationName");
  if (name.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  const std::string new_name = Str(in, "newApplicationName");
  if (new_name.empty()) return Json::object();  // nothing to change
  ASSIGN_OR_RETURN(model::Application app, c.service->RenameApplication(name, new_name));
  (void)app;
  return Json::object();
}

// As on AWS, deleting an application that does not exist succeeds.
Outcome Delete(Context& c, const Json& in) {
  const std::string name = Str(in, "applicationName");
  if (name.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  Status s = c.service->DeleteApplication(name);
  if (!s.ok() && !(s.code() == Code::kNotFound && s.reason() == Reason::kApplication)) return s;
  return Json::object();
}

}  // namespace

void AddApplicationOperations(std::vector<Operation>& ops) {
  const char* kInvalid = "InvalidApplicationNameException";
  ops.push_back({"CreateApplication", "POST", "/api/v1/applications", Create, kInvalid});
  ops.push_back({"GetApplication", "GET", "/api/v1/applications/x", Get, kInvalid});
  ops.push_back({"BatchGetApplications", "GET", "/api/v1/applications/x", BatchGet, kInvalid});
  ops.push_back(
      {"ListApplications", "GET", "/api/v1/applications", List, "InvalidNextTokenException"});
  ops.push_back({"UpdateApplication", "POST", "/api/v1/applications", Update, kInvalid});
  ops.push_back({"DeleteApplication", "DELETE", "/api/v1/applications/x", Delete, kInvalid});
}

}  // namespace berth::codedeploy
