// Waves, bakes, approvals and canaries against real agents: a wave starts only
// after `deployment continue`, `stop --rollback` in a wait rolls back, an alarm during a
// canary's bake stops and rolls back, --auto-promote carries on by itself, --wave-by zone
// never runs two zones at once, and a wait survives a SIGKILLed controller.
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

std::string VersionOn(Cluster& c, int agent) { return InstalledVersion(c.InstallRoot(agent)); }

// `hosts` agents tagged env=it (and zone=zones[i] when given), application "shop" with
// group "prod" (AllAtOnce, so only the waves limit the rollout), v1 deployed everywhere.
// Returns the revision id of v2.
std::string StartFleetOnV1(Cluster& c, int hosts, const std::vector<std::string>& zones = {}) {
  c.StartController();
  for (int i = 0; i < hosts; ++i) {
    std::map<std::string, std::string> tags = {{"env", "it"}};
    if (!zones.empty()) tags["zone"] = zones[i];
    c.StartAgent("wave-" + std::to_string(i + 1), tags);
  }
  REQUIRE(c.WaitForInstances(hosts));
  c.CreateAppAndGroup("shop", "prod", "AllAtOnce");
  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0.05"});
  const std::string v1 = c.Push(c.Sub("v1"), "shop");
  auto first = c.Berth({"deploy", "shop", "prod", "--revision", v1, "--wait"});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  WriteRecordingApp(c.Sub("v2"), {.version = "v2", .hook_sleep = "0.1"});
  return c.Push(c.Sub("v2"), "shop");
}

Json GetDeployment(Cluster& c, const std::string& id) {
  ApiReply r = c.Api("GET", "/api/v1/deployments/" + id);
  REQUIRE(r.status == 200);
  return r.body;
}

// Waits until the deployment's JSON satisfies `pred`; returns it.
Json WaitUntil(Cluster& c, const std::string& id, const std::function<bool(const Json&)>& pred,
               int timeout_ms = 60000) {
  Json d;
  bool reached = testing::WaitFor(
      [&] {
        d = GetDeployment(c, id);
        return pred(d);
      },
      timeout_ms);
  INFO(d.dump(2));
  REQUIRE(reached);
  return d;
}

Json WaitForReady(Cluster& c, const std::string& id) {
  return WaitUntil(c, id, [](const Json& d) { return d["status"] == "Ready"; });
}

int Count(const Json& d, const char* status) { return d["deploymentOverview"][status].get<int>(); }

std::vector<std::string> HistoryEvents(const Json& d) {
  std::vector<std::string> events;
  for (const Json& r : d["waves"]["history"]) {
    events.push_back(std::to_string(r["wave"].get<int>()) + ":" + r["event"].get<std::string>());
  }
  return events;
}

