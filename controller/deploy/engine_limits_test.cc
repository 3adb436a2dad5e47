// The rollout limits through the engine: the failure budget, retrying failed hosts and
// freeze windows (docs/api.md "Failure budget", "Retrying failed hosts", "Freeze windows").
#include <catch2/catch.hpp>
#include <set>

#include "controller/deploy/engine_fixture_for_test.h"
#include "controller/freeze/fake_time_zones.h"

namespace berth::deploy {
namespace {

using model::DeploymentErrorCode;
using model::DeploymentStatus;
using model::TargetStatus;

// Runs host `h` to its first hook (BeforeInstall; ApplicationStop and the built-ins pass)
// and fails it there.
void FailHost(Fixture& f, int h) {
  REQUIRE(f.Step(h) == "ApplicationStop");
  REQUIRE(f.Step(h) == "DownloadBundle");
  REQUIRE(f.Step(h, false) == "BeforeInstall");
}

// A group of 4 hosts whose config keeps 2 healthy: 2 hosts in flight at a time, and a
// failure leaves room for another host (3 healthy - 2 = 1).
struct TwoAtATime : Fixture {
  TwoAtATime() : Fixture(4) {
    REQUIRE(service->CreateDeploymentConfig({"two", model::MinHealthyType::kHostCount, 2}).ok());
    EditGroup([](model::DeploymentGroup& g) { g.config_name = "two"; });
  }
};

TEST_CASE("Budget: max failed hosts 0 fails on the first failure and starts no more hosts",
          "[engine][budget]") {
  TwoAtATime f;
  CreateDeploymentRequest req = f.Request();
  req.max_failed_hosts = model::FailureBudget{false, 0};
  auto d = f.engine->CreateDeployment(req);
  REQUIRE(d.ok());
  FailHost(f, 0);
  CHECK(f.Get(d->id).deployment.status == DeploymentStatus::kInProgress);  // host 2 in flight
  // Once host 2 has succeeded the planner alone would start host 3 (see below); the
  // budget starts nothing and ends the deployment.
  f.RunHost(1);
  auto ended = f.Get(d->id);
  CHECK(ended.deployment.status == DeploymentStatus::kFailed);
  CHECK(ended.deployment.error.code == DeploymentErrorCode::kMaxFailedHosts);
  CHECK(ended.deployment.error.message ==
        "1 of 4 host(s) failed; the failure budget (max failed hosts 0) allows 0 "
        "(1 succeeded, 2 not attempted)");
  CHECK(ended.targets[2].status == TargetStatus::kSkipped);
  CHECK(ended.targets[3].status == TargetStatus::kSkipped);
  CHECK(f.Step(2).empty());
  CHECK(f.Step(3).empty());
}

TEST_CASE("Budget: without one, the same failure lets the next host start", "[engine][budget]") {
  TwoAtATime f;
  std::string id = f.Deploy();
  FailHost(f, 0);
  f.RunHost(1);
  CHECK(f.Step(2) == "ApplicationStop");
  CHECK(f.Get(id).deployment.max_failed_hosts == std::nullopt);
}

TEST_CASE("Budget: the request's, else the group's, else the config's", "[engine][budget]") {
  Fixture f(3);
  model::DeploymentConfig config{"budgeted", model::MinHealthyType::kHostCount, 0};
  config.max_failed_hosts = model::FailureBudget{true, 50};
  REQUIRE(f.service->CreateDeploymentConfig(config).ok());
  REQUIRE(f.service->GetDeploymentConfig("budgeted")->max_failed_hosts == config.max_failed_hosts);
  f.EditGroup([](model::DeploymentGroup& g) { g.config_name = "budgeted"; });
  std::string from_config = f.Deploy();
  CHECK(f.Get(from_config).deployment.max_failed_hosts == model::FailureBudget{true, 50});
  f.RunTargets(from_config);

  f.EditGroup([](model::DeploymentGroup& g) {
    g.max_failed_hosts = model::FailureBudget{false, 1};
  });
  std::string from_group = f.Deploy();
  CHECK(f.Get(from_group).deployment.max_failed_hosts == model::FailureBudget{false, 1});
  f.RunTargets(from_group);

  CreateDeploymentRequest req = f.Request();
  req.max_failed_hosts = model::FailureBudget{false, 0};
  auto own = f.engine->CreateDeployment(req);
  REQUIRE(own.ok());
  CHECK(f.Get(own->id).deployment.max_failed_hosts == model::FailureBudget{false, 0});
}

TEST_CASE("Budget: a bad budget is refused and changes nothing", "[engine][budget]") {
  Fixture f(2);
  CreateDeploymentRequest req = f.Request();
  req.max_failed_hosts = model::FailureBudget{true, 101};
  auto d = f.service->CreateDeployment(req);
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().code() == Code::kInvalidArgument);
  CHECK(d.status().message() == "max failed hosts 101% is more than 100% of the hosts");
  auto g = f.service->UpdateDeploymentGroup("web", "prod", [](model::DeploymentGroup& g) {
    g.max_failed_hosts = model::FailureBudget{false, -1};
    return Status::Ok();
  });
  REQUIRE_FALSE(g.ok());
  CHECK(g.status().code() == Code::kInvalidArgument);
  CHECK(f.service->GetDeploymentGroup("web", "prod")->max_failed_hosts == std::nullopt);
  CHECK(f.service->ListDeployments({})->empty());
}

TEST_CASE("Retry: only the failed and skipped hosts, linked both ways", "[engine][retry]") {
  Fixture f(3);
  std::string first = f.Deploy();
  f.RunHost(0);
  FailHost(f, 1);  // OneAtATime over 3 keeps 2 healthy: host 3 is skipped
  auto failed = f.Get(first);
  REQUIRE(failed.deployment.status == DeploymentStatus::kFailed);

  auto retry = f.service->RetryDeployment({.deployment_id = first});
  REQUIRE(retry.ok());
  auto r = f.Get(retry->id);
  CHECK(r.deployment.retry_of == first);
  CHECK(r.deployment.revision_id == "r-1");
  CHECK(r.deployment.creator == model::Creator::kUser);
  CHECK(r.deployment.status == DeploymentStatus::kInProgress);
  std::set<std::string> hosts;
  for (const model::Target& t : r.targets) hosts.insert(t.instance_id);
  CHECK(hosts == std::set<std::string>{f.instances[1], f.instances[2]});
  CHECK(f.Get(first).deployment.retry_deployment_id == retry->id);
  CHECK(f.Step(0).empty());  // the host that succeeded gets nothing
  f.RunTargets(retry->id);
  CHECK(f.Get(retry->id).deployment.status == DeploymentStatus::kSucceeded);

  auto again = f.service->RetryDeployment({.deployment_id = first});
  REQUIRE_FALSE(again.ok());
  CHECK(again.status().code() == Code::kFailedPrecondition);
  CHECK(again.status().message() == "deployment " + first + " was already retried by " + retry->id +
                                        "; retry that one instead");
  auto nothing = f.service->RetryDeployment({.deployment_id = retry->id});
  REQUIRE_FALSE(nothing.ok());
  CHECK(nothing.status().code() == Code::kFailedPrecondition);
  CHECK(nothing.status().message() ==
        "deployment " + retry->id + " (Succeeded) has no failed or skipped hosts to retry");
  CHECK(f.service->ListDeployments({})->size() == 2);
}

TEST_CASE("Retry: a running deployment and an unknown one are refused", "[engine][retry]") {
  Fixture f(2);
  std::string running = f.Deploy();
  auto refused = f.service->RetryDeployment({.deployment_id = running});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == Code::kFailedPrecondition);
  CHECK(refused.status().message() == "deployment " + running +
                                          " is InProgress; only an ended deployment can be "
                                          "retried (wait for it, or stop it first)");
  CHECK(f.service->RetryDeployment({.deployment_id = "d-NOSUCH000"}).status().code() ==
        Code::kNotFound);
}

