// Dead agents: Engine::FailSilentAgents and the AgentWatchdog that calls it.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "common/model/lifecycle.h"
#include "controller/deploy/agent_watchdog.h"
#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::deploy {
namespace {

using model::DeploymentStatus;
using model::EventStatus;
using model::TargetStatus;

constexpr int64_t kSilenceMs = 30'000;

// The engine fixture whose agents are seen (last_seen = now) on every call they make.
struct SeenFixture : Fixture {
  SeenFixture(int hosts, const std::string& config) : Fixture(hosts, config) {}

  // The host's agent takes its next command (and is seen); its event name or "".
  std::string Take(int host) {
    REQUIRE(store->TouchInstance(instances[host], clock.NowMs()).ok());
    auto c = engine->TakeCommand(instances[host]);
    REQUIRE(c.ok());
    return c->has_value() ? (*c)->command.event_name : "";
  }

  // Runs every event of the host successfully, the agent seen at each.
  void RunHost(int host) {
    for (const std::string& event : model::InPlaceEvents()) {
      REQUIRE(store->TouchInstance(instances[host], clock.NowMs()).ok());
      REQUIRE(Step(host) == event);
    }
  }

  int FailSilent(const std::set<std::string>& alive = {}) {
    auto failed = engine->FailSilentAgents(kSilenceMs, alive);
    REQUIRE(failed.ok());
    return *failed;
  }
};

TEST_CASE(
    "FailSilentAgents: a silent host's running event fails with AGENT_ISSUE and "
    "OneAtATime fails the deployment",
    "[engine][agents]") {
  SeenFixture f(3, "OneAtATime");
  std::string id = f.Deploy();
  CHECK(f.Take(0) == "ApplicationStop");
  f.clock.AdvanceMs(kSilenceMs + 1000);
  CHECK(f.FailSilent() == 1);

  auto d = f.Get(id);
  CHECK(d.deployment.status == DeploymentStatus::kFailed);
  CHECK(d.deployment.error.code == model::DeploymentErrorCode::kHealthConstraints);
  CHECK(d.targets[0].status == TargetStatus::kFailed);
  const model::LifecycleEvent& stop = d.targets[0].events[0];
  CHECK(stop.status == EventStatus::kFailed);
  CHECK(stop.diagnostics.error_code == "AGENT_ISSUE");
  CHECK(stop.diagnostics.message ==
        "the agent on instance \"host-1\" has not called the controller for 31 s (agent "
        "silence limit 30 s); ApplicationStop is presumed failed");
  for (size_t i = 1; i < d.targets[0].events.size(); ++i) {
    CHECK(d.targets[0].events[i].status == EventStatus::kSkipped);
  }
  CHECK(d.targets[1].status == TargetStatus::kSkipped);
  CHECK(d.targets[2].status == TargetStatus::kSkipped);
  // Nothing is left open, so nothing fails twice; the agent, back, has nothing to do.
  CHECK(f.FailSilent() == 0);
  CHECK(f.Take(0) == "");
}

TEST_CASE("FailSilentAgents: AllAtOnce succeeds on the hosts that answer", "[engine][agents]") {
  SeenFixture f(3, "AllAtOnce");
  std::string id = f.Deploy();
  CHECK(f.Take(0) == "ApplicationStop");
  f.RunHost(1);
  f.RunHost(2);
  CHECK(f.Get(id).deployment.status == DeploymentStatus::kInProgress);  // host-1 holds it
  f.clock.AdvanceMs(kSilenceMs + 5000);
  CHECK(f.FailSilent() == 1);

  auto d = f.Get(id);
  CHECK(d.deployment.status == DeploymentStatus::kSucceeded);
  CHECK(d.targets[0].status == TargetStatus::kFailed);
  CHECK(d.targets[0].events[0].diagnostics.error_code == "AGENT_ISSUE");
  CHECK(d.targets[1].status == TargetStatus::kSucceeded);
  CHECK(d.targets[2].status == TargetStatus::kSucceeded);
}

TEST_CASE("FailSilentAgents: a host seen within the limit, or with a poll parked, is untouched",
          "[engine][agents]") {
  SeenFixture f(2, "OneAtATime");
  std::string id = f.Deploy();
  CHECK(f.Take(0) == "ApplicationStop");
  f.clock.AdvanceMs(kSilenceMs + 1000);
  // A heartbeat a second ago: the long-running event is left alone.
  REQUIRE(f.store->TouchInstance(f.instances[0], f.clock.NowMs() - 1000).ok());
  CHECK(f.FailSilent() == 0);
  f.clock.AdvanceMs(kSilenceMs + 1000);
  CHECK(f.FailSilent({f.instances[0]}) == 0);  // its poll is parked right now
  CHECK(f.Get(id).targets[0].events[0].status == EventStatus::kInProgress);
  CHECK(f.FailSilent({f.instances[1]}) == 1);  // another host's poll is no alibi
  CHECK(f.Get(id).targets[0].events[0].diagnostics.error_code == "AGENT_ISSUE");
}

TEST_CASE(
    "FailSilentAgents: a silent host that never takes its first command fails after the "
    "limit, and the deployment ends",
    "[engine][agents]") {
  SeenFixture f(3, "OneAtATime");
  f.clock.AdvanceMs(kSilenceMs * 2);  // every host has been silent for a while
  std::string id = f.Deploy();
  f.RunHost(0);
  // host-2's first command was just created: it gets the whole limit to take it.
  f.clock.AdvanceMs(kSilenceMs - 1000);
  CHECK(f.FailSilent() == 0);
  f.clock.AdvanceMs(2000);
  CHECK(f.FailSilent() == 1);

  auto d = f.Get(id);
  CHECK(d.deployment.status == DeploymentStatus::kFailed);
  CHECK(d.targets[0].status == TargetStatus::kSucceeded);
  CHECK(d.targets[1].status == TargetStatus::kFailed);
  CHECK(d.targets[1].events[0].status == EventStatus::kFailed);
  CHECK(d.targets[1].events[0].diagnostics.error_code == "AGENT_ISSUE");
  CHECK(d.targets[2].status == TargetStatus::kSkipped);
}

TEST_CASE("FailSilentAgents: a command never taken, of a stopped deployment, is dropped",
          "[engine][agents]") {
  SeenFixture f(2, "OneAtATime");
  std::string id = f.Deploy();
  REQUIRE(f.service->StopDeployment(id, false).ok());
  auto before = f.Get(id);
  f.clock.AdvanceMs(kSilenceMs + 1000);
  CHECK(f.FailSilent() == 0);
  auto after = f.Get(id);
  CHECK(after.deployment.status == DeploymentStatus::kStopped);
  CHECK(after.targets[0].events[0].status == before.targets[0].events[0].status);
  CHECK(after.targets[0].events[0].diagnostics.error_code == "");
  auto open = f.store->ListOpenCommands();
  REQUIRE(open.ok());
  CHECK(open->empty());
}

TEST_CASE("AgentWatchdog: fails nothing until the controller has been up for the limit",
          "[engine][agents]") {
  SeenFixture f(2, "OneAtATime");
  std::string id = f.Deploy();
  CHECK(f.Take(0) == "ApplicationStop");
  f.clock.AdvanceMs(kSilenceMs * 3);  // e.g. the controller was down
  std::set<std::string> parked;
  AgentWatchdog watchdog({.silence_limit = std::chrono::milliseconds(kSilenceMs)}, f.engine.get(),
                         &f.clock, [&] { return parked; });
  CHECK(watchdog.interval() == std::chrono::seconds(5));
  auto failed = watchdog.CheckOnce();
  REQUIRE(failed.ok());
  CHECK(*failed == 0);  // just started: the agents may not have reconnected yet
  f.clock.AdvanceMs(kSilenceMs);
  parked = {f.instances[0]};
  failed = watchdog.CheckOnce();
  REQUIRE(failed.ok());
  CHECK(*failed == 0);  // the alive set reaches the engine
  parked.clear();
  failed = watchdog.CheckOnce();
  REQUIRE(failed.ok());
  CHECK(*failed == 1);
  CHECK(f.Get(id).deployment.status == DeploymentStatus::kFailed);
}

TEST_CASE("AgentWatchdog: its thread checks every interval and stops promptly",
          "[engine][agents]") {
  SeenFixture f(1, "OneAtATime");
  std::string id = f.Deploy();
  CHECK(f.Take(0) == "ApplicationStop");
  AgentWatchdog watchdog({.silence_limit = std::chrono::milliseconds(kSilenceMs),
                          .interval = std::chrono::milliseconds(10)},
                         f.engine.get(), &f.clock, nullptr);
  watchdog.Start();
  f.clock.AdvanceMs(kSilenceMs + 1000);
  bool ended = false;
  for (int i = 0; i < 200 && !ended; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ended = f.Get(id).deployment.status == DeploymentStatus::kFailed;
  }
  CHECK(ended);
  auto start = std::chrono::steady_clock::now();
  watchdog.Stop();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
}

TEST_CASE("Instances are Unreachable after the silence limit unless a poll is parked",
          "[engine][agents]") {
  SeenFixture f(2, "OneAtATime");
  std::set<std::string> parked;
  f.service->SetAgentLiveness(kSilenceMs, [&] { return parked; });
  auto list = f.service->ListInstances();
  REQUIRE(list.ok());
  CHECK_FALSE((*list)[0].unreachable);
  f.clock.AdvanceMs(kSilenceMs + 1);
  REQUIRE(f.store->TouchInstance(f.instances[1], f.clock.NowMs()).ok());
  list = f.service->ListInstances();
  REQUIRE(list.ok());
  CHECK((*list)[0].unreachable);
  CHECK_FALSE((*list)[1].unreachable);
  parked = {f.instances[0]};
  auto one = f.service->GetInstance("host-1");
  REQUIRE(one.ok());
  CHECK_FALSE(one->unreachable);
}

}  // namespace
}  // namespace berth::deploy
