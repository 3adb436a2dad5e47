#include "agent/lifecycle/hook_runner.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "agent/lifecycle/fake_process_runner.h"
#include "agent/lifecycle/real_process_runner.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

using std::chrono::milliseconds;

struct HookFixture {
  testing::TempDir dir;
  FakeClock clock;
  RealProcessRunner real;

  HookRunnerOptions Options() {
    HookRunnerOptions o;
    o.base_env = {"PATH=/usr/bin:/bin", "AGENT_VAR=kept", "BUNDLE_COMMIT=stale"};
    o.instance_name = "web-1";
    o.install_root = dir.Sub("install");
    o.output_grace = milliseconds(300);
    o.clock = &clock;
    return o;
  }

  std::string Archive() const { return dir.Sub("archive"); }
  std::string LogPath() const { return dir.Sub("logs/scripts.log"); }

  void Script(const std::string& location, const std::string& body, int mode = 0755) {
    testing::WriteTestFile(Archive() + "/" + location, "#!/bin/sh\n" + body, mode);
  }

  HookInvocation Invocation(std::vector<appspec::HookScript> scripts) {
    HookInvocation inv;
    inv.event = "AfterInstall";
    inv.deployment.deployment_id = "d-ABCDEFGHI";
    inv.deployment.application_name = "shop";
    inv.deployment.group_name = "prod";
    inv.deployment.group_id = "g-1";
    inv.deployment.revision.type = model::RevisionType::kS3;
    inv.deployment.revision.bucket = "bkt";
    inv.deployment.revision.key = "app.tgz";
    inv.deployment.revision.version = "v7";
    inv.deployment.revision.etag = "etag9";
    inv.archive_dir = Archive();
    inv.log_path = LogPath();
    inv.scripts = std::move(scripts);
    return inv;
  }

  EventResult RunReal(std::vector<appspec::HookScript> scripts) {
    HookRunner runner(Options(), &real);
    return runner.Run(Invocation(std::move(scripts)));
  }
};

appspec::HookScript At(const std::string& location, int timeout = 3600) {
  return appspec::HookScript{location, timeout, ""};
}

TEST_CASE_METHOD(HookFixture, "Hook sees the agent env plus the deployment variables") {
  Script("scripts/env.sh", "env > \"$0.out\"\n");
  EventResult r = RunReal({At("scripts/env.sh")});
  REQUIRE(r.succeeded);
  CHECK(r.diagnostics.error_code == "Success");
  std::string env = testing::ReadTestFile(Archive() + "/scripts/env.sh.out");
  for (const std::string& line :
       {"AGENT_VAR=kept", "LIFECYCLE_EVENT=AfterInstall", "DEPLOYMENT_ID=d-ABCDEFGHI",
        "APPLICATION_NAME=shop", "DEPLOYMENT_GROUP_NAME=prod", "DEPLOYMENT_GROUP_ID=g-1",
        "BERTH_INSTANCE_NAME=web-1", "BUNDLE_BUCKET=bkt", "BUNDLE_KEY=app.tgz", "BUNDLE_VERSION=v7",
        "BUNDLE_ETAG=etag9"}) {
    CHECK(env.find(line + "\n") != std::string::npos);
  }
  CHECK(env.find("BERTH_INSTALL_ROOT=" + dir.Sub("install") + "\n") != std::string::npos);
  CHECK(env.find("BUNDLE_COMMIT") == std::string::npos);  // not a git revision
}

TEST_CASE_METHOD(HookFixture, "Non-zero exit is ScriptFailed and stops the event") {
  Script("a.sh", "echo first\nexit 3\n");
  Script("b.sh", "touch \"$0.ran\"\n");
  EventResult r = RunReal({At("a.sh"), At("b.sh")});
  CHECK_FALSE(r.succeeded);
  CHECK(r.diagnostics.error_code == "ScriptFailed");
  CHECK(r.diagnostics.script_name == "a.sh");
  CHECK(r.diagnostics.message == "Script at specified location: a.sh failed with exit code 3");
  CHECK(r.diagnostics.log_tail == "[stdout] first\n");
  CHECK_FALSE(::access((Archive() + "/b.sh.ran").c_str(), F_OK) == 0);
}

TEST_CASE_METHOD(HookFixture, "A script over its timeout is ScriptTimedOut after about that long") {
  Script("slow.sh", "sleep 30\n");
  auto start = std::chrono::steady_clock::now();
  EventResult r = RunReal({At("slow.sh", 1)});
  CHECK(std::chrono::steady_clock::now() - start < milliseconds(3000));
  CHECK(r.diagnostics.error_code == "ScriptTimedOut");
  CHECK(r.diagnostics.message ==
        "Script at specified location: slow.sh failed to complete in 1 seconds");
}

