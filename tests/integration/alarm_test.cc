// Alarms against real agents: an alarm that fires, set with `berth alarm set` or by an
// Alertmanager webhook, stops the deployment of a group watching it and rolls it back;
// while it fires no deployment starts.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {


constexpr int kAgents = 3;

std::string VersionOn(Cluster& c, int agent) { return InstalledVersion(c.InstallRoot(agent)); }

// Three agents, application "shop" with group "prod" (OneAtATime) watching alarm
// "cpu-high" and rolling back when it fires, and v1 deployed everywhere. Returns the
// revision id of v2, whose hooks take a second each.
std::string StartWatchedGroupOnV1(Cluster& c) {
  c.StartController();
  const std::map<std::string, std::string> env = {{"BERTH_IT_TIMELINE", c.Sub("timeline")}};
  for (int i = 1; i <= kAgents; ++i)
    c.StartAgent("alarm-" + std::to_string(i), {{"env", "it"}}, env);
  REQUIRE(c.WaitForInstances(kAgents));
  c.CreateAppAndGroup("shop", "prod", "OneAtATime");
  auto watch = c.Berth(
      {"group", "update", "shop", "prod", "--alarms", "cpu-high", "--auto-rollback", "alarm"});
  INFO(watch.out << watch.err);
  REQUIRE(watch.exit_code == 0);

  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0.05"});
  std::string v1 = c.Push(c.Sub("v1"), "shop");
  auto first = c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", v1, "--wait"});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  for (int i = 0; i < kAgents; ++i) REQUIRE(VersionOn(c, i) == "v1\n");

  WriteRecordingApp(c.Sub("v2"), {.version = "v2", .hook_sleep = "1"});
  return c.Push(c.Sub("v2"), "shop");
}

// Starts deploying `revision` and returns once its first host has installed it (its
// hooks still running).
std::string DeployUntilFirstHostInstalled(Cluster& c, const std::string& revision) {
  const std::string id = c.Deploy("shop", "prod", revision);
  bool installed = testing::WaitFor(
      [&] {
        for (int i = 0; i < kAgents; ++i) {
          if (VersionOn(c, i) == "v2\n") return true;
        }
        return false;
      },
      30000);
  REQUIRE(installed);
  return id;
}

// The deployment ended Stopped by the alarm, rolled back by a deployment that
// succeeded on every host it had started, and every host serves v1 again.
void CheckStoppedAndRolledBack(Cluster& c, const std::string& id) {
  Json d = c.WaitForDeployment(id);
  INFO(d.dump(2));
  CHECK(d["status"] == "Stopped");
  CHECK(d["errorInformation"]["code"] == "ALARM_ACTIVE");
  CHECK(d["errorInformation"]["message"].get<std::string>().rfind("alarm \"cpu-high\" fired", 0) ==
        0);
  int started = 0, skipped = 0;
  for (const auto& t : c.Targets(id)) {
    if (t["status"] == "Skipped") {
      ++skipped;
    } else if (t["status"] != "Pending") {
      ++started;
    }
  }
  CHECK(started >= 1);
  CHECK(skipped >= 1);  // OneAtATime: the alarm fired while the first host was deploying
  REQUIRE(d["rollbackInfo"].contains("rollbackDeploymentId"));
  const std::string rollback_id = d["rollbackInfo"]["rollbackDeploymentId"];

  Json rollback = c.WaitForDeployment(rollback_id);
  INFO(rollback.dump(2));
  CHECK(rollback["status"] == "Succeeded");
  CHECK(rollback["creator"] == "rollback");
  CHECK(rollback["rollbackInfo"]["rollbackTriggeringDeploymentId"] == id);
  CHECK(c.Targets(rollback_id).size() == static_cast<size_t>(started));
  for (int i = 0; i < kAgents; ++i) CHECK(VersionOn(c, i) == "v1\n");

  auto wait = c.Berth({"deployment", "wait", id});
  CHECK(wait.exit_code == 1);
  CHECK(wait.out.find("Rolled back by " + rollback_id) != std::string::npos);
}

