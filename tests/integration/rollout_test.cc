// The engine's rollout rules against real agents: automatic rollback, new instances
// (autoUpdate), --queue and --outdated-only.
#include <catch2/catch.hpp>
#include <map>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

std::string VersionOn(Cluster& c, int agent) { return InstalledVersion(c.InstallRoot(agent)); }

TEST_CASE("Rollback: HOST_COUNT 5 of 6 with failing hosts stops, skips the rest and rolls back",
          "[integration]") {
  Cluster c;
  c.StartController();
  for (int i = 1; i <= 6; ++i) c.StartAgent("rb-" + std::to_string(i), {{"env", "it"}});
  REQUIRE(c.WaitForInstances(6));
  REQUIRE(c.Berth({"config", "create", "keep5", "--min-healthy-hosts", "5"}).exit_code == 0);
  c.CreateAppAndGroup("shop", "prod", "keep5");
  auto updated = c.Berth({"group", "update", "shop", "prod", "--auto-rollback", "failure"});
  INFO(updated.out << updated.err);
  REQUIRE(updated.exit_code == 0);
  CHECK(updated.out.find("Auto rollback") != std::string::npos);

  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0"});
  std::string v1 = c.Push(c.Sub("v1"), "shop");
  auto first = c.Berth({"deploy", "shop", "prod", "--revision", v1, "--wait"});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);

  // v2 fails ValidateService on rb-2 and rb-4. M=5 of N=6: one host at a time, and the
  // first failure leaves too few healthy hosts possible.
  WriteRecordingApp(c.Sub("v2"),
                    {.version = "v2", .fail_validate_hosts = "rb-2|rb-4", .hook_sleep = "0"});
  std::string v2 = c.Push(c.Sub("v2"), "shop");
  auto second = c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", v2, "--wait"});
  INFO(second.out << second.err);
  CHECK(second.exit_code == 1);
  Json failed = Json::parse(second.out, nullptr, false);
  REQUIRE(failed.is_object());
  CHECK(failed["status"] == "Failed");
  CHECK(failed["errorInformation"]["code"] == "HEALTH_CONSTRAINTS");
  std::map<std::string, std::string> status;
  CHECK_FALSE(failed.contains("targets"));  // --wait --output json: the deployment alone
  for (const Json& t : c.Targets(failed["deploymentId"])) status[t["instanceName"]] = t["status"];
  // rb-1 ran v2 to the end (its files were v2) before the rollback put v1 back.
  CHECK(status == std::map<std::string, std::string>{{"rb-1", "Succeeded"},
                                                     {"rb-2", "Failed"},
                                                     {"rb-3", "Skipped"},
                                                     {"rb-4", "Skipped"},
                                                     {"rb-5", "Skipped"},
                                                     {"rb-6", "Skipped"}});
  REQUIRE(failed.contains("rollbackInfo"));
  std::string rollback_id = failed["rollbackInfo"]["rollbackDeploymentId"];

  Json rollback = c.WaitForDeployment(rollback_id);
  INFO(rollback.dump(2));
  CHECK(rollback["status"] == "Succeeded");
  CHECK(rollback["creator"] == "rollback");
  CHECK(rollback["revisionId"] == v1);
  CHECK(rollback["rollbackInfo"]["rollbackTriggeringDeploymentId"] == failed["deploymentId"]);
  std::vector<std::string> hosts;
  for (const Json& t : c.Targets(rollback_id)) hosts.push_back(t["instanceName"]);
  CHECK(hosts == std::vector<std::string>{"rb-2", "rb-1"});  // the failed host first
  for (int i = 0; i < 6; ++i) {
    INFO("host rb-" << i + 1);
    CHECK(VersionOn(c, i) == "v1\n");
  }
  // The group's last good deployment is now the rollback.
  auto group = c.Api("GET", "/api/v1/applications/shop/deployment-groups/prod");
  CHECK(group.body["lastSuccessfulDeploymentId"] == rollback_id);
}

