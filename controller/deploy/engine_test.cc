#include "controller/deploy/engine.h"

#include <catch2/catch.hpp>

#include "common/model/lifecycle.h"
#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::deploy {
namespace {

using model::DeploymentStatus;
using model::TargetStatus;

TEST_CASE("Engine: OneAtATime runs every event of one host before the next", "[engine]") {
  Fixture f(3);
  std::string id = f.Deploy();
  CHECK(f.woken == std::vector<std::string>{f.instances[0]});
  // Hosts 2 and 3 have nothing to do while host 1 works.
  CHECK(f.Step(1) == "");
  CHECK(f.Step(2) == "");
  f.RunHost(0);
  CHECK(f.Get(id).targets[0].status == TargetStatus::kSucceeded);
  CHECK(f.Step(2) == "");
  f.RunHost(1);
  f.RunHost(2);
  auto d = f.Get(id);
  CHECK(d.deployment.status == DeploymentStatus::kSucceeded);
  CHECK(model::Overview(d.targets).succeeded == 3);
  auto group = f.service->GetDeploymentGroup("web", "prod");
  CHECK(group->last_successful_deployment_id == id);
}

TEST_CASE("Engine: AllAtOnce starts every host at once", "[engine]") {
  Fixture f(3, "AllAtOnce");
  f.Deploy();
  CHECK(f.woken.size() == 3);
  for (int h = 0; h < 3; ++h) CHECK(f.Step(h) == "ApplicationStop");
}

TEST_CASE("Engine: a failed event fails the host, skips its events and the other hosts",
          "[engine]") {
  Fixture f(3);
  std::string id = f.Deploy();
  for (int i = 0; i < 6; ++i) f.Step(0);  // up to ApplicationStart
  CHECK(f.Step(0, false) == "ValidateService");
  auto d = f.Get(id);
  CHECK(d.deployment.status == DeploymentStatus::kFailed);
  CHECK(d.deployment.error.code == model::DeploymentErrorCode::kHealthConstraints);
  CHECK(d.targets[0].status == TargetStatus::kFailed);
  CHECK(d.targets[0].events[6].diagnostics.message == "exit 1");
  CHECK(d.targets[1].status == TargetStatus::kSkipped);
  CHECK(d.targets[2].events[0].status == model::EventStatus::kSkipped);
  CHECK(f.Step(1) == "");
}

TEST_CASE("Engine: commands are redelivered until completed, completion is idempotent",
          "[engine]") {
  Fixture f(1);
  std::string id = f.Deploy();
  auto first = f.engine->TakeCommand(f.instances[0]);
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  // The answer was lost: the next poll gets the same command.
  auto again = f.engine->TakeCommand(f.instances[0]);
  REQUIRE(again->has_value());
  CHECK((*again)->command.id == (*first)->command.id);
  const std::string cid = (*first)->command.id;
  REQUIRE(f.engine->AckCommand(f.instances[0], cid).ok());
  REQUIRE(f.engine->CompleteCommand(f.instances[0], cid, true, {"Success", "", "", ""}).ok());
  // A retried completion changes nothing.
  REQUIRE(f.engine->CompleteCommand(f.instances[0], cid, false, {"ScriptFailed", "", "", ""}).ok());
  auto d = f.Get(id);
  CHECK(d.targets[0].events[0].status == model::EventStatus::kSucceeded);
  CHECK(d.targets[0].events[1].status == model::EventStatus::kPending);
  // Another instance cannot complete it.
  CHECK(f.engine->CompleteCommand("someone-else", cid, true, {}).code() == Code::kNotFound);
}

TEST_CASE("Engine: one active deployment per group; unmatched groups are refused", "[engine]") {
  Fixture f(2);
  std::string id = f.Deploy();
  CreateDeploymentRequest req{"web", "prod", "r-1"};
  auto second = f.engine->CreateDeployment(req);
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == Code::kFailedPrecondition);
  CHECK(second.status().message() ==
        "deployment group \"prod\" already has an active deployment " + id + " (InProgress)");

  model::DeploymentGroup g;
  g.application_name = "web";
  g.name = "nobody";
  g.tag_set = {{{"env", "staging", model::TagFilterType::kKeyAndValue}}};
  REQUIRE(f.service->CreateDeploymentGroup(g).ok());
  auto none = f.engine->CreateDeployment({"web", "nobody", "r-1"});
  CHECK(none.status().code() == Code::kFailedPrecondition);
  CHECK(none.status().message() ==
        "no registered instance matches the tags of deployment group \"nobody\"");
  auto list = f.store->ListDeployments({});
  CHECK(list->size() == 1);
}