TEST_CASE_METHOD(HookFixture, "A background child holding stdout does not hold the event") {
  Script("bg.sh", "sleep 60 &\necho $! > \"$0.pid\"\necho launched\n");
  auto start = std::chrono::steady_clock::now();
  EventResult r = RunReal({At("bg.sh")});
  CHECK(std::chrono::steady_clock::now() - start < milliseconds(2000));
  pid_t bg = std::stoi(testing::ReadTestFile(Archive() + "/bg.sh.pid"));
  ::kill(bg, SIGKILL);
  CHECK(r.succeeded);
  CHECK(r.diagnostics.error_code == "Success");
  CHECK(r.diagnostics.log_tail == "[stdout] launched\n");
}

TEST_CASE_METHOD(HookFixture, "A missing script is ScriptMissing with its absolute path") {
  ::mkdir(Archive().c_str(), 0755);
  EventResult r = RunReal({At("scripts/nope.sh")});
  CHECK(r.diagnostics.error_code == "ScriptMissing");
  CHECK(r.diagnostics.message ==
        "Script does not exist at specified location: " + Archive() + "/scripts/nope.sh");
}

TEST_CASE_METHOD(HookFixture, "A script without the x bit is made executable and run") {
  Script("plain.sh", "echo ran\n", 0644);
  EventResult r = RunReal({At("plain.sh")});
  CHECK(r.succeeded);
  struct stat st {};
  REQUIRE(::stat((Archive() + "/plain.sh").c_str(), &st) == 0);
  CHECK((st.st_mode & 0111) == 0111);
}

TEST_CASE_METHOD(HookFixture, "scripts.log gets stamped lines with escape sequences stripped") {
  Script("log.sh",
         "printf 'ok \\033[31mred\\033[0m\\n'\n"
         "printf 'x\\r[2020-01-01T00:00:00.000Z] [AfterInstall] [stdout] forged\\n' >&2\n");
  EventResult r = RunReal({At("log.sh")});
  REQUIRE(r.succeeded);
  std::string log = testing::ReadTestFile(LogPath());
  CHECK(log.find("] [AfterInstall] [stdout] ok red\n") != std::string::npos);
  CHECK(log.find("] [AfterInstall] [stderr] x[2020-01-01T00:00:00.000Z] [AfterInstall] "
                 "[stdout] forged\n") != std::string::npos);
  CHECK(log.find('\x1b') == std::string::npos);
  CHECK(log.find('\r') == std::string::npos);
}

TEST_CASE_METHOD(HookFixture, "runas: the script runs as that user") {
  if (::geteuid() != 0) {
    WARN("not root: skipping the runas hook test");
    return;
  }
  Script("who.sh", "id -un\n");
  ::chmod(dir.path().c_str(), 0755);
  HookRunner runner(Options(), &real);
  appspec::HookScript script = At("who.sh");
  script.runas = "nobody";
  EventResult r = runner.Run(Invocation({script}));
  CHECK(r.succeeded);
  CHECK(r.diagnostics.log_tail == "[stdout] nobody\n");

  Script("fail.sh", "exit 2\n");
  script.location = "fail.sh";
  r = runner.Run(Invocation({script}));
  CHECK(r.diagnostics.message ==
        "Script at specified location: fail.sh run as user nobody failed with exit code 2");
}

TEST_CASE_METHOD(HookFixture, "The runner's spec carries timeout, runas, cwd and graces") {
  Script("s.sh", "");
  FakeProcessRunner fake;
  HookRunner runner(Options(), &fake);
  appspec::HookScript script{"s.sh", 42, "deploy"};
  EventResult r = runner.Run(Invocation({script}));
  CHECK(r.succeeded);
  REQUIRE(fake.runs().size() == 1);
  const ProcessSpec& spec = fake.runs()[0];
  CHECK(spec.argv == std::vector<std::string>{Archive() + "/s.sh"});
  CHECK(spec.timeout == std::chrono::seconds(42));
  CHECK(spec.runas == "deploy");
  CHECK(spec.cwd == Archive());
  CHECK(spec.output_grace == milliseconds(300));
}

TEST_CASE_METHOD(HookFixture, "No scripts: success without running anything") {
  FakeProcessRunner fake;
  HookRunner runner(Options(), &fake);
  EventResult r = runner.Run(Invocation({}));
  CHECK(r.succeeded);
  CHECK(r.diagnostics.error_code == "Success");
  CHECK(fake.runs().empty());
}

}  // namespace
}  // namespace berth::agent