TEST_CASE("Retry: a Succeeded deployment with a failed last host (OneAtATime)", "[engine][retry]") {
  Fixture f(2);
  std::string first = f.Deploy();
  f.RunHost(0);
  FailHost(f, 1);
  REQUIRE(f.Get(first).deployment.status == DeploymentStatus::kSucceeded);
  auto retry = f.service->RetryDeployment({.deployment_id = first});
  REQUIRE(retry.ok());
  auto r = f.Get(retry->id);
  REQUIRE(r.targets.size() == 1);
  CHECK(r.targets[0].instance_id == f.instances[1]);
  CHECK(r.deployment.config.name == model::kDefaultConfigName);
}

// The fake clock starts on Tuesday 2023-11-14 at 22:13:20 UTC.
struct Frozen : Fixture {
  explicit Frozen(const std::string& window = "Tue 22:00-Tue 23:00 UTC") : Fixture(2) {
    engine->SetTimeZones(&zones);
    EditGroup([&](model::DeploymentGroup& g) { g.freeze_windows = {window}; });
  }
  freeze::FakeTimeZones zones;
};

TEST_CASE("Freeze: creating a deployment inside a window is refused, naming it",
          "[engine][freeze]") {
  Frozen f("tue 22:00-TUE 23:00 UTC");
  CHECK(f.service->GetDeploymentGroup("web", "prod")->freeze_windows ==
        std::vector<std::string>{"Tue 22:00-Tue 23:00 UTC"});
  auto d = f.service->CreateDeployment(f.Request());
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().code() == Code::kFailedPrecondition);
  CHECK(d.status().message() ==
        "deployment group \"prod\" is in freeze window \"Tue 22:00-Tue 23:00 UTC\"; queue the "
        "deployment to start when the window ends, or an admin may override the freeze");
  CHECK(f.service->ListDeployments({})->empty());
  f.clock.AdvanceMs(47 * 60 * 1000);  // 23:00: the window has ended
  CHECK(f.service->CreateDeployment(f.Request()).ok());
}

