// Fault test: the controller's data dir on a small tmpfs that a test file fills
// up mid-deployment. The controller refuses what it cannot store with a clear error
// (503 UNAVAILABLE, "the controller's disk is full ..."), writes nothing half, keeps
// answering reads, does not crash, and serves writes again as soon as the file is
// deleted; the agents' reports wait and are retried whole, so the deployment succeeds
// with every hook run once. The tmpfs is mounted in a mount namespace of the controller's
// own (`unshare -m`), which needs root; elsewhere the test says why it did not run.
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"
#include "tests/integration/fault_checks.h"

namespace berth::itest {
namespace {

namespace stdfs = std::filesystem;

constexpr char kMountTmpfs[] = "mount -t tmpfs -o size=8m tmpfs \"$0\"";

// Why a tmpfs cannot be mounted on `dir` in a mount namespace of its own here ("" when
// it can).
std::string WhyNoPrivateTmpfs(const std::string& dir) {
  if (::geteuid() != 0) return "it needs root (unshare -m and mount -t tmpfs)";
  testing::CommandResult r = testing::RunCommand({"unshare", "-m", "sh", "-c", kMountTmpfs, dir});
  if (r.exit_code != 0) return "unshare -m + mount -t tmpfs failed here: " + r.out + r.err;
  return "";
}

// Writes `path` until the file system is full; returns the bytes written.
int64_t FillDisk(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  const std::string chunk(64 * 1024, 'x');
  int64_t written = 0;
  while (true) {
    ssize_t n = ::write(fd, chunk.data(), chunk.size());
    if (n <= 0) break;
    written += n;
  }
  const int error = errno;
  ::close(fd);
  CHECK(error == ENOSPC);
  return written;
}

bool HasLine(const std::string& timeline, const std::string& line) {
  return testing::ReadTestFile(timeline).find(line) != std::string::npos;
}

TEST_CASE("The controller's disk filling up gets clear refusals and nothing half-written, "
          "and it serves again once room is freed",
          "[integration][faults]") {
  Cluster c;
  const std::string data = c.Sub("controller-data");
  stdfs::create_directories(data);
  const std::string why = WhyNoPrivateTmpfs(data);
  if (!why.empty()) {
    WARN("SKIPPED the disk-full fault test: " << why);
    std::cout << "SKIPPED the disk-full fault test: " << why << std::endl;
    return;
  }
  // The tmpfs is visible only in the controller's namespace, so the CA it makes is too:
  // plaintext keeps the test about the disk.
  c.SetInsecure(true);
  c.SetControllerWrapper({"unshare", "-m", "sh", "-c",
                          std::string(kMountTmpfs) + " && exec \"$@\"", data});
  c.StartController();
  const std::string inside = "/proc/" + std::to_string(c.controller_pid()) + "/root" + data;
  REQUIRE(stdfs::exists(inside + "/berth.db"));
  REQUIRE_FALSE(stdfs::exists(data + "/berth.db"));  // it is on the tmpfs

  const std::string timeline = c.Sub("timeline");
  c.StartAgent("df-1", {{"env", "it"}}, {{"BERTH_IT_TIMELINE", timeline}});
  REQUIRE(c.WaitForInstances(1));
  c.CreateAppAndGroup("df", "prod", "OneAtATime");
  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0.4"});
  const std::string id = c.Deploy("df", "prod", c.Push(c.Sub("v1"), "df"));
  REQUIRE(testing::WaitFor([&] { return HasLine(timeline, "df-1 BeforeInstall start"); }, 30000));

  const int64_t filled = FillDisk(inside + "/filler");
  std::cout << "disk full: " << filled << " bytes of filler" << std::endl;
  ApiReply refused = c.Api("POST", "/api/v1/applications", {{"applicationName", "full"}});
  CHECK(refused.status == 503);
  CHECK(refused.body["code"] == "UNAVAILABLE");
  const std::string message = refused.body.is_object() ? refused.body.value("message", "") : "";
  CHECK_THAT(message, Catch::StartsWith("the controller's disk is full: "));
  CHECK_THAT(message, Catch::Contains(data + "/berth.db"));
  // A bundle upload is refused the same way, and leaves no partial blob behind.
  WriteRecordingApp(c.Sub("v2"), {.version = "v2"});
  testing::CommandResult push = c.Berth({"push", c.Sub("v2"), "--app", "df"});
  INFO(push.out << push.err);
  CHECK(push.exit_code != 0);
  CHECK_THAT(push.err, Catch::Contains("the controller's disk is full"));
  CHECK(stdfs::is_empty(inside + "/blobs/tmp"));
  // Reads are still served, and show nothing of the refused writes.
  ApiReply apps = c.Api("GET", "/api/v1/applications");
  REQUIRE(apps.status == 200);
  CHECK(apps.body["applications"].size() == 1);
  // Hooks go on; the agent's reports wait for room.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  CHECK(c.Api("GET", "/api/v1/deployments/" + id).body["status"] == "InProgress");

  stdfs::remove(inside + "/filler");
  ApiReply created = c.Api("POST", "/api/v1/applications", {{"applicationName", "full"}});
  CHECK(created.status == 201);
  Json d = c.WaitForDeployment(id, 60000);
  INFO(d.dump(2) << "\ntimeline:\n" << testing::ReadTestFile(timeline));
  REQUIRE(d["status"] == "Succeeded");
  CheckHost(d, c.Targets(id), ReadTimeline(timeline), "df-1");
  // Reports were kept whole: none was cut down to the minimal one.
  CHECK(d.dump().find("the controller refused the full report") == std::string::npos);
  CHECK(InstalledVersion(c.InstallRoot(0)) == "v1\n");
  testing::CommandResult again = c.Berth({"push", c.Sub("v2"), "--app", "df"});
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
}

}  // namespace
}  // namespace berth::itest
