// The engine test fixture: a controller without listeners (in-memory store, engine,
// service, fake clock), shared by the engine's test files.
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/model/lifecycle.h"
#include "common/testing/temp_dir.h"
#include "controller/api/service.h"
#include "controller/deploy/engine.h"
#include "controller/store/sqlite_store.h"

namespace berth::deploy {

// A controller without listeners: an in-memory store, the engine and the service, with
// `hosts` registered instances tagged env=prod, and an app "web" with group "prod".
struct Fixture {
  static constexpr char kEnrollToken[] = "test-enroll-token";
  explicit Fixture(int hosts, const std::string& config = "OneAtATime",
                   const std::string& database = ":memory:") {
    auto opened = store::SqliteStore::Open(database);
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    engine = std::make_unique<Engine>(store.get(), &clock);
    service = std::make_unique<api::Service>(store.get(), engine.get(), &blobs, &clock);
    service->SetAgentSecurity({kEnrollToken, nullptr});
    engine->SetCommandReadyCallback([this](const std::string& id) { woken.push_back(id); });
    REQUIRE(service->CreateApplication("web").ok());
    model::DeploymentGroup g;
    g.application_name = "web";
    g.name = "prod";
    g.config_name = config;
    g.tag_set = {{{"env", "prod", model::TagFilterType::kKeyAndValue}}};
    REQUIRE(service->CreateDeploymentGroup(g).ok());
    for (int i = 1; i <= hosts; ++i) {
      auto e = service->Enroll({kEnrollToken, "host-" + std::to_string(i), {{"env", "prod"}}, "test"});
      REQUIRE(e.ok());
      instances.push_back(e->instance.id);
      credentials.push_back(e->credential);
    }
    AddRevision("r-1");
  }

  void AddRevision(const std::string& id) {
    model::Revision r;
    r.id = id;
    r.application_id = service->GetApplication("web")->id;
    r.location.sha256 = std::string(64, 'a');
    REQUIRE(store->CreateRevision(r).ok());
  }

  CreateDeploymentRequest Request(const std::string& revision = "r-1") {
    CreateDeploymentRequest req;
    req.application_name = "web";
    req.group_name = "prod";
    req.revision_id = revision;
    return req;
  }

  std::string Deploy(const std::string& revision = "r-1") {
    auto d = engine->CreateDeployment(Request(revision));
    REQUIRE(d.ok());
    return d->id;
  }

  // Changes the group with `edit`.
  void EditGroup(const std::function<void(model::DeploymentGroup&)>& edit) {
    auto g = service->UpdateDeploymentGroup("web", "prod", [&](model::DeploymentGroup& group) {
      edit(group);
      return Status::Ok();
    });
    REQUIRE(g.ok());
  }

  // Runs deployment `id` to the end, every host succeeding, in its dispatch order.
  void RunTargets(const std::string& id) {
    for (const model::Target& t : Get(id).targets) {
      auto at = std::find(instances.begin(), instances.end(), t.instance_id);
      REQUIRE(at != instances.end());
      if (t.status == model::TargetStatus::kPending ||
          t.status == model::TargetStatus::kInProgress) {
        while (!Step(static_cast<int>(at - instances.begin())).empty()) {
        }
      }
    }
  }

  // Runs the host's next command with the given outcome; returns its event name ("" if
  // the host had nothing to do).
  std::string Step(int host, bool succeed = true) {
    auto c = engine->TakeCommand(instances[host]);
    REQUIRE(c.ok());
    if (!c->has_value()) return "";
    model::Diagnostics diag{succeed ? "Success" : "ScriptFailed", "", succeed ? "" : "exit 1", ""};
    REQUIRE(engine->CompleteCommand(instances[host], (*c)->command.id, succeed, diag).ok());
    return (*c)->command.event_name;
  }

  void RunHost(int host) {
    for (size_t i = 0; i < model::InPlaceEvents().size(); ++i) {
      REQUIRE(Step(host) == model::InPlaceEvents()[i]);
    }
  }

  // The deployment and every one of its targets (the API pages them; tests want all).
  struct DeploymentWithTargets {
    model::Deployment deployment;
    std::vector<model::Target> targets;
  };
  DeploymentWithTargets Get(const std::string& id) {
    auto d = service->GetDeployment(id);
    REQUIRE(d.ok());
    auto targets = store->GetTargets(id);
    REQUIRE(targets.ok());
    return {d->deployment, *std::move(targets)};
  }

  testing::TempDir blob_dir;
  blobs::BlobStore blobs{blob_dir.path()};
  FakeClock clock;
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<api::Service> service;
  std::vector<std::string> instances;
  std::vector<std::string> credentials;  // of instances[i]
  std::vector<std::string> woken;
};

}  // namespace berth::deploy
