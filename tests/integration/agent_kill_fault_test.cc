// Fault test: agents SIGKILLed at random moments of one deployment and started
// again at once on the same root. APPSPEC.md says how each host ends: an agent killed
// while an event ran reports it FailedAfterRestart when it is back (its hook may have
// run, once); an agent killed between events, or after an event ended but before the
// controller had its report, carries on, and that host runs every hook exactly once. The
// deployment then ends as HalfAtATime's rules say for the hosts that succeeded.
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <random>
#include <string>
#include <thread>

#include "common/testing/temp_dir.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"
#include "tests/integration/fault_checks.h"

namespace berth::itest {
namespace {

constexpr int kHosts = 4;
constexpr int kKills = 10;

TEST_CASE("Agents SIGKILLed at random moments and restarted run each hook once or fail "
          "FailedAfterRestart",
          "[integration][faults]") {
  std::mt19937 random = SeededRandom("agent kills");
  Cluster c;
  c.StartController();
  const std::string revision = StartFaultFleet(
      c, "ak", kHosts, "HalfAtATime",
      {.version = "v1", .hook_sleep = "0.1", .gate_host = "ak-" + std::to_string(kHosts)});
  const std::string id = c.Deploy("ak", "prod", revision);

  std::uniform_int_distribution<int> moment_ms(0, 700);
  std::uniform_int_distribution<int> host(0, kHosts - 1);
  std::string kills;
  for (int kill = 0; kill < kKills; ++kill) {
    const int ms = moment_ms(random);
    const int victim = host(random);
    kills += "ak-" + std::to_string(victim + 1) + "@" + std::to_string(ms) + "ms ";
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    c.RestartAgent(victim);
  }
  std::cout << "agent kills: " << kills << std::endl;
  testing::WriteTestFile(c.Sub("gate"), "");

  Json d = c.WaitForDeployment(id, 60000);
  INFO(d.dump(2) << "\ntimeline:\n" << testing::ReadTestFile(c.Sub("timeline")));
  REQUIRE((d["status"] == "Succeeded" || d["status"] == "Failed"));
  const int succeeded =
      CheckFleet(c, d, "ak", kHosts, {.allowed_failure_codes = {"FailedAfterRestart"}});
  std::cout << "agent kills: " << succeeded << " of " << kHosts << " hosts succeeded; deployment "
            << d["status"] << std::endl;
  CHECK(d["status"] == HalfAtATimeVerdict(kHosts, succeeded));
  CHECK(d["deploymentOverview"]["Succeeded"] == succeeded);
  if (d["status"] == "Failed") CHECK(d["errorInformation"]["code"] == "HEALTH_CONSTRAINTS");
  CHECK(c.Api("GET", "/api/v1/applications").status == 200);
}

}  // namespace
}  // namespace berth::itest
