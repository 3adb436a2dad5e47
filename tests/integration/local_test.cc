// `berth local` and `berth appspec validate`: no controller, the real CLI binary.
#include <signal.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "common/archive/archive.h"
#include "common/fs.h"
#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;
using testing::RunCommand;
using testing::WriteTestFile;

const std::string kSampleApp = std::string(BERTH_SOURCE_DIR) + "/examples/sample-app";

testing::CommandResult Local(const std::string& bundle, const std::string& root,
                             const std::string& install_root,
                             const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {BinPath("berth"), "local",     bundle, "--root", root,
                                   "--install-root", install_root};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return RunCommand(argv, {}, 60000);
}

// Kills the sample app's server if a run left it behind (it detaches with setsid).
struct ServerReaper {
  std::string pid_file;
  ~ServerReaper() {
    auto pid = fs::ReadFile(pid_file);
    const long value = pid.ok() ? std::strtol(pid->c_str(), nullptr, 10) : 0;
    if (value > 0) ::kill(static_cast<pid_t>(value), SIGKILL);
  }
};

TEST_CASE("berth local deploys the sample app from a directory, a tgz and a zip", "[integration]") {
  testing::TempDir dir;
  const std::string root = dir.Sub("root");
  const std::string install = dir.Sub("install");
  WriteTestFile(install + "/etc/sample-app/port", std::to_string(testing::FreePort()) + "\n");
  ServerReaper reaper{install + "/srv/sample-app/server.pid"};
  const std::string tgz = dir.Sub("sample-app.tgz");
  const std::string zip = dir.Sub("sample-app.zip");
  REQUIRE(archive::PackDirectory(kSampleApp, model::BundleType::kTgz, tgz).ok());
  REQUIRE(archive::PackDirectory(kSampleApp, model::BundleType::kZip, zip).ok());

  // First run: nothing to stop yet; the server comes up and ValidateService checks it.
  auto first = Local(kSampleApp, root, install);
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("ApplicationStop: Succeeded: no revision has been installed") !=
        std::string::npos);
  CHECK(first.out.find("stopping sample app") == std::string::npos);
  CHECK(first.out.find("ValidateService: Succeeded") != std::string::npos);
  CHECK(first.out.find("serves version") != std::string::npos);  // hook output, live
  CHECK(ReadTestFile(install + "/srv/sample-app/site/index.html") ==
        ReadTestFile(kSampleApp + "/site/index.html"));

  for (const std::string& bundle : {tgz, zip}) {
    auto again = Local(bundle, root, install);
    INFO(bundle << "\n" << again.out << again.err);
    REQUIRE(again.exit_code == 0);
    // ApplicationStop now runs the previous run's stop.sh.
    CHECK(again.out.find("stopping sample app") != std::string::npos);
    CHECK(again.out.find("ValidateService: Succeeded") != std::string::npos);
    CHECK(again.out.find("Local deployment d-") != std::string::npos);
  }

  // The same logs as the agent: scripts.log in the deployment directory.
  auto json = RunCommand({BinPath("berth"), "--output", "json", "local", kSampleApp, "--root", root,
                          "--install-root", install, "--events", "ApplicationStop"});
  INFO(json.out << json.err);
  REQUIRE(json.exit_code == 0);
  Json report = Json::parse(json.out, nullptr, false);
  REQUIRE(report.is_object());
  CHECK(report["status"] == "Succeeded");
  std::vector<std::string> ran;
  for (const auto& e : report["lifecycleEvents"]) {
    ran.push_back(e["lifecycleEventName"].get<std::string>());
  }
  CHECK(ran == std::vector<std::string>{"ApplicationStop", "DownloadBundle"});
  CHECK(ReadTestFile(report["scriptLog"].get<std::string>())
            .find("[ApplicationStop] [stdout] stopping sample app") != std::string::npos);
}

TEST_CASE("berth local reports a failing hook and exits 1", "[integration]") {
  testing::TempDir dir;
  WriteTestFile(dir.Sub("app/appspec.yml"),
                "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: fail.sh\n");
  WriteTestFile(dir.Sub("app/fail.sh"), "#!/bin/sh\necho broken >&2\nexit 3\n", 0755);
  auto r = Local(dir.Sub("app"), dir.Sub("root"), dir.Sub("install"));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("[stderr] broken") != std::string::npos);
  CHECK(r.out.find("AfterInstall: Failed (ScriptFailed): Script at specified location: fail.sh "
                   "failed with exit code 3") != std::string::npos);
  CHECK(r.out.find("ApplicationStart") == std::string::npos);
}

TEST_CASE("berth appspec validate checks the file and the bundle", "[integration]") {
  auto ok = RunCommand({BinPath("berth"), "appspec", "validate", kSampleApp});
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("valid") != std::string::npos);

  testing::TempDir dir;
  const std::string broken = R"(version: 0.0
os: linux
files:
  - source: missing-dir
    destination: /opt
hooks:
  AfterInstall:
    - location: scripts/nope.sh
)";
  WriteTestFile(dir.Sub("appspec.yml"), broken + "      timeout: foo\n");
  auto bad = RunCommand({BinPath("berth"), "appspec", "validate", dir.Sub("appspec.yml")});
  INFO(bad.out << bad.err);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("appspec.yml:9:16: hooks.AfterInstall[0].timeout: \"foo\" is not a "
                     "positive integer") != std::string::npos);

  WriteTestFile(dir.Sub("appspec.yml"), broken);
  bad = RunCommand({BinPath("berth"), "appspec", "validate", dir.path()});
  INFO(bad.out << bad.err);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("files[0].source: \"missing-dir\" does not exist in the bundle") !=
        std::string::npos);
  CHECK(bad.out.find("hooks.AfterInstall[0].location: \"scripts/nope.sh\" does not exist") !=
        std::string::npos);
}

}  // namespace
}  // namespace berth::itest
