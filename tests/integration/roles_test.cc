// Every REST route against every role: the exact status each gets (docs/security.md
// "Roles"). The route list is checked against the controller's own table, so a new route
// cannot be left out.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <regex>

#include "controller/http/route_roles.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using model::Role;

struct Call {
  std::string method;
  std::string path;  // "{r}" is replaced by the caller's role name
  Json body;
  Role needs;
  int success;  // the status an allowed role gets
};

std::string Fill(std::string text, const std::string& role) {
  for (size_t at; (at = text.find("{r}")) != std::string::npos;) text.replace(at, 3, role);
  return text;
}

Json Fill(const Json& body, const std::string& role) {
  return body.is_null() ? body : Json::parse(Fill(body.dump(), role));
}

TEST_CASE("Every route against every role gets exactly 200/201, 401 or 403",
          "[integration][security]") {
  Cluster c;
  c.StartController();
  c.StartAgent("h1", {{"env", "it"}});
  c.StartAgent("victim", {{"env", "none"}});
  REQUIRE(c.WaitForInstances(2));

  std::map<std::string, std::string> tokens;  // role -> bearer token
  for (const char* role : {"viewer", "alerts", "deployer", "admin"}) {
    ApiReply t = c.Api("POST", "/api/v1/tokens", {{"role", role}});
    REQUIRE(t.status == 201);
    tokens[role] = t.body["token"];
  }
  // What the calls below act on.
  c.CreateAppAndGroup("web", "prod", "AllAtOnce");
  const Json filters = {{{"Key", "env"}, {"Value", "it"}}};
  for (const char* g : {"d-deployer", "d-admin", "s-deployer", "s-admin"}) {
    REQUIRE(c.Api("POST", "/api/v1/applications/web/deployment-groups",
                  {{"deploymentGroupName", g}, {"onPremisesInstanceTagFilters", filters}})
                .status == 201);
  }
  REQUIRE(c.Api("POST", "/api/v1/deployment-configs",
                {{"deploymentConfigName", "del-admin"},
                 {"minimumHealthyHosts", {{"type", "HOST_COUNT"}, {"value", 0}}}})
              .status == 201);
  WriteRecordingApp(c.Sub("slow"), {.version = "v1", .hook_sleep = "30"});
  const std::string rev = c.Push(c.Sub("slow"), "web");
  const Json location = c.Api("GET", "/api/v1/revisions/" + rev).body["revision"];
  const std::string sha = location["storeLocation"]["sha256"];
  const std::string s_deployer = c.Deploy("web", "s-deployer", rev);
  const std::string s_admin = c.Deploy("web", "s-admin", rev);
  REQUIRE(c.Api("PUT", "/api/v1/alarms/cpu", {{"state", "OK"}}).status == 200);
  // A revision for each role that may delete one (sharing the blob of `rev`).
  std::map<std::string, std::string> revision_target;
  for (const char* role : {"deployer", "admin"}) {
    ApiReply r = c.Api("POST", "/api/v1/applications/web/revisions", {{"revision", location}});
    REQUIRE(r.status == 201);
    revision_target[role] = r.body["revisionId"];
  }
  const std::string revoke_token = c.Api("POST", "/api/v1/tokens", {{"role", "viewer"}}).body["id"];
  const std::string revoke_join = c.Api("POST", "/api/v1/join-tokens", Json::object()).body["id"];

  const std::vector<Call> calls = {
      {"GET", "/api/v1/applications", nullptr, Role::kViewer, 200},
      {"POST", "/api/v1/applications", {{"applicationName", "app-{r}"}}, Role::kAdmin, 201},
      {"GET", "/api/v1/applications/web", nullptr, Role::kViewer, 200},
      {"DELETE", "/api/v1/applications/app-{r}", nullptr, Role::kAdmin, 200},
      {"GET", "/api/v1/applications/web/deployment-groups", nullptr, Role::kViewer, 200},
      {"POST",
       "/api/v1/applications/web/deployment-groups",
       {{"deploymentGroupName", "g-{r}"}, {"onPremisesInstanceTagFilters", filters}},
       Role::kAdmin,
       201},
      {"GET", "/api/v1/applications/web/deployment-groups/prod", nullptr, Role::kViewer, 200},
      {"PATCH",
       "/api/v1/applications/web/deployment-groups/prod",
       {{"deploymentConfigName", "OneAtATime"}},
       Role::kAdmin,
       200},
      {"DELETE", "/api/v1/applications/web/deployment-groups/g-{r}", nullptr, Role::kAdmin, 200},
      {"GET", "/api/v1/deployment-configs", nullptr, Role::kViewer, 200},
      {"POST",
       "/api/v1/deployment-configs",
       {{"deploymentConfigName", "cfg-{r}"},
        {"minimumHealthyHosts", {{"type", "HOST_COUNT"}, {"value", 0}}}},
       Role::kAdmin,
       201},
      {"GET", "/api/v1/deployment-configs/CodeDeployDefault.AllAtOnce", nullptr, Role::kViewer,
       200},
      {"DELETE", "/api/v1/deployment-configs/del-{r}", nullptr, Role::kAdmin, 200},
      {"GET", "/api/v1/instances", nullptr, Role::kViewer, 200},
      {"GET", "/api/v1/instances/h1", nullptr, Role::kViewer, 200},
      {"POST",
       "/api/v1/instances/h1/tags",
       {{"add", {{{"Key", "k"}, {"Value", "{r}"}}}}},
       Role::kAdmin,
       200},
      {"POST", "/api/v1/blobs", "bytes", Role::kDeployer, 201},
      {"GET", "/api/v1/applications/web/revisions", nullptr, Role::kViewer, 200},
      {"POST",
       "/api/v1/applications/web/revisions",
       {{"revision", location}, {"description", "{r}"}},
       Role::kDeployer,
       201},
      {"GET", "/api/v1/revisions/" + rev, nullptr, Role::kViewer, 200},
      {"DELETE", "/api/v1/revisions/{v}", nullptr, Role::kDeployer, 200},
      {"GET", "/api/v1/deployments", nullptr, Role::kViewer, 200},
      {"POST",
       "/api/v1/deployments",
       {{"applicationName", "web"}, {"deploymentGroupName", "d-{r}"}, {"revisionId", rev}},
       Role::kDeployer,
       201},
      {"GET", "/api/v1/deployments/" + s_admin, nullptr, Role::kViewer, 200},
      {"POST", "/api/v1/deployments/{s}/stop", Json::object(), Role::kDeployer, 200},
      // A role that may retry gets past the role check to the unknown deployment (404).
      {"POST", "/api/v1/deployments/d-NOSUCH000/retry", Json::object(), Role::kDeployer, 404},
      // The same for continuing one (what may continue a wave may start a deployment).
      {"POST", "/api/v1/deployments/d-NOSUCH000/continue", Json::object(), Role::kDeployer, 404},
      {"GET", "/api/v1/deployments/" + s_admin + "/targets", nullptr, Role::kViewer, 200},
      {"GET", "/api/v1/deployments/" + s_admin + "/logs", nullptr, Role::kViewer, 200},
      {"GET", "/api/v1/deployments/" + s_admin + "/triggers", nullptr, Role::kViewer, 200},
      {"GET", "/api/v1/alarms", nullptr, Role::kViewer, 200},
      {"GET", "/api/v1/alarms/cpu", nullptr, Role::kViewer, 200},
      {"PUT", "/api/v1/alarms/a-{r}", {{"state", "OK"}}, Role::kAlerts, 200},
      {"POST",
       "/api/v1/alertmanager",
       {{"alerts", {{{"status", "resolved"}, {"labels", {{"alertname", "am-{r}"}}}}}}},
       Role::kAlerts,
       200},
      {"GET", "/api/v1/whoami", nullptr, Role::kViewer, 200},
      {"GET", "/metrics", nullptr, Role::kViewer, 200},
      {"GET", "/api/v1/tokens", nullptr, Role::kAdmin, 200},
      {"POST", "/api/v1/tokens", {{"role", "viewer"}}, Role::kAdmin, 201},
      {"DELETE", "/api/v1/tokens/" + revoke_token, nullptr, Role::kAdmin, 200},
      {"GET", "/api/v1/join-tokens", nullptr, Role::kAdmin, 200},
      {"POST", "/api/v1/join-tokens", Json::object(), Role::kAdmin, 201},
      {"DELETE", "/api/v1/join-tokens/" + revoke_join, nullptr, Role::kAdmin, 200},
      {"PUT", "/api/v1/secrets/S_{r}", {{"value", "v"}}, Role::kAdmin, 200},
      {"GET", "/api/v1/secrets", nullptr, Role::kAdmin, 200},
      {"DELETE", "/api/v1/secrets/S_{r}", nullptr, Role::kAdmin, 200},
      {"POST", "/api/v1/instances/victim/deregister", Json::object(), Role::kAdmin, 200},
  };

  // Every route of the controller's table is called.
  for (const http::RouteRole& route : http::RouteRoles()) {
    std::regex pattern(route.pattern);
    bool covered = false;
    for (const Call& call : calls) {
      covered =
          covered || (call.method == route.method &&
                      std::regex_match(Fill(call.path, "x"), pattern) && call.needs == route.role);
    }
    INFO(route.method << " " << route.pattern);
    CHECK(covered);
  }

  const std::map<std::string, std::string> stop_target = {{"deployer", s_deployer},
                                                          {"admin", s_admin}};
  for (const Call& call : calls) {
    for (const char* role : {"none", "wrong", "viewer", "alerts", "deployer", "admin"}) {
      std::string path = Fill(call.path, role);
      if (auto at = path.find("{s}"); at != std::string::npos) {
        auto it = stop_target.find(role);
        path.replace(at, 3, it != stop_target.end() ? it->second : s_admin);
      }
      if (auto at = path.find("{v}"); at != std::string::npos) {
        auto it = revision_target.find(role);
        path.replace(at, 3, it != revision_target.end() ? it->second : rev);
      }
      const Json body = call.body.is_string() ? call.body : Fill(call.body, role);
      int expected = 0;
      if (std::string(role) == "none" || std::string(role) == "wrong") {
        expected = 401;
      } else {
        expected = model::RoleAllows(*model::ParseRole(role), call.needs) ? call.success : 403;
      }
      ApiReply reply;
      if (std::string(role) == "none") {
        auto client = c.HttpClient();
        const std::string text = body.is_null() ? "" : body.dump();
        httplib::Result res = [&] {
          if (call.method == "GET") return client->Get(path.c_str());
          if (call.method == "PUT") return client->Put(path.c_str(), text, "application/json");
          if (call.method == "PATCH") return client->Patch(path.c_str(), text, "application/json");
          if (call.method == "DELETE") return client->Delete(path.c_str());
          return client->Post(path.c_str(), text, "application/json");
        }();
        reply.status = res ? res->status : 0;
      } else {
        reply = c.Api(call.method, path, body,
                      std::string(role) == "wrong" ? "BTWRONG.0000" : tokens[role]);
      }
      INFO(call.method << " " << path << " as " << role << ": " << reply.body.dump());
      CHECK(reply.status == expected);
      if (expected == 403) {
        CHECK_THAT(
            reply.body["message"].get<std::string>(),
            Catch::Contains("needs the " + std::string(model::RoleName(call.needs)) + " role"));
      }
    }
  }
}

}  // namespace
}  // namespace berth::itest
