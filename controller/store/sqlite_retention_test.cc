// SqliteStore retention: old finished deployments go with their logs and trigger
// messages; active, recent and last-successful ones stay.
#include <catch2/catch.hpp>

#include "controller/store/store_fixture_for_test.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr model::TimeMs kDay = 24 * 3'600'000;

struct RetentionFixture {
  std::unique_ptr<SqliteStore> store = StoreWithWebProd("d-KEPT");

  RetentionFixture() {
    model::Revision revision;
    revision.id = "rev-1";
    revision.application_id = "app-web";
    revision.location.type = model::RevisionType::kStore;
    revision.location.sha256 = std::string(64, 'a');
    REQUIRE(store->CreateRevision(revision).ok());
  }

  void AddDeployment(const std::string& id, model::DeploymentStatus status,
                     model::TimeMs complete_time) {
    model::Deployment d;
    d.id = id;
    d.application_id = "app-web";
    d.group_id = "dg-prod";
    d.revision_id = "rev-1";
    d.status = status;
    d.create_time = complete_time - 1000;
    d.complete_time = complete_time;
    REQUIRE(store->CreateDeployment(d, {}).ok());
    EventLogLine line;
    line.command_id = "c-" + id;
    line.line_no = 1;
    line.deployment_id = id;
    line.stream = "stdout";
    line.text = "hello";
    REQUIRE(store->AppendEventLog({line}, 1 << 20, 1000).ok());
    TriggerMessage m;
    m.deployment_id = id;
    m.trigger_name = "t";
    m.url = "https://hooks.example.com";
    m.event = "DeploymentStart";
    m.body = "{}";
    m.create_time = d.create_time;
    REQUIRE(store->EnqueueTrigger(m).ok());
  }
};

TEST_CASE("retention: old finished deployments go with their logs and triggers") {
  RetentionFixture f;
  const model::TimeMs now = 200 * kDay;
  const model::TimeMs cutoff = now - 90 * kDay;
  f.AddDeployment("d-OLD", model::DeploymentStatus::kFailed, cutoff - kDay);
  f.AddDeployment("d-KEPT", model::DeploymentStatus::kSucceeded, cutoff - kDay);
  f.AddDeployment("d-NEW", model::DeploymentStatus::kSucceeded, cutoff + kDay);
  f.AddDeployment("d-ACTIVE", model::DeploymentStatus::kInProgress, 0);

  auto counts = f.store->PruneBefore(cutoff);
  REQUIRE(counts.ok());
  CHECK(counts->deployments == 1);
  CHECK(counts->event_log_lines == 1);
  CHECK(counts->trigger_messages == 1);
  CHECK(f.store->GetDeployment("d-OLD").status().code() == Code::kNotFound);
  for (const char* kept : {"d-KEPT", "d-NEW", "d-ACTIVE"}) {
    INFO(kept);
    CHECK(f.store->GetDeployment(kept).ok());
    CHECK(f.store->ListTriggers(kept)->size() == 1);
    CHECK(f.store->ListEventLog({kept})->size() == 1);
  }
  CHECK(f.store->ListEventLog({"d-OLD"})->empty());
  CHECK(*f.store->ReferencedBlobs() == std::set<std::string>{std::string(64, 'a')});
}

}  // namespace
}  // namespace berth::store
