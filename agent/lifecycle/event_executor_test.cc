#include "agent/lifecycle/event_executor.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "agent/lifecycle/real_process_runner.h"
#include "common/archive/archive.h"
#include "common/model/lifecycle.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

// Serves bundles packed by the test, keyed by the revision's sha256 field.
class FakeFetcher : public BundleFetcher {
 public:
  std::map<std::string, std::string> bundles;  // sha256 -> packed file
  Status Fetch(const model::RevisionLocation& location, const std::string& dest) override {
    auto it = bundles.find(location.sha256);
    if (it == bundles.end()) return NotFound("no bundle " + location.sha256);
    std::error_code ec;
    std::filesystem::copy_file(it->second, dest, ec);
    if (ec) return Internal(ec.message());
    return Status::Ok();
  }
};

struct ExecutorFixture {
  testing::TempDir dir;
  FakeFetcher fetcher;
  RealProcessRunner runner;
  FakeClock clock;

  // A revision whose every hook appends "<event> <revision>" to <dir>/trace.
  void AddRevision(const std::string& name, const std::string& extra_appspec = "") {
    std::string src = dir.Sub("src-" + name);
    std::string hook = "#!/bin/sh\necho \"$LIFECYCLE_EVENT " + name + " $DEPLOYMENT_ID\" >> " +
                       dir.Sub("trace") + "\necho \"$LIFECYCLE_EVENT done\"\n";
    testing::WriteTestFile(src + "/hook.sh", hook, 0755);
    testing::WriteTestFile(src + "/app/" + name + ".txt", name);
    std::string appspec =
        "version: 0.0\nos: linux\nfiles:\n  - source: app\n"
        "    destination: /opt/app\nhooks:\n";
    for (const char* event : {"ApplicationStop", "BeforeInstall", "AfterInstall"}) {
      appspec += std::string("  ") + event + ":\n    - location: hook.sh\n";
    }
    testing::WriteTestFile(src + "/appspec.yml", appspec + extra_appspec);
    std::string packed = dir.Sub(name + ".tgz");
    REQUIRE(archive::PackDirectory(src, model::BundleType::kTgz, packed).ok());
    fetcher.bundles[name] = packed;
  }

  ExecutorOptions Options() {
    ExecutorOptions o;
    o.root = dir.Sub("agent");
    o.install_root = dir.Sub("install");
    o.instance_name = "host-a";
    o.base_env = std::vector<std::string>{"PATH=/usr/bin:/bin"};
    o.clock = &clock;
    return o;
  }

  EventRequest Request(const std::string& event, const std::string& deployment_id,
                       const std::string& revision) {
    EventRequest r;
    r.command_id = "c-" + event;
    r.event = event;
    r.deployment.deployment_id = deployment_id;
    r.deployment.application_name = "shop";
    r.deployment.group_name = "prod";
    r.deployment.group_id = "g-1";
    r.deployment.revision.type = model::RevisionType::kStore;
    r.deployment.revision.bundle_type = model::BundleType::kTgz;
    r.deployment.revision.sha256 = revision;
    return r;
  }

  // Runs every in-place event; returns the first failure or the last result.
  EventResult Deploy(EventExecutor& executor, const std::string& deployment_id,
                     const std::string& revision) {
    EventResult last;
    for (const std::string& event : model::InPlaceEvents()) {
      last = executor.Run(Request(event, deployment_id, revision));
      if (!last.succeeded) return last;
    }
    return last;
  }
};

TEST_CASE_METHOD(ExecutorFixture, "ApplicationStop runs the last successful revision's scripts") {
  AddRevision("rev1");
  AddRevision("rev2");
  EventExecutor executor(Options(), &fetcher, &runner);
  EventResult first = Deploy(executor, "d-1", "rev1");
  REQUIRE(first.succeeded);
  CHECK(first.diagnostics.error_code == "Success");
  CHECK(testing::ReadTestFile(dir.Sub("trace")) ==
        "BeforeInstall rev1 d-1\nAfterInstall rev1 d-1\n");
  CHECK(testing::ReadTestFile(dir.Sub("install/opt/app/rev1.txt")) == "rev1");

  REQUIRE(Deploy(executor, "d-2", "rev2").succeeded);
  CHECK(testing::ReadTestFile(dir.Sub("trace")) ==
        "BeforeInstall rev1 d-1\nAfterInstall rev1 d-1\n"
        "ApplicationStop rev1 d-2\nBeforeInstall rev2 d-2\nAfterInstall rev2 d-2\n");
  // The cleanup list removed rev1's file before rev2 installed (DISALLOW passed).
  CHECK_FALSE(::access(dir.Sub("install/opt/app/rev1.txt").c_str(), F_OK) == 0);
  CHECK(testing::ReadTestFile(dir.Sub("agent/deployment-root/deployment-instructions/"
                                      "g-1-last-successful")) == "d-2\n");
  CHECK(testing::ReadTestFile(dir.Sub("agent/deployment-root/g-1/d-2/logs/scripts.log"))
            .find("] [ApplicationStop] [stdout] ApplicationStop done\n") != std::string::npos);
  // The last event's outcome is kept until it is reported.
  auto unreported = executor.InterruptedEvent();
  REQUIRE(unreported.has_value());
  CHECK(unreported->command_id == "c-ValidateService");
  CHECK(unreported->ended);
  CHECK(unreported->succeeded);
  CHECK(unreported->diagnostics.error_code == "Success");
  executor.EventReported();
  CHECK_FALSE(executor.InterruptedEvent().has_value());
}

