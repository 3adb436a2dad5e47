// Hosts that join a group after its last deployment (autoUpdate) and --outdated-only.
#include <catch2/catch.hpp>

#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::deploy {
namespace {

using model::DeploymentStatus;

std::vector<model::Deployment> ByCreator(Fixture& f, const std::string& creator) {
  std::vector<model::Deployment> out;
  auto all = f.service->ListDeployments({});
  REQUIRE(all.ok());
  for (const model::Deployment& d : *all) {
    if (model::CreatorName(d.creator) == creator) out.push_back(d);
  }
  return out;
}

std::string Enroll(Fixture& f, const std::string& name, const model::Tags& tags) {
  auto e = f.service->Enroll({Fixture::kEnrollToken, name, tags, "test"});
  INFO(e.status().ToString());
  REQUIRE(e.ok());
  return e->instance.id;
}

TEST_CASE("autoUpdate: a new matching host gets the last successful revision",
          "[engine][autoupdate]") {
  Fixture f(2);
  // Before any success there is nothing to give.
  f.instances.push_back(Enroll(f, "early", {{"env", "prod"}}));
  CHECK(ByCreator(f, "autoUpdate").empty());
  std::string good = f.Deploy();
  f.RunTargets(good);
  REQUIRE(f.Get(good).deployment.status == DeploymentStatus::kSucceeded);

  Enroll(f, "other", {{"env", "dev"}});  // does not match
  CHECK(ByCreator(f, "autoUpdate").empty());

  std::string fresh = Enroll(f, "fresh", {{"env", "prod"}});
  auto updates = ByCreator(f, "autoUpdate");
  REQUIRE(updates.size() == 1);
  auto d = f.Get(updates[0].id);
  CHECK(d.deployment.status == DeploymentStatus::kInProgress);
  CHECK(d.deployment.revision_id == "r-1");
  REQUIRE(d.targets.size() == 1);
  CHECK(d.targets[0].instance_id == fresh);

  // Two more join while it runs: one queued autoUpdate gathers both.
  std::string late1 = Enroll(f, "late-1", {{"env", "prod"}});
  std::string late2 = Enroll(f, "late-2", {{"env", "prod"}});
  updates = ByCreator(f, "autoUpdate");
  REQUIRE(updates.size() == 2);
  model::Deployment queued = updates[0];  // newest first
  CHECK(queued.status == DeploymentStatus::kQueued);
  CHECK(queued.target_instance_ids == std::vector<std::string>{late1, late2});

  // Another host cannot take a registered name; the host itself, proving its identity
  // (its credential, in --insecure mode), enrolls again and, already on the revision,
  // gets nothing new.
  auto stolen = f.service->Enroll({Fixture::kEnrollToken, "host-1", {{"env", "prod"}}, "test"});
  CHECK(stolen.status().code() == Code::kAlreadyExists);
  auto again = f.service->Enroll(
      {Fixture::kEnrollToken, "host-1", {{"env", "prod"}}, "test", "", "", f.credentials[0]});
  REQUIRE(again.ok());
  CHECK(again->instance.id == f.instances[0]);
  CHECK(ByCreator(f, "autoUpdate").size() == 2);
}

TEST_CASE("autoUpdate: tagging an instance into the group updates it", "[engine][autoupdate]") {
  Fixture f(1);
  std::string good = f.Deploy();
  f.RunHost(0);
  Enroll(f, "web-9", {{"env", "staging"}});
  CHECK(ByCreator(f, "autoUpdate").empty());
  REQUIRE(f.service->TagInstance("web-9", {{"env", "prod"}}, {}).ok());
  CHECK(ByCreator(f, "autoUpdate").size() == 1);
}

TEST_CASE("autoUpdate: IGNORE leaves new hosts alone", "[engine][autoupdate]") {
  Fixture f(1);
  f.EditGroup([](model::DeploymentGroup& g) { g.outdated_instances_strategy = "IGNORE"; });
  std::string good = f.Deploy();
  f.RunHost(0);
  Enroll(f, "fresh", {{"env", "prod"}});
  CHECK(ByCreator(f, "autoUpdate").empty());
}

TEST_CASE("Outdated only: deploy --outdated-only deploys only to hosts not on the revision",
          "[engine][autoupdate]") {
  Fixture f(2);
  f.EditGroup([](model::DeploymentGroup& g) { g.outdated_instances_strategy = "IGNORE"; });
  std::string good = f.Deploy();
  f.RunHost(0);
  f.RunHost(1);
  CreateDeploymentRequest req = f.Request();
  req.update_outdated_only = true;
  auto none = f.engine->CreateDeployment(req);
  REQUIRE(!none.ok());
  CHECK(none.status().message() ==
        "every instance of deployment group \"prod\" is already on revision r-1");

  std::string fresh = Enroll(f, "fresh", {{"env", "prod"}});
  auto d = f.engine->CreateDeployment(req);
  REQUIRE(d.ok());
  auto detail = f.Get(d->id);
  REQUIRE(detail.targets.size() == 1);
  CHECK(detail.targets[0].instance_id == fresh);
  CHECK(detail.deployment.update_outdated_only);
}

}  // namespace
}  // namespace berth::deploy
