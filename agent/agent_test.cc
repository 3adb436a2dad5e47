// Agent poll loop: a report the controller refuses as malformed is replaced by a
// minimal one instead of being retried forever; an event left unreported by a crash is
// reported on the next start, with its outcome when it had ended.
#include "agent/agent.h"

#include <catch2/catch.hpp>

#include "agent/fake_controller_client.h"
#include "agent/lifecycle/fake_process_runner.h"
#include "agent/state/deployment_root.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

class NoFetcher : public BundleFetcher {
 public:
  Status Fetch(const model::RevisionLocation&, const std::string&) override {
    return Unavailable("no fetching in this test");
  }
};

// An agent over `root` that runs until its fake controller has no more commands (its
// events run nothing).
struct RestartedAgent {
  explicit RestartedAgent(const std::string& root) {
    client.stop_when_drained = &stop;
    exec_options.root = root;
    options.name = "host-1";
    options.root = root;
    options.max_backoff_ms = 10;
  }
  void Run() {
    EventExecutor executor(exec_options, &fetcher, &runner);
    Agent agent(options, &client, &executor);
    REQUIRE(agent.Run(&stop).ok());
  }
  FakeControllerClient client;
  std::atomic<bool> stop{false};
  NoFetcher fetcher;
  FakeProcessRunner runner;
  ExecutorOptions exec_options;
  AgentOptions options;
};

EventRequest UnknownEvent(const std::string& command_id) {
  EventRequest request;
  request.command_id = command_id;
  request.event = "NoSuchEvent";
  request.deployment.deployment_id = "d-TEST00001";
  request.deployment.group_id = "g-1";
  return request;
}

TEST_CASE("agent: a report refused as malformed is replaced by a minimal one, never dropped") {
  testing::TempDir dir;
  RestartedAgent agent(dir.path());
  FakeControllerClient& client = agent.client;
  client.commands.push_back(UnknownEvent("c-1"));
  client.commands.push_back(UnknownEvent("c-2"));
  int calls = 0;
  // c-1: its full report is refused, the minimal one accepted. c-2: the minimal one is
  // refused once too, and accepted when retried.
  client.complete_reply = [&](const EventResult&) {
    ++calls;
    return calls == 2 || calls == 5 ? Status::Ok()
                                    : Status(Code::kInternal, "Failed to parse request");
  };
  agent.Run();

  auto reports = client.Reports();
  REQUIRE(reports.size() == 5);
  CHECK(reports[0].first == "c-1");
  CHECK(reports[0].second.diagnostics.message == "unknown lifecycle event \"NoSuchEvent\"");
  CHECK(reports[1].first == "c-1");
  CHECK_FALSE(reports[1].second.succeeded);
  CHECK(reports[1].second.diagnostics.error_code == "UnknownError");
  CHECK(reports[1].second.diagnostics.message ==
        "the controller refused the full report (INTERNAL); its diagnostics were dropped");
  CHECK(reports[1].second.diagnostics.log_tail.empty());
  CHECK(reports[2].first == "c-2");
  CHECK(reports[3].first == "c-2");
  CHECK(reports[4].first == "c-2");  // the minimal one again, after a backoff
  CHECK(reports[4].second.diagnostics.message == reports[3].second.diagnostics.message);
}

TEST_CASE("agent: a command handed over with a report's answer runs without a poll") {
  testing::TempDir dir;
  RestartedAgent agent(dir.path());
  FakeControllerClient& client = agent.client;
  client.hand_over_next = true;
  for (const char* id : {"c-1", "c-2", "c-3"}) client.commands.push_back(UnknownEvent(id));
  agent.Run();

  auto reports = client.Reports();
  REQUIRE(reports.size() == 3);
  CHECK(reports[0].first == "c-1");
  CHECK(reports[1].first == "c-2");
  CHECK(reports[2].first == "c-3");
  // One poll brought c-1; c-2 and c-3 came with the answers; the last poll found nothing.
  CHECK(client.polls == 2);
}

TEST_CASE("agent: an event that ended before a crash is reported with its outcome, not rerun") {
  testing::TempDir dir;
  OngoingEvent marker{"c-7", "d-TEST00001", "g-1", "AfterInstall", 5};
  marker.ended = true;
  marker.succeeded = true;
  marker.diagnostics = {"Success", "", "ran", "tail"};
  REQUIRE(DeploymentRoot(dir.path()).WriteOngoing(marker).ok());

  RestartedAgent restarted(dir.path());
  restarted.Run();
  auto reports = restarted.client.Reports();
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].first == "c-7");
  CHECK(reports[0].second.succeeded);
  CHECK(reports[0].second.diagnostics.error_code == "Success");
  CHECK(reports[0].second.diagnostics.message == "ran");
  CHECK(reports[0].second.diagnostics.log_tail == "tail");
  CHECK_FALSE(DeploymentRoot(dir.path()).ReadOngoing()->has_value());  // reported: gone
}

TEST_CASE("agent: an event still running at a crash is FailedAfterRestart, kept until sent") {
  testing::TempDir dir;
  REQUIRE(DeploymentRoot(dir.path()).WriteOngoing({"c-8", "d-TEST00001", "g-1", "Install", 5}).ok());
  {
    // The controller is unreachable and the agent is stopped before it could report.
    RestartedAgent first(dir.path());
    first.client.complete_reply = [&](const EventResult&) {
      first.stop = true;
      return Unavailable("controller down");
    };
    first.Run();
    REQUIRE(first.client.Reports().size() == 1);
  }
  auto kept = DeploymentRoot(dir.path()).ReadOngoing();
  REQUIRE(kept.ok());
  REQUIRE(kept->has_value());
  CHECK((*kept)->command_id == "c-8");

  RestartedAgent second(dir.path());
  second.Run();
  auto reports = second.client.Reports();
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].first == "c-8");
  CHECK_FALSE(reports[0].second.succeeded);
  CHECK(reports[0].second.diagnostics.error_code == "FailedAfterRestart");
  CHECK(reports[0].second.diagnostics.message ==
        "the agent restarted while Install was running; the event's outcome is unknown");
  CHECK_FALSE(DeploymentRoot(dir.path()).ReadOngoing()->has_value());
}

}  // namespace
}  // namespace berth::agent
