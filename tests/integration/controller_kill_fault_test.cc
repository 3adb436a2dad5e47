// Fault test: the controller SIGKILLed at 20 random moments of one deployment
// and started again each time on the same data dir. The deployment still succeeds, and on
// every host every hook ran exactly once: nothing the controller acknowledged is lost, and
// nothing an agent already ran is handed out again.
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
constexpr int kKills = 20;

TEST_CASE("The controller SIGKILLed at 20 random moments of one deployment finishes it, "
          "every hook once",
          "[integration][faults]") {
  std::mt19937 random = SeededRandom("controller kills");
  Cluster c;
  c.StartController();
  // The last host holds the deployment open (in ValidateService) until every kill is done.
  const std::string revision = StartFaultFleet(
      c, "ck", kHosts, "HalfAtATime",
      {.version = "v1", .hook_sleep = "0.3", .gate_host = "ck-" + std::to_string(kHosts)});
  const std::string id = c.Deploy("ck", "prod", revision);

  std::uniform_int_distribution<int> moment_ms(0, 900);
  std::string moments;
  for (int kill = 0; kill < kKills; ++kill) {
    const int ms = moment_ms(random);
    moments += std::to_string(ms) + " ";
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    c.KillController();
    c.StartController();
  }
  std::cout << "controller kills: " << kKills << " after " << moments << "ms of uptime each"
            << std::endl;
  // Every kill landed while the deployment was open: the gate host was still waiting.
  ApiReply open = c.Api("GET", "/api/v1/deployments/" + id);
  REQUIRE(open.status == 200);
  CHECK(open.body["status"] == "InProgress");
  testing::WriteTestFile(c.Sub("gate"), "");

  Json d = c.WaitForDeployment(id, 90000);
  INFO(d.dump(2) << "\ntimeline:\n" << testing::ReadTestFile(c.Sub("timeline")));
  REQUIRE(d["status"] == "Succeeded");
  CHECK(d["deploymentOverview"]["Succeeded"] == kHosts);
  CHECK(CheckFleet(c, d, "ck", kHosts) == kHosts);
  // And the controller goes on serving.
  CHECK(c.Api("GET", "/api/v1/applications").status == 200);
}

}  // namespace
}  // namespace berth::itest
