// Agent poll loop: a report the controller refuses as malformed is replaced by a
// minimal one instead of being retried forever.
#include "agent/agent.h"

#include <catch2/catch.hpp>

#include "agent/fake_controller_client.h"
#include "agent/lifecycle/fake_process_runner.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

class NoFetcher : public BundleFetcher {
 public:
  Status Fetch(const model::RevisionLocation&, const std::string&) override {
    return Unavailable("no fetching in this test");
  }
};

// An agent on a temp dir with a fake controller, whose events run nothing.
struct AgentRig {
  testing::TempDir dir;
  FakeControllerClient client;
  std::atomic<bool> stop{false};
  NoFetcher fetcher;
  FakeProcessRunner runner;

  Status Run() {
    client.stop_when_drained = &stop;
    ExecutorOptions exec_options;
    exec_options.root = dir.path();
    EventExecutor executor(exec_options, &fetcher, &runner);
    AgentOptions options;
    options.name = "host-1";
    options.root = dir.path();
    options.max_backoff_ms = 10;
    Agent agent(options, &client, &executor);
    return agent.Run(&stop);
  }
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
  AgentRig rig;
  FakeControllerClient& client = rig.client;
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
  REQUIRE(rig.Run().ok());

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
  AgentRig rig;
  FakeControllerClient& client = rig.client;
  client.hand_over_next = true;
  for (const char* id : {"c-1", "c-2", "c-3"}) client.commands.push_back(UnknownEvent(id));
  REQUIRE(rig.Run().ok());

  auto reports = client.Reports();
  REQUIRE(reports.size() == 3);
  CHECK(reports[0].first == "c-1");
  CHECK(reports[1].first == "c-2");
  CHECK(reports[2].first == "c-3");
  // One poll brought c-1; c-2 and c-3 came with the answers; the last poll found nothing.
  CHECK(client.polls == 2);
}

}  // namespace
}  // namespace berth::agent