TEST_CASE("Freeze: --queue waits for the window's end, then starts", "[engine][freeze]") {
  Frozen f;
  CreateDeploymentRequest req = f.Request();
  req.queue = true;
  auto d = f.service->CreateDeployment(req);
  REQUIRE(d.ok());
  CHECK(f.Get(d->id).deployment.status == DeploymentStatus::kQueued);
  CHECK(f.Get(d->id).deployment.freeze.queued_for_window == "Tue 22:00-Tue 23:00 UTC");
  REQUIRE(f.engine->StartDueQueued().ok());
  CHECK(f.Get(d->id).deployment.status == DeploymentStatus::kQueued);
  CHECK(f.Step(0).empty());
  f.clock.AdvanceMs(47 * 60 * 1000);
  REQUIRE(f.engine->StartDueQueued().ok());
  CHECK(f.Get(d->id).deployment.status == DeploymentStatus::kInProgress);
  CHECK(f.Step(0) == "ApplicationStop");
}

TEST_CASE("Freeze: removing the window lets a queued deployment start", "[engine][freeze]") {
  Frozen f;
  CreateDeploymentRequest req = f.Request();
  req.queue = true;
  auto d = f.service->CreateDeployment(req);
  REQUIRE(d.ok());
  f.EditGroup([](model::DeploymentGroup& g) { g.freeze_windows.clear(); });
  REQUIRE(f.engine->StartDueQueued().ok());
  CHECK(f.Get(d->id).deployment.status == DeploymentStatus::kInProgress);
}

TEST_CASE("Freeze: an override starts at once and is recorded", "[engine][freeze]") {
  Frozen f;
  CreateDeploymentRequest req = f.Request();
  req.override_freeze = true;
  req.override_by = "BTADMIN";
  auto d = f.service->CreateDeployment(req);
  REQUIRE(d.ok());
  auto got = f.Get(d->id).deployment;
  CHECK(got.status == DeploymentStatus::kInProgress);
  CHECK(got.freeze.overridden_window == "Tue 22:00-Tue 23:00 UTC");
  CHECK(got.freeze.overridden_by == "BTADMIN");
  CHECK(got.freeze.override_time == f.clock.NowMs());
  CHECK(got.freeze.queued_for_window.empty());
}

TEST_CASE("Freeze: a deployment queued behind another waits for the window too",
          "[engine][freeze]") {
  Fixture f(2);
  freeze::FakeTimeZones zones;
  f.engine->SetTimeZones(&zones);
  std::string first = f.Deploy();
  CreateDeploymentRequest req = f.Request();
  req.queue = true;
  auto second = f.engine->CreateDeployment(req);
  REQUIRE(second.ok());
  f.EditGroup([](model::DeploymentGroup& g) { g.freeze_windows = {"Tue 22:00-Tue 23:00 UTC"}; });
  f.RunTargets(first);
  REQUIRE(f.Get(first).deployment.status == DeploymentStatus::kSucceeded);
  CHECK(f.Get(second->id).deployment.status == DeploymentStatus::kQueued);
  f.clock.AdvanceMs(47 * 60 * 1000);
  REQUIRE(f.engine->StartDueQueued().ok());
  CHECK(f.Get(second->id).deployment.status == DeploymentStatus::kInProgress);
}

TEST_CASE("Freeze: a bad window is refused and changes nothing", "[engine][freeze]") {
  Fixture f(1);
  auto g = f.service->UpdateDeploymentGroup("web", "prod", [](model::DeploymentGroup& g) {
    g.freeze_windows = {"Tue 22:00-Tue 23:00 UTC", "Fry 16:00-Mon 08:00 UTC"};
    return Status::Ok();
  });
  REQUIRE_FALSE(g.ok());
  CHECK(g.status().code() == Code::kInvalidArgument);
  CHECK(g.status().message() ==
        "freeze window \"Fry 16:00-Mon 08:00 UTC\": \"Fry\" is neither a day (Mon, Tue, Wed, "
        "Thu, Fri, Sat, Sun) nor a date (YYYY-MM-DD)");
  CHECK(f.service->GetDeploymentGroup("web", "prod")->freeze_windows.empty());
}

}  // namespace
}  // namespace berth::deploy
