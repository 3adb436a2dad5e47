#include "tests/integration/fault_checks.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "common/testing/temp_dir.h"

namespace berth::itest {
namespace {

bool IsHookEvent(const std::string& event) {
  static const std::set<std::string> kHooks = {"ApplicationStop", "BeforeInstall", "AfterInstall",
                                               "ApplicationStart", "ValidateService"};
  return kHooks.count(event) > 0;
}

int Count(const std::map<std::pair<std::string, std::string>, int>& m, const std::string& instance,
          const std::string& event) {
  auto it = m.find({instance, event});
  return it == m.end() ? 0 : it->second;
}

}  // namespace

int HookRuns::Starts(const std::string& instance, const std::string& event) const {
  return Count(starts, instance, event);
}

int HookRuns::Ends(const std::string& instance, const std::string& event) const {
  return Count(ends, instance, event);
}

HookRuns ReadTimeline(const std::string& path) {
  HookRuns runs;
  std::istringstream in(testing::ReadTestFile(path));
  std::string ns, instance, event, phase;
  while (in >> ns >> instance >> event >> phase) {
    (phase == "start" ? runs.starts : runs.ends)[{instance, event}]++;
  }
  return runs;
}

std::mt19937 SeededRandom(const std::string& test_name) {
  const char* fixed = std::getenv("BERTH_FAULT_SEED");
  const unsigned seed = fixed != nullptr ? static_cast<unsigned>(std::strtoul(fixed, nullptr, 10))
                                         : std::random_device{}();
  std::cout << test_name << ": seed " << seed << " (BERTH_FAULT_SEED=" << seed
            << " repeats it)" << std::endl;
  return std::mt19937(seed);
}

std::string CheckHost(const Json& d, const Json& targets, const HookRuns& runs,
                      const std::string& instance,
                      const HostExpectation& expect) {
  const Json* target = nullptr;
  for (const Json& t : targets) {
    if (t["instanceName"] == instance) target = &t;
  }
  INFO("host " << instance);
  REQUIRE(target != nullptr);
  const std::string status = (*target)["status"];
  bool ended = false;          // an earlier event failed or was skipped
  bool failed_event = false;   // one event failed
  for (const Json& e : (*target)["lifecycleEvents"]) {
    const std::string name = e["lifecycleEventName"];
    const std::string event_status = e["status"];
    INFO("event " << name << ": " << e.dump());
    const int started = IsHookEvent(name) ? runs.Starts(instance, name) : 0;
    if (event_status == "Skipped") {
      ended = true;
      CHECK(started == 0);
    } else if (event_status == "Failed") {
      CHECK_FALSE(ended);
      ended = failed_event = true;
      const std::string code = e.value("diagnostics", Json::object()).value("errorCode", "");
      CHECK(expect.allowed_failure_codes.count(code) == 1);
      CHECK(started <= 1);
    } else {
      CHECK(event_status == "Succeeded");
      CHECK_FALSE(ended);
      if (!IsHookEvent(name)) continue;
      const int expected = name == "ApplicationStop" && expect.first_deployment ? 0 : 1;
      CHECK(started == expected);
      CHECK(runs.Ends(instance, name) == expected);
    }
  }
  if (expect.allowed_failure_codes.empty()) CHECK(status == "Succeeded");
  if (status == "Succeeded") CHECK_FALSE(ended);
  // Failed without a failed event: the deployment failed (health constraints) while this
  // host was part-way, and the rest of its events were skipped.
  if (status == "Failed" && !failed_event) CHECK(d["status"] == "Failed");
  CHECK((status == "Succeeded" || status == "Failed" || status == "Skipped"));
  return status;
}

std::string StartFaultFleet(Cluster& c, const std::string& prefix, int hosts,
                            const std::string& config, RecordingAppOptions app) {
  const std::map<std::string, std::string> env = {{"BERTH_IT_TIMELINE", c.Sub("timeline")}};
  for (int i = 1; i <= hosts; ++i) {
    c.StartAgent(prefix + "-" + std::to_string(i), {{"env", "it"}}, env);
  }
  REQUIRE(c.WaitForInstances(hosts));
  c.CreateAppAndGroup(prefix, "prod", config);
  if (!app.gate_host.empty()) app.gate_file = c.Sub("gate");
  WriteRecordingApp(c.Sub("rev"), app);
  return c.Push(c.Sub("rev"), prefix);
}

int CheckFleet(Cluster& c, const Json& d, const std::string& prefix, int hosts,
               const HostExpectation& expect) {
  const HookRuns runs = ReadTimeline(c.Sub("timeline"));
  const Json targets = c.Targets(d["deploymentId"]);
  INFO("targets: " << targets.dump(2));
  int succeeded = 0;
  for (int i = 1; i <= hosts; ++i) {
    if (CheckHost(d, targets, runs, prefix + "-" + std::to_string(i), expect) != "Succeeded") continue;
    ++succeeded;
    CHECK(InstalledVersion(c.InstallRoot(i - 1)) == "v1\n");
  }
  return succeeded;
}

std::string HalfAtATimeVerdict(int hosts, int succeeded) {
  const int minimum_healthy = (hosts + 1) / 2;
  return succeeded >= minimum_healthy && succeeded >= 1 ? "Succeeded" : "Failed";
}

}  // namespace berth::itest