TEST_CASE(
    "Three waves with approval: a wave starts only after continue, and stop "
    "--rollback in a wait rolls back",
    "[integration][waves]") {
  Cluster c;
  const std::string v2 = StartFleetOnV1(c, 3);
  const std::string id = c.Deploy("shop", "prod", v2, {"--waves", "1,2,3", "--approval"});

  Json ready = WaitForReady(c, id);
  CHECK(ready["waves"]["current"] == 1);
  CHECK(ready["waves"]["count"] == 3);
  CHECK(ready["waves"]["wait"] == "Approval");
  CHECK(Count(ready, "Succeeded") == 1);
  CHECK(Count(ready, "Pending") == 2);
  // Nobody answers: nothing more starts.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  Json still = GetDeployment(c, id);
  CHECK(still["status"] == "Ready");
  CHECK(Count(still, "Pending") == 2);
  int on_v2 = 0;
  for (int i = 0; i < 3; ++i) on_v2 += VersionOn(c, i) == "v2\n";
  CHECK(on_v2 == 1);

  auto get = c.Berth({"deployment", "get", id});
  INFO(get.out << get.err);
  CHECK(get.exit_code == 0);
  CHECK(get.out.find("Status:") != std::string::npos);
  CHECK(get.out.find("Ready\n") != std::string::npos);
  CHECK(get.out.find("1 of 3\n") != std::string::npos);
  CHECK(get.out.find("for approval (berth deployment continue " + id + ")") != std::string::npos);
  CHECK(get.out.find("wave 1  Ready: waiting for `berth deployment continue " + id +
                     "` before wave 2 of 3") != std::string::npos);
  auto json = c.Berth({"--output", "json", "deployment", "get", id});
  REQUIRE(json.exit_code == 0);
  CHECK(Json::parse(json.out)["waves"]["wait"] == "Approval");
  CHECK(Json::parse(json.out)["rollout"]["waves"] == Json::array({"1", "2", "3"}));

  auto go = c.Berth({"deployment", "continue", id});
  INFO(go.out << go.err);
  REQUIRE(go.exit_code == 0);
  CHECK(go.out == "Continued deployment " + id + ": wave 2 of 3 started (InProgress)\n");
  Json second = WaitForReady(c, id);
  CHECK(second["waves"]["current"] == 2);
  CHECK(Count(second, "Succeeded") == 2);
  CHECK(Count(second, "Pending") == 1);
  CHECK(HistoryEvents(second) == std::vector<std::string>{"1:WaveStarted", "1:Ready", "1:Continued",
                                                          "2:WaveStarted", "2:Ready"});

  auto stop = c.Berth({"--output", "json", "deployment", "stop", id, "--rollback"});
  INFO(stop.out << stop.err);
  REQUIRE(stop.exit_code == 0);
  Json stopped = c.WaitForDeployment(id);
  CHECK(stopped["status"] == "Stopped");
  CHECK(stopped["errorInformation"]["code"] == "MANUAL_STOP");
  CHECK(Count(stopped, "Skipped") == 1);
  REQUIRE(stopped["rollbackInfo"].contains("rollbackDeploymentId"));
  Json rollback = c.WaitForDeployment(stopped["rollbackInfo"]["rollbackDeploymentId"]);
  CHECK(rollback["status"] == "Succeeded");
  CHECK(Count(rollback, "Succeeded") == 2);  // the hosts the waves touched
  for (int i = 0; i < 3; ++i) CHECK(VersionOn(c, i) == "v1\n");

  auto late = c.Berth({"deployment", "continue", id});
  CHECK(late.exit_code == 2);
  CHECK(late.err.find("deployment " + id +
                      " is not waiting for approval (its status is Stopped)") != std::string::npos);
}

TEST_CASE(
    "A canary with a bake: an alarm during the bake stops and rolls back, and "
    "--auto-promote carries on by itself",
    "[integration][waves]") {
  Cluster c;
  const std::string v2 = StartFleetOnV1(c, 3);
  auto watch = c.Berth({"group", "update", "shop", "prod", "--alarms", "errors"});
  INFO(watch.out << watch.err);
  REQUIRE(watch.exit_code == 0);

  const std::string id = c.Deploy("shop", "prod", v2, {"--canary", "1", "--bake", "30s"});
  Json baking = WaitUntil(c, id, [](const Json& d) {
    return d.contains("waves") && d["waves"].value("wait", "") == "Bake";
  });
  CHECK(baking["status"] == "InProgress");
  CHECK(Count(baking, "Succeeded") == 1);
  CHECK(Count(baking, "Pending") == 2);
  auto fire = c.Berth({"alarm", "set", "errors", "ALARM", "--reason", "5xx up"});
  REQUIRE(fire.exit_code == 0);
  Json stopped = c.WaitForDeployment(id);
  INFO(stopped.dump(2));
  CHECK(stopped["status"] == "Stopped");
  CHECK(stopped["errorInformation"]["code"] == "ALARM_ACTIVE");
  CHECK(stopped["errorInformation"]["message"] == "alarm \"errors\" fired: 5xx up during the bake");
  CHECK(HistoryEvents(stopped).back() == "1:BakeFailed");
  REQUIRE(stopped["rollbackInfo"].contains("rollbackDeploymentId"));
  Json rollback = c.WaitForDeployment(stopped["rollbackInfo"]["rollbackDeploymentId"]);
  CHECK(rollback["status"] == "Succeeded");
  CHECK(Count(rollback, "Succeeded") == 1);  // only the canary was touched
  for (int i = 0; i < 3; ++i) CHECK(VersionOn(c, i) == "v1\n");

  REQUIRE(c.Berth({"alarm", "set", "errors", "OK"}).exit_code == 0);
  auto promoted = c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", v2,
                           "--canary", "1", "--bake", "2s", "--auto-promote", "--wait"});
  INFO(promoted.out << promoted.err);
  REQUIRE(promoted.exit_code == 0);
  Json done = Json::parse(promoted.out);
  CHECK(done["status"] == "Succeeded");
  CHECK(HistoryEvents(done) ==
        std::vector<std::string>{"1:WaveStarted", "1:Baking", "1:BakePassed", "2:WaveStarted"});
  for (int i = 0; i < 3; ++i) CHECK(VersionOn(c, i) == "v2\n");

  auto bad = c.Berth({"deploy", "shop", "prod", "--revision", v2, "--canary", "0"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--canary \"0\" is not a host count (1 or more) or a percentage") !=
        std::string::npos);
  auto lone = c.Berth({"deploy", "shop", "prod", "--revision", v2, "--auto-promote"});
  CHECK(lone.exit_code == 2);
  CHECK(lone.err.find("--auto-promote needs --canary") != std::string::npos);
}

