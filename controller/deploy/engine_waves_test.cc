// The engine's waves, bakes and approvals (engine_waves.cc) on a fake clock.
#include <catch2/catch.hpp>

#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::deploy {
namespace {

using model::DeploymentStatus;
using model::TargetStatus;

model::Rollout Waves(std::vector<model::WaveSize> sizes) {
  model::Rollout r;
  r.waves = std::move(sizes);
  return r;
}

std::string DeployWith(Fixture& f, const model::Rollout& rollout) {
  CreateDeploymentRequest req = f.Request();
  req.rollout = rollout;
  auto d = f.engine->CreateDeployment(req);
  REQUIRE(d.ok());
  return d->id;
}

int CountStatus(Fixture& f, const std::string& id, TargetStatus status) {
  int n = 0;
  for (const model::Target& t : f.Get(id).targets) n += t.status == status;
  return n;
}

std::vector<std::string> HistoryEvents(Fixture& f, const std::string& id) {
  std::vector<std::string> events;
  for (const model::WaveRecord& r : f.Get(id).deployment.waves.history) {
    events.push_back(std::to_string(r.wave + 1) + ":" + r.event);
  }
  return events;
}

TEST_CASE("Engine waves: an approval waits in Ready until continue", "[engine][waves]") {
  Fixture f(3, "AllAtOnce");
  f.EditGroup([](model::DeploymentGroup& g) {
    g.triggers = {{"hook", "https://hooks.example.com/hook", {"DeploymentReady"}}};
  });
  model::Rollout r = Waves({{1, false}, {2, false}});
  r.approval = true;
  const std::string id = DeployWith(f, r);
  // Wave 1 is one host: the others have no command.
  CHECK(CountStatus(f, id, TargetStatus::kInProgress) == 1);
  f.RunTargets(id);
  auto d = f.Get(id).deployment;
  CHECK(d.status == DeploymentStatus::kReady);
  CHECK(d.waves.wait == model::WaitKind::kApproval);
  CHECK(d.waves.ends == std::vector<int>{1, 2, 3});
  CHECK(CountStatus(f, id, TargetStatus::kPending) == 2);
  auto triggers = f.store->ListTriggers(id);
  REQUIRE(triggers.ok());
  REQUIRE(triggers->size() == 1);
  CHECK((*triggers)[0].event == "DeploymentReady");
  CHECK((*triggers)[0].body.find("\"status\":\"Ready\"") != std::string::npos);
  for (int host = 0; host < 3; ++host) f.Step(host);  // nothing runs while it waits
  CHECK(CountStatus(f, id, TargetStatus::kPending) == 2);

  REQUIRE(f.engine->ContinueDeployment(id).ok());
  CHECK(f.Get(id).deployment.status == DeploymentStatus::kInProgress);
  CHECK(CountStatus(f, id, TargetStatus::kInProgress) == 1);
  f.RunTargets(id);
  CHECK(f.Get(id).deployment.status == DeploymentStatus::kReady);
  REQUIRE(f.engine->ContinueDeployment(id).ok());
  f.RunTargets(id);
  CHECK(f.Get(id).deployment.status == DeploymentStatus::kSucceeded);
  CHECK(HistoryEvents(f, id) == std::vector<std::string>{"1:WaveStarted", "1:Ready", "1:Continued",
                                                         "2:WaveStarted", "2:Ready", "2:Continued",
                                                         "3:WaveStarted"});
  auto again = f.engine->ContinueDeployment(id);
  CHECK(again.code() == Code::kFailedPrecondition);
  CHECK(again.message() ==
        "deployment " + id + " is not waiting for approval (its status is Succeeded)");
}

TEST_CASE("Engine waves: a bake is a stored deadline that FireDueWaits ends", "[engine][waves]") {
  Fixture f(2, "AllAtOnce");
  model::Rollout r = Waves({{1, false}});
  r.bake_ms = 60000;
  const std::string id = DeployWith(f, r);
  f.RunTargets(id);
  auto d = f.Get(id).deployment;
  CHECK(d.status == DeploymentStatus::kInProgress);
  CHECK(d.waves.wait == model::WaitKind::kBake);
  CHECK(d.waves.wait_until == f.clock.NowMs() + 60000);
  auto early = f.engine->ContinueDeployment(id);
  CHECK(early.code() == Code::kFailedPrecondition);
  CHECK(early.message().find("(its status is InProgress, baking until ") != std::string::npos);

  f.clock.AdvanceMs(59999);
  CHECK(*f.engine->FireDueWaits() == 0);
  CHECK(CountStatus(f, id, TargetStatus::kPending) == 1);
  f.clock.AdvanceMs(1);
  CHECK(*f.engine->FireDueWaits() == 1);
  CHECK(CountStatus(f, id, TargetStatus::kInProgress) == 1);
  f.RunTargets(id);
  CHECK(f.Get(id).deployment.status == DeploymentStatus::kSucceeded);
  CHECK(HistoryEvents(f, id) ==
        std::vector<std::string>{"1:WaveStarted", "1:Baking", "1:BakePassed", "2:WaveStarted"});
}

TEST_CASE("Engine waves: an alarm during the bake stops the deployment", "[engine][waves]") {
  Fixture f(2, "AllAtOnce");
  f.EditGroup([](model::DeploymentGroup& g) { g.alarms = {true, false, {"errors"}}; });
  model::Rollout r = Waves({{1, false}});
  r.bake_ms = 60000;
  r.approval = true;
  const std::string id = DeployWith(f, r);
  f.RunTargets(id);
  REQUIRE(f.engine->SetAlarms({{"errors", model::kAlarmFiring, "5xx", 0}}).ok());
  auto d = f.Get(id).deployment;
  CHECK(d.status == DeploymentStatus::kStopped);
  CHECK(d.error.code == model::DeploymentErrorCode::kAlarmActive);
  CHECK(d.error.message == "alarm \"errors\" fired: 5xx during the bake");
  CHECK(CountStatus(f, id, TargetStatus::kSkipped) == 1);
  CHECK(HistoryEvents(f, id).back() == "1:BakeFailed");
  // The bake forces the rollback; with no earlier success there is nothing to go back to.
  CHECK(!d.rollback_info.rollback_message.empty());
}

TEST_CASE("Engine waves: a bake that ends while an alarm fires stops the deployment",
          "[engine][waves]") {
  Fixture f(2, "AllAtOnce");
  model::Rollout r = Waves({{1, false}});
  r.bake_ms = 1000;
  const std::string id = DeployWith(f, r);
  f.RunTargets(id);
  // Set while the group did not watch it: nothing stopped then.
  REQUIRE(f.engine->SetAlarms({{"errors", model::kAlarmFiring, "", 0}}).ok());
  f.EditGroup([](model::DeploymentGroup& g) { g.alarms = {true, false, {"errors"}}; });
  f.clock.AdvanceMs(1000);
  CHECK(*f.engine->FireDueWaits() == 1);
  auto d = f.Get(id).deployment;
  CHECK(d.status == DeploymentStatus::kStopped);
  CHECK(d.error.message == "alarm \"errors\" fired during the bake after wave 1 of 2");
}

TEST_CASE("Engine waves: an approval timeout stops, or continues", "[engine][waves]") {
  for (auto action :
       {model::ApprovalTimeoutAction::kStop, model::ApprovalTimeoutAction::kContinue}) {
    Fixture f(2, "AllAtOnce");
    model::Rollout r = Waves({{1, false}});
    r.approval = true;
    r.approval_timeout_ms = 30000;
    r.on_approval_timeout = action;
    const std::string id = DeployWith(f, r);
    f.RunTargets(id);
    REQUIRE(f.Get(id).deployment.status == DeploymentStatus::kReady);
    f.clock.AdvanceMs(30000);
    CHECK(*f.engine->FireDueWaits() == 1);
    auto d = f.Get(id).deployment;
    if (action == model::ApprovalTimeoutAction::kStop) {
      CHECK(d.status == DeploymentStatus::kStopped);
      CHECK(d.error.code == model::DeploymentErrorCode::kTimeout);
      CHECK(d.error.message.rfind("nobody continued the deployment before wave 2 of 2 by ", 0) ==
            0);
    } else {
      CHECK(d.status == DeploymentStatus::kInProgress);
      f.RunTargets(id);
      CHECK(f.Get(id).deployment.status == DeploymentStatus::kSucceeded);
    }
  }
}

TEST_CASE("Engine waves: stop during the approval wait", "[engine][waves]") {
  Fixture f(3, "AllAtOnce");
  model::Rollout r = Waves({{1, false}});
  r.approval = true;
  const std::string id = DeployWith(f, r);
  f.RunTargets(id);
  REQUIRE(f.engine->StopDeployment(id, model::DeploymentErrorCode::kManualStop, "stop", true).ok());
  CHECK(f.Get(id).deployment.status == DeploymentStatus::kStopped);
  CHECK(CountStatus(f, id, TargetStatus::kSkipped) == 2);
  // A second deployment may start: Ready counted as active, Stopped does not.
  CHECK(f.engine->CreateDeployment(f.Request()).ok());
}

TEST_CASE("Engine waves: a group with a deployment in Ready is busy", "[engine][waves]") {
  Fixture f(2, "AllAtOnce");
  model::Rollout r = Waves({{1, false}});
  r.approval = true;
  const std::string id = DeployWith(f, r);
  f.RunTargets(id);
  auto second = f.engine->CreateDeployment(f.Request());
  CHECK(second.status().code() == Code::kFailedPrecondition);
  CHECK(second.status().message() ==
        "deployment group \"prod\" already has an active deployment " + id + " (Ready)");
}

}  // namespace
}  // namespace berth::deploy
