// Every list of the REST API pages with nextToken (docs/api.md "Paging"), never cut short
// in silence, and a deployment's targets are read a page or a change at a time.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

// The `key` of each item of `items`.
std::vector<std::string> Keys(const Json& items, const std::string& key) {
  std::vector<std::string> keys;
  for (const Json& item : items) keys.push_back(item.value(key, ""));
  return keys;
}

// Walks `path` (without a query) one item a page; returns the items' `key`s in order.
std::vector<std::string> WalkOneAtATime(Cluster& c, const std::string& path,
                                        const std::string& field, const std::string& key) {
  std::vector<std::string> all;
  std::string token;
  for (int page = 0; page < 1000; ++page) {
    std::string url = path + "?limit=1";
    if (!token.empty()) url += "&nextToken=" + token;
    ApiReply r = c.Api("GET", url);
    INFO(url << " " << r.body.dump());
    REQUIRE(r.status == 200);
    REQUIRE(r.body[field].size() <= 1);
    for (const std::string& k : Keys(r.body[field], key)) all.push_back(k);
    if (!r.body.contains("nextToken")) return all;
    token = r.body["nextToken"];
  }
  FAIL(path << " never ended");
  return all;
}

// Paged one at a time, `path` lists what one large page lists, in the same order (told
// apart by each item's `key`).
void CheckPages(Cluster& c, const std::string& path, const std::string& field,
                const std::string& key, size_t at_least) {
  ApiReply whole = c.Api("GET", path + "?limit=1000");
  INFO(path << " " << whole.body.dump());
  REQUIRE(whole.status == 200);
  CHECK_FALSE(whole.body.contains("nextToken"));
  CHECK(whole.body[field].size() >= at_least);
  CHECK(WalkOneAtATime(c, path, field, key) == Keys(whole.body[field], key));
}

// A controller, agents `prefix`-1 and -2, and application "shop" with group "prod"
// (AllAtOnce) over them.
void StartTwoHosts(Cluster& c, const std::string& prefix) {
  c.StartController();
  c.StartAgent(prefix + "-1", {{"env", "it"}});
  c.StartAgent(prefix + "-2", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(2));
  c.CreateAppAndGroup("shop", "prod", "AllAtOnce");
}

TEST_CASE("Every list pages with nextToken and limit", "[integration]") {
  Cluster c;
  StartTwoHosts(c, "pg");
  c.CreateAppAndGroup("blog", "prod", "AllAtOnce");
  REQUIRE(c.Api("POST", "/api/v1/applications/shop/deployment-groups",
                {{"deploymentGroupName", "canary"},
                 {"onPremisesInstanceTagFilters", {{{"Key", "env"}, {"Value", "it"}}}}})
              .status == 201);
  WriteRecordingApp(c.Sub("rev"), {.version = "v1", .hook_sleep = "0"});
  const std::string v1 = c.Push(c.Sub("rev"), "shop");
  const std::string v2 = c.Push(c.Sub("rev"), "shop");
  for (const std::string& rev : {v1, v2}) {
    CHECK(c.WaitForDeployment(c.Deploy("shop", "prod", rev))["status"] == "Succeeded");
  }
  for (const char* name : {"a-1", "a-2"}) {
    REQUIRE(c.Api("PUT", std::string("/api/v1/alarms/") + name, {{"state", "OK"}}).status == 200);
  }
  for (int i = 0; i < 2; ++i) {
    REQUIRE(c.Api("POST", "/api/v1/tokens", {{"role", "viewer"}}).status == 201);
    REQUIRE(c.Api("POST", "/api/v1/join-tokens", Json::object()).status == 201);
  }
  REQUIRE(c.Api("POST", "/api/v1/deployment-configs",
                {{"deploymentConfigName", "most"},
                 {"minimumHealthyHosts", {{"type", "FLEET_PERCENT"}, {"value", 75}}}})
              .status == 201);

  CheckPages(c, "/api/v1/applications", "applications", "applicationName", 2);
  CheckPages(c, "/api/v1/applications/shop/deployment-groups", "deploymentGroups",
             "deploymentGroupName", 2);
  CheckPages(c, "/api/v1/applications/shop/revisions", "revisions", "revisionId", 2);
  CheckPages(c, "/api/v1/deployment-configs", "deploymentConfigs", "deploymentConfigName", 4);
  CheckPages(c, "/api/v1/instances", "instanceInfos", "instanceName", 2);
  CheckPages(c, "/api/v1/deployments", "deployments", "deploymentId", 2);
  CheckPages(c, "/api/v1/alarms", "alarms", "alarmName", 2);
  CheckPages(c, "/api/v1/tokens", "tokens", "id", 2);
  CheckPages(c, "/api/v1/join-tokens", "joinTokens", "id", 2);
  const std::string last = c.Api("GET", "/api/v1/deployments").body["deployments"][0]["deploymentId"];
  CheckPages(c, "/api/v1/deployments/" + last + "/targets", "targets", "instanceName", 2);

  ApiReply bad = c.Api("GET", "/api/v1/applications?limit=0");
  CHECK(bad.status == 400);
  CHECK(bad.body["message"] == "limit \"0\" is not a whole number from 1 to 1000");
  ApiReply gone = c.Api("GET", "/api/v1/applications?nextToken=nosuch");
  CHECK(gone.status == 400);
}

