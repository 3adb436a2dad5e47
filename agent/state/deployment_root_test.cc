#include "agent/state/deployment_root.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

TEST_CASE("DeploymentRoot lays out paths and keeps pointers") {
  testing::TempDir dir;
  DeploymentRoot root(dir.path());
  CHECK(root.ArchiveDir("g", "d-1") == dir.path() + "/deployment-root/g/d-1/deployment-archive");
  CHECK(root.ScriptLogPath("g", "d-1") == dir.path() + "/deployment-root/g/d-1/logs/scripts.log");
  CHECK(root.CleanupListPath("g") ==
        dir.path() + "/deployment-root/deployment-instructions/g-cleanup");
  CHECK_FALSE(root.LastSuccessful("g")->has_value());
  REQUIRE(root.SetLastSuccessful("g", "d-1").ok());
  REQUIRE(root.SetMostRecent("g", "d-2").ok());
  CHECK(root.LastSuccessful("g")->value() == "d-1");
  CHECK(root.MostRecent("g")->value() == "d-2");
  CHECK(testing::ReadTestFile(
            dir.path() + "/deployment-root/deployment-instructions/g-last-successful") == "d-1\n");
  CHECK_FALSE(root.SetLastSuccessful("../g", "d-1").ok());
  CHECK_FALSE(root.SetLastSuccessful("g", "..").ok());
}

TEST_CASE("Prune keeps max_revisions newest and always the last successful") {
  testing::TempDir dir;
  DeploymentRoot root(dir.path());
  auto t = std::filesystem::file_time_type::clock::now();
  for (int i = 1; i <= 7; ++i) {
    std::string d = root.DeploymentDir("g", "d-" + std::to_string(i));
    std::filesystem::create_directories(d);
    std::filesystem::last_write_time(d, t + std::chrono::seconds(i));
  }
  REQUIRE(root.SetLastSuccessful("g", "d-1").ok());
  REQUIRE(root.SetMostRecent("g", "d-7").ok());
  REQUIRE(root.Prune("g", 3).ok());
  std::vector<std::string> left;
  for (const auto& e : std::filesystem::directory_iterator(dir.path() + "/deployment-root/g")) {
    left.push_back(e.path().filename().string());
  }
  std::sort(left.begin(), left.end());
  CHECK(left == std::vector<std::string>{"d-1", "d-6", "d-7"});
}

TEST_CASE("Ongoing-event marker round-trips and clears") {
  testing::TempDir dir;
  DeploymentRoot root(dir.path());
  CHECK_FALSE(root.ReadOngoing()->has_value());
  REQUIRE(root.WriteOngoing({"c-1", "d-1", "g", "AfterInstall", 1234}).ok());
  auto marker = root.ReadOngoing();
  REQUIRE(marker.ok());
  REQUIRE(marker->has_value());
  CHECK((*marker)->command_id == "c-1");
  CHECK((*marker)->event == "AfterInstall");
  CHECK((*marker)->started_ms == 1234);
  REQUIRE(root.ClearOngoing().ok());
  CHECK_FALSE(root.ReadOngoing()->has_value());
  testing::WriteTestFile(dir.path() + "/deployment-root/ongoing-event.json", "{garbage");
  CHECK_FALSE(root.ReadOngoing().ok());
}

}  // namespace
}  // namespace berth::agent