TEST_CASE("Waves by zone over 6 hosts in 3 zones never run two zones at once",
          "[integration][waves]") {
  Cluster c;
  const std::vector<std::string> zones = {"a", "b", "c", "a", "b", "c"};
  const std::string v2 = StartFleetOnV1(c, 6, zones);
  auto deployed = c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", v2,
                           "--wave-by", "zone", "--wave-order", "c,a", "--wait"});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);
  Json d = Json::parse(deployed.out);
  CHECK(d["waves"]["labels"] == Json::array({"c", "a", "b"}));
  CHECK(d["waves"]["ends"] == Json::array({2, 4, 6}));

  // Each zone's first event starts after the previous zone's last event ended.
  std::map<std::string, std::pair<std::string, std::string>> span;  // zone -> first, last
  Json targets = c.Targets(d["deploymentId"]);
  REQUIRE(targets.size() == 6);
  for (const Json& t : targets) {
    CHECK(t["status"] == "Succeeded");
    const std::string name = t["instanceName"];
    const std::string zone = zones[std::stoi(name.substr(name.find('-') + 1)) - 1];
    auto& [first, last] = span[zone];
    for (const Json& e : t["lifecycleEvents"]) {
      const std::string start = e.value("startTime", "");
      const std::string end = e.value("endTime", "");
      REQUIRE(!start.empty());
      REQUIRE(!end.empty());
      if (first.empty() || start < first) first = start;
      if (last.empty() || end > last) last = end;
    }
  }
  INFO(targets.dump(2));
  CHECK(span["c"].second <= span["a"].first);
  CHECK(span["a"].second <= span["b"].first);
}

TEST_CASE(
    "A controller SIGKILLed while a deployment waits for approval resumes the wait, and "
    "continue carries on to Succeeded",
    "[integration][waves][faults]") {
  Cluster c;
  const std::string v2 = StartFleetOnV1(c, 2);
  const std::string id =
      c.Deploy("shop", "prod", v2, {"--waves", "50%", "--approval", "--approval-timeout", "1h"});
  Json ready = WaitForReady(c, id);
  const std::string deadline = ready["waves"]["waitUntil"];

  c.KillController();
  c.StartController();
  Json after = GetDeployment(c, id);
  CHECK(after["status"] == "Ready");
  CHECK(after["waves"]["wait"] == "Approval");
  CHECK(after["waves"]["waitUntil"] == deadline);
  CHECK(Count(after, "Pending") == 1);

  auto go = c.Berth({"deployment", "continue", id});
  INFO(go.out << go.err);
  REQUIRE(go.exit_code == 0);
  Json done = c.WaitForDeployment(id);
  CHECK(done["status"] == "Succeeded");
  CHECK(Count(done, "Succeeded") == 2);
  for (int i = 0; i < 2; ++i) CHECK(VersionOn(c, i) == "v2\n");
}

}  // namespace
}  // namespace berth::itest
