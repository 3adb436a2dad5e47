// Revisions from a git commit: a repository made by the test, deployed over file://.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"
#include "tests/integration/moto.h"
#include "tests/integration/revision_helpers.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;

TEST_CASE("git: deploying the first of two commits installs that commit's files",
          "[integration][git]") {
  Cluster c;
  const std::string repo = c.Sub("repo");
  WriteRecordingApp(repo, {.version = "v1", .hook_sleep = "0"});
  Git(repo, {"init", "-q"});
  Git(repo, {"add", "-A"});
  Git(repo, {"commit", "-q", "-m", "v1"});
  std::string first = Git(repo, {"rev-parse", "HEAD"});
  first.erase(first.find_last_not_of("\n") + 1);
  testing::WriteTestFile(repo + "/payload/version.txt", "v2\n");
  testing::WriteTestFile(repo + "/payload/only-in-v2.txt", "new\n");
  Git(repo, {"add", "-A"});
  Git(repo, {"commit", "-q", "-m", "v2"});

  c.SetControllerArgs({"--allow-insecure-git"});  // file:// repositories
  StartClusterWithAgents(c, 1, "gitapp");
  DeployOutcome d = DeployAndWait(c, "gitapp", {"--git", "file://" + repo + "@" + first});
  INFO(d.output);
  REQUIRE(d.exit_code == 0);
  CHECK(ReadTestFile(c.InstallRoot(0) + "/opt/app/version.txt") == "v1\n");
  CHECK(!std::filesystem::exists(c.InstallRoot(0) + "/opt/app/only-in-v2.txt"));
  auto env = ParseEnvDump(ReadTestFile(c.InstallRoot(0) + "/hook-env/AfterInstall"));
  CHECK(env["BUNDLE_COMMIT"] == first);

  DeployOutcome missing =
      DeployAndWait(c, "gitapp", {"--git", "file://" + repo + "@" + std::string(40, 'f')});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(DownloadBundleMessage(c, missing.deployment), Catch::Contains("REVISION_MISSING"));
}

}  // namespace
}  // namespace berth::itest