TEST_CASE("Engine: trigger messages are queued with the change and wake the deliverer",
          "[engine]") {
  Fixture f(1);
  int wakes = 0;
  f.engine->SetTriggerQueuedCallback([&] { ++wakes; });
  model::DeploymentGroup g;
  g.application_name = "web";
  g.name = "hooked";
  g.tag_set = {{{"env", "prod", model::TagFilterType::kKeyAndValue}}};
  g.triggers = {{"hook", "https://hooks.example.com/hook", {}}};
  REQUIRE(f.service->CreateDeploymentGroup(g).ok());
  auto d = f.engine->CreateDeployment({"web", "hooked", "r-1"});
  REQUIRE(d.ok());
  CHECK(wakes == 1);
  auto queued = f.store->ListTriggers(d->id);
  REQUIRE(queued.ok());
  std::vector<std::string> events;
  for (const auto& m : *queued) events.push_back(m.event);
  CHECK(events == std::vector<std::string>{"DeploymentStart", "InstanceStart"});
  f.RunHost(0);
  CHECK(wakes > 1);
  queued = f.store->ListTriggers(d->id);
  events.clear();
  for (const auto& m : *queued) events.push_back(m.event);
  CHECK(events == std::vector<std::string>{"DeploymentStart", "InstanceStart", "InstanceSuccess",
                                           "DeploymentSuccess"});
}

TEST_CASE("Engine: Recover carries on after a restart", "[engine]") {
  Fixture f(2);
  std::string id = f.Deploy();
  f.RunHost(0);
  // A new engine on the same store, as after a controller restart.
  Engine restarted(f.store.get(), &f.clock);
  REQUIRE(restarted.Recover().ok());
  auto c = restarted.TakeCommand(f.instances[1]);
  REQUIRE(c->has_value());
  CHECK((*c)->command.event_name == "ApplicationStop");
}

}  // namespace
}  // namespace berth::deploy

namespace berth::deploy {
namespace {

TEST_CASE("Engine: stop dispatches nothing new, lets in-flight events finish", "[engine]") {
  Fixture f(3, "AllAtOnce");
  std::string id = f.Deploy();
  // Host 0 holds ApplicationStop; host 1 finished it and has BeforeInstall queued; host 2
  // has not polled.
  auto held = f.engine->TakeCommand(f.instances[0]);
  REQUIRE(held->has_value());
  CHECK(f.Step(1) == "ApplicationStop");
  REQUIRE(f.service->StopDeployment(id, false).ok());

  auto d = f.Get(id);
  CHECK(d.deployment.status == DeploymentStatus::kStopped);
  CHECK(d.deployment.error.code == model::DeploymentErrorCode::kManualStop);
  CHECK(d.targets[0].status == TargetStatus::kInProgress);
  CHECK(d.targets[1].status == TargetStatus::kFailed);
  CHECK(d.targets[1].events[1].status == model::EventStatus::kSkipped);
  CHECK(f.Step(1) == "");
  CHECK(f.Step(2) == "");

  // The in-flight event finishes and is recorded; nothing follows it.
  REQUIRE(
      f.engine->CompleteCommand(f.instances[0], (*held)->command.id, true, {"Success", "", "", ""})
          .ok());
  d = f.Get(id);
  CHECK(d.targets[0].events[0].status == model::EventStatus::kSucceeded);
  CHECK(d.targets[0].events[1].status == model::EventStatus::kSkipped);
  CHECK(d.targets[0].status == TargetStatus::kFailed);
  CHECK(d.deployment.status == DeploymentStatus::kStopped);
  CHECK(f.Step(0) == "");

  Status again = f.service->StopDeployment(id, false);
  CHECK(again.code() == Code::kFailedPrecondition);
  CHECK(again.message() == "deployment " + id + " has already ended (Stopped)");
  // The group is free again.
  CHECK(f.engine->CreateDeployment({"web", "prod", "r-1"}).ok());
}

TEST_CASE("Engine: custom configs are used, and protected while a group uses them", "[engine]") {
  Fixture f(4);
  model::DeploymentConfig half_ish{"two-healthy", model::MinHealthyType::kHostCount, 2};
  REQUIRE(f.service->CreateDeploymentConfig(half_ish).ok());
  CHECK(f.service->CreateDeploymentConfig(half_ish).status().code() == Code::kAlreadyExists);
  model::DeploymentConfig reserved{"OneAtATime", model::MinHealthyType::kHostCount, 1};
  CHECK(f.service->CreateDeploymentConfig(reserved).status().code() == Code::kInvalidArgument);
  model::DeploymentConfig too_many{"p100", model::MinHealthyType::kFleetPercent, 100};
  CHECK(f.service->CreateDeploymentConfig(too_many).status().code() == Code::kInvalidArgument);

  CreateDeploymentRequest req{"web", "prod", "r-1"};
  req.config_name = "two-healthy";
  auto d = f.engine->CreateDeployment(req);
  REQUIRE(d.ok());
  CHECK(f.woken.size() == 2);  // N=4, M=2: two at a time

  model::DeploymentGroup g;
  g.application_name = "web";
  g.name = "custom";
  g.config_name = "two-healthy";
  g.tag_set = {{{"env", "prod", model::TagFilterType::kKeyAndValue}}};
  REQUIRE(f.service->CreateDeploymentGroup(g).ok());
  Status in_use = f.service->DeleteDeploymentConfig("two-healthy");
  CHECK(in_use.code() == Code::kFailedPrecondition);
  CHECK(in_use.message() ==
        "deployment config \"two-healthy\" is in use by deployment group(s) web/custom");
  CHECK(f.service->DeleteDeploymentConfig("CodeDeployDefault.AllAtOnce").code() ==
        Code::kFailedPrecondition);
  CHECK(f.service->DeleteDeploymentConfig("nope").code() == Code::kNotFound);
  auto all = f.service->ListDeploymentConfigs();
  REQUIRE(all->size() == 4);
  CHECK(all->back().name == "two-healthy");
  CHECK(f.service->GetDeploymentConfig("HalfAtATime")->name == "CodeDeployDefault.HalfAtATime");
}

TEST_CASE("Engine: hosts that failed last time go first", "[engine]") {
  Fixture f(3);
  std::string first = f.Deploy();
  f.RunHost(0);
  for (int i = 0; i < 6; ++i) f.Step(1);
  CHECK(f.Step(1, false) == "ValidateService");  // host-2 failed; host-3 skipped
  REQUIRE(f.Get(first).deployment.status == DeploymentStatus::kFailed);
  std::string second = f.Deploy();
  auto d = f.Get(second);
  // host-2 failed last time, host-3 never got r-1, host-1 already has it.
  CHECK(d.targets[0].instance_name == "host-2");
  CHECK(d.targets[1].instance_name == "host-3");
  CHECK(d.targets[2].instance_name == "host-1");
}

}  // namespace
}  // namespace berth::deploy