TEST_CASE("berth alarm set ALARM stops and rolls back a deployment, and none starts until OK",
          "[integration]") {
  Cluster c;
  const std::string v2 = StartWatchedGroupOnV1(c);
  const std::string id = DeployUntilFirstHostInstalled(c, v2);

  auto fire = c.Berth({"alarm", "set", "cpu-high", "ALARM", "--reason", "load 97%"});
  INFO(fire.out << fire.err);
  REQUIRE(fire.exit_code == 0);
  CHECK(fire.out == "Alarm cpu-high is ALARM\n");
  CheckStoppedAndRolledBack(c, id);
  Json stopped = c.WaitForDeployment(id);
  CHECK(stopped["errorInformation"]["message"] == "alarm \"cpu-high\" fired: load 97%");

  auto list = c.Berth({"--output", "json", "alarm", "list"});
  INFO(list.out << list.err);
  REQUIRE(list.exit_code == 0);
  Json alarms = Json::parse(list.out)["alarms"];
  REQUIRE(alarms.size() == 1);
  CHECK(alarms[0]["alarmName"] == "cpu-high");
  CHECK(alarms[0]["state"] == "ALARM");
  CHECK(alarms[0]["reason"] == "load 97%");

  auto refused = c.Berth({"deploy", "shop", "prod", "--revision", v2});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("alarm \"cpu-high\" that deployment group \"prod\" watches is firing") !=
        std::string::npos);

  auto calm = c.Berth({"alarm", "set", "cpu-high", "ok"});
  INFO(calm.out << calm.err);
  REQUIRE(calm.exit_code == 0);
  auto got = c.Berth({"alarm", "get", "cpu-high"});
  CHECK(got.out.find("State:    OK\n") != std::string::npos);
  auto accepted =
      c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", v2, "--wait"});
  INFO(accepted.out << accepted.err);
  CHECK(accepted.exit_code == 0);
  for (int i = 0; i < kAgents; ++i) CHECK(VersionOn(c, i) == "v2\n");

  auto bad = c.Berth({"alarm", "set", "cpu-high", "RED"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("alarm state \"RED\" is not one of OK, ALARM") != std::string::npos);
  auto unknown = c.Berth({"alarm", "get", "never-set"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("alarm \"never-set\" has never been set") != std::string::npos);
}

Json Alert(const std::string& status, const std::string& name) {
  return {{"status", status},
          {"labels", {{"alertname", name}, {"severity", "page"}}},
          {"annotations", {{"summary", name + " is " + status}}},
          {"startsAt", "2026-11-25T10:00:00Z"},
          {"endsAt", "0001-01-01T00:00:00Z"},
          {"generatorURL", "http://prometheus:9090/graph"},
          {"fingerprint", "c0ffee"}};
}

Json AlertmanagerPayload(const Json& alerts) {
  return {{"version", "4"},
          {"groupKey", "{}:{alertname=\"cpu-high\"}"},
          {"truncatedAlerts", 0},
          {"status", "firing"},
          {"receiver", "berth"},
          {"groupLabels", {{"alertname", "cpu-high"}}},
          {"commonLabels", {{"alertname", "cpu-high"}}},
          {"commonAnnotations", Json::object()},
          {"externalURL", "http://alertmanager:9093"},
          {"alerts", alerts}};
}

TEST_CASE(
    "an Alertmanager webhook stops and rolls back a deployment, and a malformed one changes "
    "nothing",
    "[integration]") {
  Cluster c;
  const std::string v2 = StartWatchedGroupOnV1(c);

  // The second alert lacks its alertname: the whole payload is refused, the valid
  // first alert included.
  Json nameless = Alert("firing", "x");
  nameless["labels"].erase("alertname");
  auto malformed = c.Api("POST", "/api/v1/alertmanager",
                         AlertmanagerPayload(Json::array({Alert("firing", "cpu-high"), nameless})));
  CHECK(malformed.status == 400);
  CHECK(malformed.body["code"] == "INVALID_ARGUMENT");
  CHECK(malformed.body["message"] == "alerts[1].labels.alertname is required");
  auto none = c.Api("GET", "/api/v1/alarms");
  CHECK(none.body["alarms"] == Json::array());
  CHECK(c.Api("GET", "/api/v1/alarms/cpu-high").status == 404);
  auto unauthorized =
      c.Api("POST", "/api/v1/alertmanager",
            AlertmanagerPayload(Json::array({Alert("firing", "cpu-high")})), "wrong-token");
  CHECK(unauthorized.status == 401);
  CHECK(c.Api("GET", "/api/v1/alarms/cpu-high").status == 404);

  const std::string id = DeployUntilFirstHostInstalled(c, v2);
  auto fired = c.Api(
      "POST", "/api/v1/alertmanager",
      AlertmanagerPayload(Json::array({Alert("firing", "cpu-high"), Alert("resolved", "disk")})));
  INFO(fired.body.dump());
  REQUIRE(fired.status == 200);
  REQUIRE(fired.body["alarms"].size() == 2);
  CHECK(fired.body["alarms"][0]["alarmName"] == "cpu-high");
  CHECK(fired.body["alarms"][0]["state"] == "ALARM");
  CHECK(fired.body["alarms"][1]["alarmName"] == "disk");
  CHECK(fired.body["alarms"][1]["state"] == "OK");
  CheckStoppedAndRolledBack(c, id);
  Json stopped = c.WaitForDeployment(id);
  CHECK(stopped["errorInformation"]["message"] == "alarm \"cpu-high\" fired: cpu-high is firing");

  auto resolved = c.Api("POST", "/api/v1/alertmanager",
                        AlertmanagerPayload(Json::array({Alert("resolved", "cpu-high")})));
  CHECK(resolved.status == 200);
  auto alarm = c.Api("GET", "/api/v1/alarms/cpu-high");
  CHECK(alarm.body["state"] == "OK");
  CHECK(alarm.body["reason"] == "cpu-high is resolved");
}

}  // namespace
}  // namespace berth::itest