TEST_CASE("A list longer than a page says so and the CLI reads it to the end", "[integration]") {
  Cluster c;
  c.StartController();
  for (int i = 0; i < 105; ++i) {
    REQUIRE(c.Api("PUT", "/api/v1/alarms/alarm-" + std::to_string(1000 + i), {{"state", "OK"}})
                .status == 200);
  }
  ApiReply first = c.Api("GET", "/api/v1/alarms");
  REQUIRE(first.status == 200);
  CHECK(first.body["alarms"].size() == 100);  // the default page
  REQUIRE(first.body.contains("nextToken"));
  ApiReply rest = c.Api("GET", "/api/v1/alarms?nextToken=" + first.body["nextToken"].get<std::string>());
  CHECK(rest.body["alarms"].size() == 5);
  CHECK_FALSE(rest.body.contains("nextToken"));

  auto listed = c.Berth({"--output", "json", "alarm", "list"});
  INFO(listed.err);
  REQUIRE(listed.exit_code == 0);
  Json all = Json::parse(listed.out, nullptr, false);
  CHECK(all["alarms"].size() == 105);
  CHECK_FALSE(all.contains("nextToken"));
}

TEST_CASE("changedSince returns only the targets that changed since the cursor",
          "[integration]") {
  Cluster c;
  StartTwoHosts(c, "ch");
  WriteRecordingApp(c.Sub("rev"), {.version = "v1", .hook_sleep = "0"});
  const std::string id = c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop"));
  REQUIRE(c.WaitForDeployment(id)["status"] == "Succeeded");

  const std::string base = "/api/v1/deployments/" + id + "/targets?changedSince=";
  ApiReply all = c.Api("GET", base + "0");
  INFO(all.body.dump());
  REQUIRE(all.status == 200);
  std::set<std::string> hosts;
  for (const Json& t : all.body["targets"]) hosts.insert(t["instanceName"].get<std::string>());
  CHECK(hosts == std::set<std::string>{"ch-1", "ch-2"});
  CHECK(all.body["targets"][0]["lifecycleEvents"].size() == 7);
  CHECK_FALSE(all.body.contains("hasMore"));
  const std::string cursor = all.body["changeCursor"];

  ApiReply none = c.Api("GET", base + cursor);
  CHECK(none.body["targets"].empty());
  CHECK(none.body["changeCursor"] == cursor);

  ApiReply one = c.Api("GET", base + "0&limit=1");
  CHECK(one.body["targets"].size() == 1);
  CHECK(one.body["hasMore"] == true);
  ApiReply two = c.Api("GET", base + one.body["changeCursor"].get<std::string>() + "&limit=1");
  CHECK(two.body["targets"].size() == 1);
  CHECK(two.body["targets"][0]["instanceName"] != one.body["targets"][0]["instanceName"]);

  CHECK(c.Api("GET", base + "x").status == 400);
  CHECK(c.Api("GET", base + "0&nextToken=1").status == 400);
  CHECK(c.Api("GET", "/api/v1/deployments/d-NOSUCH0000/targets?changedSince=0").status == 404);
}

}  // namespace
}  // namespace berth::itest
