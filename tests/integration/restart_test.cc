// The controller killed with SIGKILL in the middle of a deployment, and started again on
// the same data dir, finishes that deployment.
#include <catch2/catch.hpp>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

int SucceededEvents(const Json& targets) {
  int n = 0;
  for (const auto& t : targets) {
    for (const auto& e : t["lifecycleEvents"]) n += e["status"] == "Succeeded";
  }
  return n;
}

TEST_CASE("A controller killed mid-deployment finishes it after a restart", "[integration]") {
  Cluster c;
  c.StartController();
  const std::map<std::string, std::string> env = {{"BERTH_IT_TIMELINE", c.Sub("timeline")}};
  c.StartAgent("db-1", {{"env", "it"}}, env);
  c.StartAgent("db-2", {{"env", "it"}}, env);
  REQUIRE(c.WaitForInstances(2));
  c.CreateAppAndGroup("db", "prod", "OneAtATime");
  WriteRecordingApp(c.Sub("rev"), {.version = "v1", .hook_sleep = "0.7"});
  std::string revision = c.Push(c.Sub("rev"), "db");

  auto created =
      c.Api("POST", "/api/v1/deployments",
            {{"applicationName", "db"}, {"deploymentGroupName", "prod"}, {"revisionId", revision}});
  REQUIRE(created.status == 201);
  const std::string id = created.body["deploymentId"];

  // Let the first host get part of the way, then kill the controller mid-event.
  REQUIRE(testing::WaitFor(
      [&] { return SucceededEvents(c.Targets(id)) >= 3; }, 30000));
  c.KillController();
  c.StartController();

  Json d = c.WaitForDeployment(id, 90000);
  INFO(d.dump(2));
  CHECK(d["status"] == "Succeeded");
  CHECK(d["deploymentOverview"]["Succeeded"] == 2);
  for (int i = 0; i < 2; ++i) {
    CHECK(testing::ReadTestFile(c.InstallRoot(i) + "/opt/app/version.txt") == "v1\n");
  }
}

}  // namespace
}  // namespace berth::itest