namespace berth::deploy {
namespace {

TEST_CASE("Engine: a queued deployment starts when the active one ends", "[engine]") {
  Fixture f(2);
  std::string first = f.Deploy();
  CreateDeploymentRequest req{"web", "prod", "r-1"};
  req.queue = true;
  auto second = f.engine->CreateDeployment(req);
  REQUIRE(second.ok());
  auto third = f.engine->CreateDeployment(req);
  REQUIRE(third.ok());
  CHECK(f.Get(second->id).deployment.status == DeploymentStatus::kQueued);
  CHECK(f.Get(second->id).targets.empty());

  f.RunHost(0);
  f.RunHost(1);
  CHECK(f.Get(first).deployment.status == DeploymentStatus::kSucceeded);
  // The oldest queued one started, with its targets chosen now; the next waits.
  auto d = f.Get(second->id);
  CHECK(d.deployment.status == DeploymentStatus::kInProgress);
  CHECK(d.targets.size() == 2);
  CHECK(f.Get(third->id).deployment.status == DeploymentStatus::kQueued);
  CHECK(f.woken.back() == d.targets[0].instance_id);
  // Stopping it starts the third.
  REQUIRE(f.service->StopDeployment(second->id, false).ok());
  CHECK(f.Get(third->id).deployment.status == DeploymentStatus::kInProgress);
}

}  // namespace
}  // namespace berth::deploy

namespace berth::deploy {
namespace {

TEST_CASE("Instances can be tagged and untagged, and selection follows", "[engine]") {
  Fixture f(2);
  auto tagged = f.service->TagInstance("host-1", {{"env", "staging"}, {"zone", "a"}}, {});
  REQUIRE(tagged.ok());
  CHECK(tagged->tags == model::Tags{{"env", "staging"}, {"zone", "a"}});
  auto untagged = f.service->TagInstance("host-1", {}, {"zone"});
  CHECK(untagged->tags == model::Tags{{"env", "staging"}});
  CHECK(f.service->TagInstance("nobody", {{"a", "b"}}, {}).status().code() == Code::kNotFound);
  CHECK(f.service->TagInstance("host-1", {{"", "b"}}, {}).status().code() ==
        Code::kInvalidArgument);
  std::string id = f.Deploy();
  auto d = f.Get(id);
  REQUIRE(d.targets.size() == 1);  // host-1 no longer matches env=prod
  CHECK(d.targets[0].instance_name == "host-2");
}

}  // namespace
}  // namespace berth::deploy
