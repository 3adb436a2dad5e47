#include "controller/deploy/hook_options.h"

#include <catch2/catch.hpp>

#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::deploy {
namespace {

std::vector<std::string> Names(const model::Target& t) {
  std::vector<std::string> names;
  for (const model::LifecycleEvent& e : t.events) names.push_back(e.name);
  return names;
}

}  // namespace

TEST_CASE("Hooks: commands carry the variables, secret values read when handed out",
          "[engine][hooks]") {
  Fixture f(1);
  REQUIRE(f.service->SetSecret("DB_PASS", "first").ok());
  CreateDeploymentRequest req = f.Request();
  req.hooks.variables = {{"GREETING", "hi"}};
  req.hooks.secret_names = {"DB_PASS"};
  auto d = f.service->CreateDeployment(req);
  REQUIRE(d.ok());
  REQUIRE(f.service->SetSecret("DB_PASS", "second").ok());
  auto c = f.engine->TakeCommand(f.instances[0]);
  REQUIRE(c.ok());
  REQUIRE(c->has_value());
  const std::vector<model::Variable>& vars = (*c)->variables;
  REQUIRE(vars.size() == 2);
  CHECK((vars[0].name == "GREETING" && vars[0].value == "hi" && !vars[0].secret));
  CHECK((vars[1].name == "DB_PASS" && vars[1].value == "second" && vars[1].secret));
  // The stored deployment keeps the secret's name only.
  auto stored = f.service->GetDeployment(d->id);
  REQUIRE(stored.ok());
  CHECK(stored->deployment.hooks.secret_names == std::vector<std::string>{"DB_PASS"});
  REQUIRE(f.engine->CompleteCommand(f.instances[0], (*c)->command.id, true, {"Success"}).ok());
  REQUIRE(f.service->DeleteSecret("DB_PASS").ok());
  auto next = f.engine->TakeCommand(f.instances[0]);
  REQUIRE(next.ok());
  REQUIRE(next->has_value());
  CHECK((*next)->variables[1].missing);
  CHECK((*next)->variables[1].value.empty());
}

TEST_CASE("Hooks: bad variables and unknown secrets are refused and create nothing",
          "[engine][hooks]") {
  Fixture f(1);
  CreateDeploymentRequest req = f.Request();
  req.hooks.secret_names = {"NOPE"};
  auto refused = f.service->CreateDeployment(req);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == Code::kNotFound);
  req.hooks.secret_names.clear();
  req.hooks.variables = {{"A", "1"}, {"A", "2"}};
  CHECK(f.service->CreateDeployment(req).status().message() == "variable \"A\" is given twice");
  req.hooks.variables = {};
  req.hooks.health_check = {"http://h/", 1000, 5000};
  CHECK(f.service->CreateDeployment(req).status().message() ==
        "health check interval (5000 ms) is longer than its timeout (1000 ms)");
  CHECK(f.store->ListDeployments({})->empty());
}

TEST_CASE("Hooks: the group's health check adds a HealthCheck event", "[engine][hooks]") {
  Fixture f(1);
  f.EditGroup([](model::DeploymentGroup& g) {
    g.health_check = {"http://localhost/h", 3000, 500};
  });
  std::string id = f.Deploy();
  auto d = f.Get(id);
  CHECK(d.deployment.hooks.health_check.url == "http://localhost/h");
  CHECK(Names(d.targets[0]).back() == "HealthCheck");
  CHECK(d.targets[0].events.size() == 8);
}

TEST_CASE("Hooks: RESTART runs the last successful revision's restart events", "[engine][hooks]") {
  Fixture f(1);
  CreateDeploymentRequest restart = f.Request("");
  restart.hooks.mode = model::DeploymentMode::kRestart;
  auto none = f.service->CreateDeployment(restart);
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() ==
        "deployment group \"prod\" has no successful deployment to restart; deploy a revision "
        "first");
  f.RunTargets(f.Deploy());
  auto d = f.service->CreateDeployment(restart);
  REQUIRE(d.ok());
  CHECK(d->revision_id == "r-1");
  auto got = f.Get(d->id);
  CHECK(Names(got.targets[0]) ==
        std::vector<std::string>{"ApplicationStop", "ApplicationStart", "ValidateService"});
  CHECK(got.deployment.hooks.mode == model::DeploymentMode::kRestart);
  restart.revision_id = "r-1";
  CHECK(f.service->CreateDeployment(restart).status().code() == Code::kInvalidArgument);
}

}  // namespace berth::deploy
