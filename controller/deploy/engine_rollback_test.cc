// Automatic rollback, stop --rollback, alarms and the trigger outbox, through the engine.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::deploy {
namespace {

using model::DeploymentStatus;
using model::TargetStatus;

// A group with r-1 deployed to every host and r-2 registered.
struct RolledOut : Fixture {
  explicit RolledOut(int hosts, const std::vector<std::string>& rollback_events = {})
      : Fixture(hosts) {
    if (!rollback_events.empty()) {
      EditGroup([&](model::DeploymentGroup& g) { g.auto_rollback = {true, rollback_events}; });
    }
    good = Deploy("r-1");
    for (int h = 0; h < hosts; ++h) RunHost(h);
    REQUIRE(Get(good).deployment.status == DeploymentStatus::kSucceeded);
    AddRevision("r-2");
  }
  std::string good;
};

// Runs host `h` up to ValidateService and fails it there.
void FailAtValidate(Fixture& f, int h) {
  for (int i = 0; i < 6; ++i) REQUIRE(!f.Step(h).empty());
  REQUIRE(f.Step(h, false) == "ValidateService");
}

TEST_CASE(
    "Rollback: a failed deployment rolls the hosts it touched back to the last good "
    "revision",
    "[engine][rollback]") {
  RolledOut f(3, {model::kRollbackOnFailure});
  std::string bad = f.Deploy("r-2");
  f.RunHost(0);
  FailAtValidate(f, 1);  // OneAtATime over 3 needs 2 healthy: host 3 is never started

  auto failed = f.Get(bad);
  CHECK(failed.deployment.status == DeploymentStatus::kFailed);
  CHECK(failed.deployment.error.code == model::DeploymentErrorCode::kHealthConstraints);
  CHECK(failed.targets[2].status == TargetStatus::kSkipped);
  const std::string rollback_id = failed.deployment.rollback_info.rollback_deployment_id;
  REQUIRE(!rollback_id.empty());

  auto rollback = f.Get(rollback_id);
  CHECK(rollback.deployment.creator == model::Creator::kRollback);
  CHECK(rollback.deployment.revision_id == "r-1");
  CHECK(rollback.deployment.rollback_info.rollback_triggering_deployment_id == bad);
  CHECK(rollback.deployment.file_exists_behavior == "OVERWRITE");
  REQUIRE(rollback.targets.size() == 2);  // the skipped host was never touched
  std::set<std::string> hosts = {rollback.targets[0].instance_id, rollback.targets[1].instance_id};
  CHECK(hosts == std::set<std::string>{f.instances[0], f.instances[1]});

  // The failed host goes first (CodeDeploy's order), then the other.
  f.RunHost(1);
  f.RunHost(0);
  CHECK(f.Get(rollback_id).deployment.status == DeploymentStatus::kSucceeded);
  CHECK(f.service->GetDeploymentGroup("web", "prod")->last_successful_deployment_id == rollback_id);
}

TEST_CASE("Rollback: nothing to go back to is recorded, not attempted", "[engine][rollback]") {
  Fixture f(2);
  f.EditGroup([](model::DeploymentGroup& g) { g.auto_rollback = {true, {"DEPLOYMENT_FAILURE"}}; });
  std::string id = f.Deploy();
  FailAtValidate(f, 0);
  auto d = f.Get(id);
  CHECK(d.deployment.status == DeploymentStatus::kFailed);
  CHECK(d.deployment.rollback_info.rollback_deployment_id.empty());
  CHECK(d.deployment.rollback_info.rollback_message ==
        "no rollback: deployment group \"prod\" has no earlier successful deployment to go "
        "back to");
  CHECK(f.service->ListDeployments({})->size() == 1);
}

TEST_CASE("Rollback: off unless the group or the deployment asks", "[engine][rollback]") {
  SECTION("group without rollback") {
    RolledOut f(2);
    std::string bad = f.Deploy("r-2");
    FailAtValidate(f, 0);
    CHECK(f.Get(bad).deployment.rollback_info.rollback_deployment_id.empty());
    CHECK(f.Get(bad).deployment.rollback_info.rollback_message.empty());
  }
  SECTION("the deployment turns the group's rollback off") {
    RolledOut f(2, {model::kRollbackOnFailure});
    CreateDeploymentRequest req = f.Request("r-2");
    req.auto_rollback = model::AutoRollbackConfig{false, {}};
    std::string bad = f.engine->CreateDeployment(req)->id;
    FailAtValidate(f, 0);
    CHECK(f.Get(bad).deployment.status == DeploymentStatus::kFailed);
    CHECK(f.Get(bad).deployment.rollback_info.rollback_deployment_id.empty());
  }
  SECTION("the deployment turns rollback on") {
    RolledOut f(2);
    CreateDeploymentRequest req = f.Request("r-2");
    req.auto_rollback = model::AutoRollbackConfig{true, {model::kRollbackOnFailure}};
    std::string bad = f.engine->CreateDeployment(req)->id;
    FailAtValidate(f, 0);
    CHECK(!f.Get(bad).deployment.rollback_info.rollback_deployment_id.empty());
  }
}

TEST_CASE("Rollback: stop --rollback rolls back; a plain stop does not", "[engine][rollback]") {
  RolledOut f(3);
  std::string bad = f.Deploy("r-2");
  f.RunHost(0);
  REQUIRE(f.Step(1) == "ApplicationStop");  // host 2 has started; host 3 has not
  SECTION("plain stop") {
    REQUIRE(f.service->StopDeployment(bad, false).ok());
    CHECK(f.Get(bad).deployment.status == DeploymentStatus::kStopped);
    CHECK(f.Get(bad).deployment.rollback_info.rollback_deployment_id.empty());
  }
  SECTION("stop with rollback") {
    REQUIRE(f.service->StopDeployment(bad, true).ok());
    auto stopped = f.Get(bad);
    CHECK(stopped.deployment.status == DeploymentStatus::kStopped);
    CHECK(stopped.deployment.error.code == model::DeploymentErrorCode::kManualStop);
    std::string rollback_id = stopped.deployment.rollback_info.rollback_deployment_id;
    REQUIRE(!rollback_id.empty());
    CHECK(f.Get(rollback_id).targets.size() == 2);
    CHECK(f.Get(rollback_id).deployment.status == DeploymentStatus::kInProgress);
  }
}

TEST_CASE("Rollback: a queued deployment waits for the rollback", "[engine][rollback]") {
  RolledOut f(2, {model::kRollbackOnFailure});
  std::string bad = f.Deploy("r-2");
  CreateDeploymentRequest queued_req = f.Request("r-2");
  queued_req.queue = true;
  std::string queued = f.engine->CreateDeployment(queued_req)->id;
  FailAtValidate(f, 0);
  std::string rollback_id = f.Get(bad).deployment.rollback_info.rollback_deployment_id;
  REQUIRE(!rollback_id.empty());
  CHECK(f.Get(queued).deployment.status == DeploymentStatus::kQueued);
  f.RunHost(0);  // the rollback touches only host 1
  CHECK(f.Get(rollback_id).deployment.status == DeploymentStatus::kSucceeded);
  CHECK(f.Get(queued).deployment.status == DeploymentStatus::kInProgress);
}

TEST_CASE("Alarms: a firing alarm stops a watching group's deployment and blocks new ones",
          "[engine][alarm]") {
  RolledOut f(2, {model::kRollbackOnAlarm});
  f.EditGroup([](model::DeploymentGroup& g) { g.alarms = {true, false, {"cpu-high"}}; });
  std::string bad = f.Deploy("r-2");
  f.RunHost(0);
  REQUIRE(f.service->SetAlarm("disk-full", "ALARM", "").ok());  // not watched
  CHECK(f.Get(bad).deployment.status == DeploymentStatus::kInProgress);

  REQUIRE(f.service->SetAlarm("cpu-high", "ALARM", "load 40").ok());
  auto stopped = f.Get(bad);
  CHECK(stopped.deployment.status == DeploymentStatus::kStopped);
  CHECK(stopped.deployment.error.code == model::DeploymentErrorCode::kAlarmActive);
  CHECK(stopped.deployment.error.message == "alarm \"cpu-high\" fired: load 40");
  // The rollback runs although the alarm still fires.
  std::string rollback_id = stopped.deployment.rollback_info.rollback_deployment_id;
  REQUIRE(!rollback_id.empty());
  // Alertmanager re-sends the firing alert: the rollback carries on.
  REQUIRE(f.service->SetAlarm("cpu-high", "ALARM", "load 41").ok());
  CHECK(f.Get(rollback_id).deployment.status == DeploymentStatus::kInProgress);
  f.RunTargets(rollback_id);
  CHECK(f.Get(rollback_id).deployment.status == DeploymentStatus::kSucceeded);

  auto refused = f.engine->CreateDeployment(f.Request("r-2"));
  REQUIRE(!refused.ok());
  CHECK(refused.status().code() == Code::kFailedPrecondition);
  CHECK(refused.status().message() ==
        "alarm \"cpu-high\" that deployment group \"prod\" watches is firing (ALARM); no "
        "deployment starts until it is OK");
  REQUIRE(f.service->SetAlarm("cpu-high", "OK", "").ok());
  CHECK(f.engine->CreateDeployment(f.Request("r-2")).ok());
  CHECK(f.service->SetAlarm("cpu-high", "RED", "").status().code() == Code::kInvalidArgument);
}

TEST_CASE("Triggers: every state change queues its webhook in the outbox", "[engine][trigger]") {
  Fixture f(2, "AllAtOnce");
  f.EditGroup([](model::DeploymentGroup& g) {
    g.triggers = {{"all", "http://hooks.example/all", {}},
                  {"failures", "http://hooks.example/fail", {"DeploymentFailure"}}};
  });
  std::string id = f.Deploy();
  f.RunHost(0);
  f.RunHost(1);
  auto messages = f.store->ListTriggers(id);
  REQUIRE(messages.ok());
  std::vector<std::string> events;
  for (const auto& m : *messages) {
    CHECK(m.url == "http://hooks.example/all");
    events.push_back(m.event);
  }
  CHECK(events == std::vector<std::string>{"DeploymentStart", "InstanceStart", "InstanceStart",
                                           "InstanceSuccess", "InstanceSuccess",
                                           "DeploymentSuccess"});
  auto body = nlohmann::json::parse(messages->back().body);
  CHECK(body["event"] == "DeploymentSuccess");
  CHECK(body["deploymentId"] == id);
  CHECK(body["text"] ==
        "Berth: DeploymentSuccess of deployment " + id + " (web/prod, revision r-1, Succeeded)");
}

}  // namespace
}  // namespace berth::deploy
