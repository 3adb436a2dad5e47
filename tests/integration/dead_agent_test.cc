// Dead agents (DESIGN.md 3): an agent killed with SIGKILL in the middle of an event, and
// not restarted, fails its host with AGENT_ISSUE within the controller's agent-silence
// limit, and the deployment ends as its policy says; a live agent whose hook runs
// quietly for longer than that limit is kept alive by its heartbeats.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <string>

#include "common/testing/temp_dir.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using Steady = std::chrono::steady_clock;

constexpr int kSilenceSeconds = 3;

// An app whose hooks append "<instance> <event> start|end" to $BERTH_IT_TIMELINE; the hook
// of event $BERTH_IT_SLOW_EVENT first writes its pid (its process group) to
// $BERTH_INSTALL_ROOT/slow-hook.pid and sleeps $BERTH_IT_SLOW_SECONDS, printing nothing.
void WriteSlowHookApp(const std::string& dir) {
  using testing::WriteTestFile;
  WriteTestFile(dir + "/appspec.yml", R"(version: 0.0
os: linux
files:
  - source: payload
    destination: /opt/app
hooks:
  BeforeInstall:
    - location: hooks/step.sh
      timeout: 120
  AfterInstall:
    - location: hooks/step.sh
      timeout: 120
  ApplicationStart:
    - location: hooks/step.sh
      timeout: 120
)");
  WriteTestFile(dir + "/payload/version.txt", "v1\n");
  WriteTestFile(dir + "/hooks/step.sh",
                "#!/bin/sh\n"
                "echo \"$BERTH_INSTANCE_NAME $LIFECYCLE_EVENT start\" >> \"$BERTH_IT_TIMELINE\"\n"
                "if [ \"$LIFECYCLE_EVENT\" = \"${BERTH_IT_SLOW_EVENT:-}\" ]; then\n"
                "  echo $$ > \"$BERTH_INSTALL_ROOT/slow-hook.pid\"\n"
                "  sleep \"$BERTH_IT_SLOW_SECONDS\"\n"
                "fi\n"
                "echo \"$BERTH_INSTANCE_NAME $LIFECYCLE_EVENT end\" >> \"$BERTH_IT_TIMELINE\"\n",
                0755);
}

// Kills the process groups of the slow hooks that agents left running (an agent killed
// with SIGKILL does not stop its hook), even when the test fails.
struct SlowHookReaper {
  ~SlowHookReaper() {
    for (int i = 0; i < agents; ++i) {
      std::string text = testing::ReadTestFile(cluster->InstallRoot(i) + "/slow-hook.pid");
      pid_t pid = static_cast<pid_t>(std::strtol(text.c_str(), nullptr, 10));
      if (pid > 1) kill(-pid, SIGKILL);
    }
  }
  Cluster* cluster;
  int agents;
};

std::map<std::string, std::string> HookEnv(Cluster& c, const std::string& slow_event = "",
                                           const std::string& slow_seconds = "0") {
  return {{"BERTH_IT_TIMELINE", c.Sub("timeline")},
          {"BERTH_IT_SLOW_EVENT", slow_event},
          {"BERTH_IT_SLOW_SECONDS", slow_seconds}};
}

void StartDeadAgentCluster(Cluster& c) {
  c.SetControllerArgs({"--agent-silence-limit", std::to_string(kSilenceSeconds)});
  c.SetAgentArgs({"--heartbeat-seconds", "1"});
  c.StartController();
}

std::string CreateDeployment(Cluster& c, const std::string& app) {
  WriteSlowHookApp(c.Sub("rev"));
  std::string revision = c.Push(c.Sub("rev"), app);
  ApiReply created =
      c.Api("POST", "/api/v1/deployments",
            {{"applicationName", app}, {"deploymentGroupName", "prod"}, {"revisionId", revision}});
  REQUIRE(created.status == 201);
  return created.body["deploymentId"];
}

// Waits until `line` is in the timeline.
void WaitForTimeline(Cluster& c, const std::string& line) {
  bool seen = testing::WaitFor(
      [&] { return testing::ReadTestFile(c.Sub("timeline")).find(line) != std::string::npos; },
      60000);
  INFO(testing::ReadTestFile(c.Sub("timeline")));
  REQUIRE(seen);
}

