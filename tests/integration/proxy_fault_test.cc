// Fault test: every agent reaches the controller through a TCP proxy that
// resets new connections, delays what it forwards and cuts connections mid-stream. gRPC
// calls fail and are retried (AckCommand and CompleteCommand are idempotent, a poll whose
// answer was lost gets the same command again), so the deployment succeeds and every hook
// runs exactly once.
#include <catch2/catch.hpp>
#include <map>
#include <iostream>
#include <random>
#include <string>

#include "common/testing/temp_dir.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"
#include "tests/integration/fault_checks.h"
#include "tests/integration/tcp_proxy.h"

namespace berth::itest {
namespace {

constexpr int kHosts = 3;

TEST_CASE("Through a proxy that drops, delays and cuts connections a deployment succeeds, "
          "every hook once",
          "[integration][faults]") {
  std::mt19937 random = SeededRandom("faulty network");
  Cluster c;
  c.StartController();
  const int grpc_port = std::stoi(c.grpc_address().substr(c.grpc_address().rfind(':') + 1));
  FaultyProxy proxy(grpc_port, {}, random());
  c.SetAgentControllerAddress("127.0.0.1:" + std::to_string(proxy.port()));
  // The last host holds the deployment open until the proxy has done harm enough.
  const std::string revision = StartFaultFleet(
      c, "px", kHosts, "AllAtOnce",
      {.version = "v1", .hook_sleep = "0.1", .gate_host = "px-" + std::to_string(kHosts)});

  // Enrolled through a healthy proxy; from now on the network is bad.
  proxy.SetFaults({.drop_probability = 0.3,
                   .max_delay_ms = 100,
                   .cut_probability = 1.0,
                   .min_life_ms = 100,
                   .max_life_ms = 1500});
  const std::string id = c.Deploy("px", "prod", revision);
  // The faults are real: connections were refused and cut while the deployment ran.
  CHECK(testing::WaitFor(
      [&] {
        const ProxyCounts now = proxy.counts();
        return now.dropped >= 2 && now.cut >= 4;
      },
      60000));
  CHECK(c.Api("GET", "/api/v1/deployments/" + id).body["status"] == "InProgress");
  testing::WriteTestFile(c.Sub("gate"), "");
  Json d = c.WaitForDeployment(id, 90000);
  const ProxyCounts counts = proxy.counts();
  std::cout << "faulty network: " << counts.accepted << " connections, " << counts.dropped
            << " dropped, " << counts.cut << " cut, " << counts.bytes << " bytes forwarded"
            << std::endl;
  INFO(d.dump(2) << "\ntimeline:\n" << testing::ReadTestFile(c.Sub("timeline")));
  REQUIRE(d["status"] == "Succeeded");
  CHECK(d["deploymentOverview"]["Succeeded"] == kHosts);
  CHECK(CheckFleet(c, d, "px", kHosts) == kHosts);
  CHECK(c.Api("GET", "/api/v1/applications").status == 200);
}

}  // namespace
}  // namespace berth::itest