TEST_CASE_METHOD(ExecutorFixture,
                 "ignoreApplicationStopFailures turns a failed stop into success") {
  AddRevision("rev1", "  ValidateService:\n    - location: hook.sh\n");
  AddRevision("rev2");
  EventExecutor executor(Options(), &fetcher, &runner);
  REQUIRE(Deploy(executor, "d-1", "rev1").succeeded);
  testing::WriteTestFile(dir.Sub("agent/deployment-root/g-1/d-1/deployment-archive/hook.sh"),
                         "#!/bin/sh\nexit 4\n", 0755);
  EventRequest stop = Request("ApplicationStop", "d-2", "rev2");
  EventResult failed = executor.Run(stop);
  CHECK_FALSE(failed.succeeded);
  CHECK(failed.diagnostics.error_code == "ScriptFailed");
  stop.deployment.ignore_application_stop_failures = true;
  EventResult ignored = executor.Run(stop);
  CHECK(ignored.succeeded);
  CHECK(ignored.diagnostics.error_code == "Success");
  CHECK(ignored.diagnostics.message.find("exit code 4") != std::string::npos);
}

TEST_CASE_METHOD(ExecutorFixture, "Fetch and appspec errors are UnknownError naming the cause") {
  EventExecutor executor(Options(), &fetcher, &runner);
  EventResult r = executor.Run(Request("DownloadBundle", "d-1", "missing-rev"));
  CHECK_FALSE(r.succeeded);
  CHECK(r.diagnostics.error_code == "UnknownError");
  CHECK(r.diagnostics.message.find("no bundle missing-rev") != std::string::npos);
  EventResult bad_id = executor.Run(Request("Install", "../evil", "x"));
  CHECK(bad_id.diagnostics.error_code == "UnknownError");
}

TEST_CASE_METHOD(ExecutorFixture, "A marker left by a crash is handed over until reported") {
  {
    DeploymentRoot root(dir.Sub("agent"));
    REQUIRE(root.WriteOngoing({"c-9", "d-9", "g-1", "AfterInstall", 5}).ok());
  }
  EventExecutor executor(Options(), &fetcher, &runner);
  auto interrupted = executor.InterruptedEvent();
  REQUIRE(interrupted.has_value());
  CHECK(interrupted->command_id == "c-9");
  CHECK(interrupted->event == "AfterInstall");
  CHECK_FALSE(interrupted->ended);
  // Not reported yet (the agent was killed again): the next start sees it again.
  CHECK(executor.InterruptedEvent().has_value());
  executor.EventReported();
  CHECK_FALSE(executor.InterruptedEvent().has_value());
}

TEST_CASE_METHOD(ExecutorFixture, "A failed event's outcome, bytes and all, survives a crash") {
  testing::WriteTestFile(dir.Sub("src-rev1/bad.sh"), "#!/bin/sh\nprintf 'x\\377\\n'\nexit 3\n",
                         0755);
  AddRevision("rev1", "  ValidateService:\n    - location: bad.sh\n");
  EventExecutor executor(Options(), &fetcher, &runner);
  EventResult failed = Deploy(executor, "d-1", "rev1");
  REQUIRE_FALSE(failed.succeeded);
  REQUIRE(failed.diagnostics.error_code == "ScriptFailed");
  // A new process (the agent restarted) reads what the old one recorded.
  EventExecutor restarted(Options(), &fetcher, &runner);
  auto unreported = restarted.InterruptedEvent();
  REQUIRE(unreported.has_value());
  CHECK(unreported->command_id == "c-ValidateService");
  CHECK(unreported->ended);
  CHECK_FALSE(unreported->succeeded);
  CHECK(unreported->diagnostics.error_code == "ScriptFailed");
  CHECK(unreported->diagnostics.message == failed.diagnostics.message);
  CHECK(unreported->diagnostics.script_name == failed.diagnostics.script_name);
  CHECK(unreported->diagnostics.log_tail.find("x\xEF\xBF\xBD") != std::string::npos);
}

}  // namespace
}  // namespace berth::agent