// The first line of `text` that starts with `prefix`, or "".
std::string LineOf(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

// The target of `instance` among `targets` (Cluster::Targets).
const Json& Target(const Json& targets, const std::string& instance) {
  for (const Json& t : targets) {
    if (t["instanceName"] == instance) return t;
  }
  FAIL("no target " << instance);
  return targets;
}

const Json& Event(const Json& target, const std::string& name) {
  for (const Json& e : target["lifecycleEvents"]) {
    if (e["lifecycleEventName"] == name) return e;
  }
  FAIL("no event " << name);
  return target;
}

void CheckFailedWithAgentIssue(const Json& target, const std::string& instance) {
  CHECK(target["status"] == "Failed");
  const Json& before_install = Event(target, "BeforeInstall");
  CHECK(before_install["status"] == "Failed");
  CHECK(before_install["diagnostics"]["errorCode"] == "AGENT_ISSUE");
  const std::string message = before_install["diagnostics"]["message"];
  CHECK_THAT(message, Catch::StartsWith("the agent on instance \"" + instance +
                                        "\" has not called the controller for "));
  CHECK_THAT(message, Catch::EndsWith("(agent silence limit 3 s); BeforeInstall is presumed "
                                      "failed"));
  CHECK(Event(target, "Install")["status"] == "Skipped");
  CHECK(Event(target, "ApplicationStart")["status"] == "Skipped");
}

TEST_CASE(
    "An agent killed mid-event fails its host with AGENT_ISSUE within the silence limit, "
    "and AllAtOnce succeeds on the others",
    "[integration]") {
  Cluster c;
  SlowHookReaper reaper{&c, 3};
  StartDeadAgentCluster(c);
  c.StartAgent("dead-1", {{"env", "it"}}, HookEnv(c, "BeforeInstall", "60"));
  c.StartAgent("dead-2", {{"env", "it"}}, HookEnv(c));
  c.StartAgent("dead-3", {{"env", "it"}}, HookEnv(c));
  REQUIRE(c.WaitForInstances(3));
  c.CreateAppAndGroup("web", "prod", "AllAtOnce");
  const std::string id = CreateDeployment(c, "web");

  WaitForTimeline(c, "dead-1 BeforeInstall start");
  c.agent(0).Stop(SIGKILL);
  const Steady::time_point killed = Steady::now();
  Json d = c.WaitForDeployment(id, 30000);
  const double seconds = std::chrono::duration<double>(Steady::now() - killed).count();
  INFO(d.dump(2));
  REQUIRE(d["status"] == "Succeeded");
  // The last heartbeat came at most a second before the kill; the watchdog looks every
  // 0.75 s.
  CHECK(seconds >= kSilenceSeconds - 1.5);
  CHECK(seconds <= kSilenceSeconds + 4);
  const Json targets = c.Targets(id);
  CheckFailedWithAgentIssue(Target(targets, "dead-1"), "dead-1");
  CHECK(Target(targets, "dead-2")["status"] == "Succeeded");
  CHECK(Target(targets, "dead-3")["status"] == "Succeeded");

  // The dead host is marked unreachable; the others, parked in a poll, are online.
  CHECK(c.Api("GET", "/api/v1/instances/dead-1").body["status"] == "Unreachable");
  CHECK(c.Api("GET", "/api/v1/instances/dead-2").body["status"] == "Online");
  testing::CommandResult list = c.Berth({"instance", "list"});
  INFO(list.out << list.err);
  CHECK(list.exit_code == 0);
  CHECK_THAT(LineOf(list.out, "dead-1 "), Catch::Matches("dead-1 +Unreachable +env=it .*"));
  CHECK_THAT(LineOf(list.out, "dead-3 "), Catch::Matches("dead-3 +Online +env=it .*"));
}

TEST_CASE(
    "A hook quieter and longer than the silence limit is not failed while its agent "
    "heartbeats, and OneAtATime fails once a killed agent's host fails",
    "[integration]") {
  Cluster c;
  SlowHookReaper reaper{&c, 3};
  StartDeadAgentCluster(c);
  c.StartAgent("hb-1", {{"env", "it"}}, HookEnv(c, "AfterInstall", "6"));
  c.StartAgent("hb-2", {{"env", "it"}}, HookEnv(c, "BeforeInstall", "60"));
  c.StartAgent("hb-3", {{"env", "it"}}, HookEnv(c));
  REQUIRE(c.WaitForInstances(3));
  c.CreateAppAndGroup("api", "prod", "OneAtATime");
  const std::string id = CreateDeployment(c, "api");

  // hb-1 goes first (by name) and sits in a silent 6 s hook, twice the silence limit.
  WaitForTimeline(c, "hb-2 BeforeInstall start");
  c.agent(1).Stop(SIGKILL);
  const Steady::time_point killed = Steady::now();
  Json d = c.WaitForDeployment(id, 30000);
  const double seconds = std::chrono::duration<double>(Steady::now() - killed).count();
  INFO(d.dump(2));
  REQUIRE(d["status"] == "Failed");
  CHECK(d["errorInformation"]["code"] == "HEALTH_CONSTRAINTS");
  CHECK(seconds >= kSilenceSeconds - 1.5);
  CHECK(seconds <= kSilenceSeconds + 4);

  const Json targets = c.Targets(id);
  const Json& survivor = Target(targets, "hb-1");
  CHECK(survivor["status"] == "Succeeded");
  CHECK(Event(survivor, "AfterInstall")["status"] == "Succeeded");
  CHECK(Event(survivor, "AfterInstall")["diagnostics"]["errorCode"] == "Success");
  CHECK(testing::ReadTestFile(c.Sub("timeline")).find("hb-1 AfterInstall end") !=
        std::string::npos);
  CheckFailedWithAgentIssue(Target(targets, "hb-2"), "hb-2");
  CHECK(Target(targets, "hb-3")["status"] == "Skipped");
  CHECK(c.Api("GET", "/api/v1/instances/hb-1").body["status"] == "Online");
  CHECK(c.Api("GET", "/api/v1/instances/hb-2").body["status"] == "Unreachable");
}

}  // namespace
}  // namespace berth::itest