TEST_CASE("autoUpdate: a new agent with matching tags gets the last successful revision",
          "[integration]") {
  Cluster c;
  c.StartController();
  c.StartAgent("au-1", {{"env", "it"}});
  c.StartAgent("au-2", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(2));
  c.CreateAppAndGroup("shop", "prod", "AllAtOnce");
  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0"});
  std::string v1 = c.Push(c.Sub("v1"), "shop");
  REQUIRE(c.Berth({"deploy", "shop", "prod", "--revision", v1, "--wait"}).exit_code == 0);

  c.StartAgent("au-3", {{"env", "it"}});
  c.StartAgent("au-other", {{"env", "elsewhere"}});
  REQUIRE(c.WaitForInstances(4));
  Json update;
  bool found = testing::WaitFor(
      [&] {
        auto list = c.Api("GET", "/api/v1/deployments");
        for (const Json& d : list.body["deployments"]) {
          if (d["creator"] == "autoUpdate") update = d;
        }
        return update.is_object();
      },
      20000);
  REQUIRE(found);
  Json done = c.WaitForDeployment(update["deploymentId"]);
  INFO(done.dump(2));
  CHECK(done["status"] == "Succeeded");
  CHECK(done["revisionId"] == v1);
  const Json done_targets = c.Targets(done["deploymentId"]);
  REQUIRE(done_targets.size() == 1);
  CHECK(done_targets[0]["instanceName"] == "au-3");
  CHECK(VersionOn(c, 2) == "v1\n");
  auto list = c.Api("GET", "/api/v1/deployments");
  CHECK(list.body["deployments"].size() == 2);  // nothing for au-other
}

TEST_CASE(
    "Queue: deploy --queue waits for the active deployment, and --outdated-only skips current "
    "hosts",
    "[integration]") {
  Cluster c;
  c.StartController();
  c.StartAgent("q-1", {{"env", "it"}});
  c.StartAgent("q-2", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(2));
  c.CreateAppAndGroup("shop", "prod", "OneAtATime");
  REQUIRE(
      c.Berth({"group", "update", "shop", "prod", "--outdated-instances", "IGNORE"}).exit_code ==
      0);
  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0.3"});
  WriteRecordingApp(c.Sub("v2"), {.version = "v2", .hook_sleep = "0"});
  std::string v1 = c.Push(c.Sub("v1"), "shop");
  std::string v2 = c.Push(c.Sub("v2"), "shop");

  std::string first = c.Deploy("shop", "prod", v1);
  auto refused = c.Berth({"deploy", "shop", "prod", "--revision", v2});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("already has an active deployment " + first) != std::string::npos);
  std::string queued = c.Deploy("shop", "prod", v2, {"--queue"});
  CHECK(c.Api("GET", "/api/v1/deployments/" + queued).body["status"] == "Queued");

  Json one = c.WaitForDeployment(first);
  Json two = c.WaitForDeployment(queued);
  CHECK(one["status"] == "Succeeded");
  CHECK(two["status"] == "Succeeded");
  CHECK(two["startTime"].get<std::string>() >= one["completeTime"].get<std::string>());
  CHECK(VersionOn(c, 0) == "v2\n");
  CHECK(VersionOn(c, 1) == "v2\n");

  // A third host joins; IGNORE leaves it alone, --outdated-only deploys to it alone.
  c.StartAgent("q-3", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(3));
  CHECK(c.Api("GET", "/api/v1/deployments").body["deployments"].size() == 2);
  auto outdated = c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", v2,
                           "--outdated-only", "--wait"});
  INFO(outdated.out << outdated.err);
  REQUIRE(outdated.exit_code == 0);
  Json three = Json::parse(outdated.out, nullptr, false);
  const Json three_targets = c.Targets(three["deploymentId"]);
  REQUIRE(three_targets.size() == 1);
  CHECK(three_targets[0]["instanceName"] == "q-3");
  CHECK(VersionOn(c, 2) == "v2\n");
  auto again = c.Berth({"deploy", "shop", "prod", "--revision", v2, "--outdated-only"});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("every instance of deployment group \"prod\" is already on revision " +
                       v2) != std::string::npos);
}

}  // namespace
}  // namespace berth::itest
