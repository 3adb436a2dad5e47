// berth-controller backup taken in the middle of a deployment, and restore: the data dir
// is lost, the backup is restored in its place, and the controller carries on from it.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

TEST_CASE("A backup taken mid-deployment restores into a controller that finishes it and deploys again",
          "[integration]") {
  Cluster c;
  c.StartController();
  c.StartAgent("db-1", {{"env", "it"}});
  c.StartAgent("db-2", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(2));
  c.CreateAppAndGroup("db", "prod", "OneAtATime");
  WriteRecordingApp(c.Sub("rev1"), {.version = "v1", .hook_sleep = "0.4"});
  const std::string v1 = c.Push(c.Sub("rev1"), "db");
  WriteRecordingApp(c.Sub("rev2"), {.version = "v2", .hook_sleep = "0"});
  const std::string v2 = c.Push(c.Sub("rev2"), "db");

  auto created = c.Api("POST", "/api/v1/deployments",
                       {{"applicationName", "db"}, {"deploymentGroupName", "prod"}, {"revisionId", v1}});
  REQUIRE(created.status == 201);
  const std::string id = created.body["deploymentId"];
  // One host done, the other one under way (OneAtATime).
  REQUIRE(testing::WaitFor(
      [&] {
        Json d = c.Api("GET", "/api/v1/deployments/" + id).body;
        return d["deploymentOverview"]["Succeeded"] == 1;
      },
      60000));

  const std::string data_dir = c.Sub("controller-data");
  const std::string backup = c.Sub("controller.backup.tgz");
  auto taken = testing::RunCommand(
      {BinPath("berth-controller"), "backup", "--data-dir", data_dir, "--to", backup});
  INFO(taken.err);
  REQUIRE(taken.exit_code == 0);
  CHECK(taken.out.find("backed up " + data_dir + " to " + backup) == 0);
  CHECK((std::filesystem::status(backup).permissions() & std::filesystem::perms::others_read) ==
        std::filesystem::perms::none);

  // The data dir is lost; the backup takes its place.
  c.KillController();
  std::filesystem::remove_all(data_dir);
  auto restored = testing::RunCommand(
      {BinPath("berth-controller"), "restore", "--from", backup, "--data-dir", data_dir});
  INFO(restored.err);
  REQUIRE(restored.exit_code == 0);
  auto again = testing::RunCommand(
      {BinPath("berth-controller"), "restore", "--from", backup, "--data-dir", data_dir});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("it is not empty") != std::string::npos);
  c.StartController();

  Json d = c.WaitForDeployment(id, 90000);
  INFO(d.dump(2));
  CHECK(d["status"] == "Succeeded");
  CHECK(d["deploymentOverview"]["Succeeded"] == 2);
  // The revisions' bundles came back with it: the next deployment runs from them.
  auto next = c.Api("POST", "/api/v1/deployments",
                    {{"applicationName", "db"}, {"deploymentGroupName", "prod"}, {"revisionId", v2}});
  REQUIRE(next.status == 201);
  Json d2 = c.WaitForDeployment(next.body["deploymentId"], 90000);
  INFO(d2.dump(2));
  CHECK(d2["status"] == "Succeeded");
  for (int i = 0; i < 2; ++i) CHECK(InstalledVersion(c.InstallRoot(i)) == "v2\n");
}

}  // namespace
}  // namespace berth::itest
