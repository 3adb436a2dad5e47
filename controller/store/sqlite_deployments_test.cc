// SqliteStore: deployments, their targets and events, and commands.
#include <catch2/catch.hpp>

#include "controller/store/store_fixture_for_test.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

// A store holding application "web", group "prod", revision "rev-1" and instances
// host-1..host-3 (ids i-1..i-3), ready for deployments.
std::unique_ptr<SqliteStore> OpenWithFleet() {
  std::unique_ptr<SqliteStore> store = StoreWithWebProd();
  model::Revision revision;
  revision.id = "rev-1";
  revision.application_id = "app-web";
  REQUIRE(store->CreateRevision(revision).ok());
  for (int i = 1; i <= 3; ++i) {
    model::Instance instance;
    instance.id = "i-" + std::to_string(i);
    instance.name = "host-" + std::to_string(i);
    REQUIRE(store->CreateInstance(instance, "hash-" + std::to_string(i)).ok());
  }
  return store;
}

model::Deployment MakeDeployment(const std::string& id, model::TimeMs create_time) {
  model::Deployment d;
  d.id = id;
  d.application_id = "app-web";
  d.group_id = "dg-prod";
  d.revision_id = "rev-1";
  d.revision.type = model::RevisionType::kHttps;
  d.revision.url = "https://example.com/web.tgz";
  d.revision.sha256 = "abcd";
  d.config = {"Custom.Most", model::MinHealthyType::kFleetPercent, 75, false, false};
  d.creator = model::Creator::kRollback;
  d.description = "roll back " + id;
  d.file_exists_behavior = "RETAIN";
  d.ignore_application_stop_failures = true;
  d.create_time = create_time;
  return d;
}

model::LifecycleEvent Event(int seq, const std::string& name) {
  model::LifecycleEvent e;
  e.seq = seq;
  e.name = name;
  return e;
}

// A target of instance i-<n> at `position` with the events Install (seq 0) and
// ApplicationStart (seq 1).
model::Target MakeTarget(int n, int position) {
  model::Target t;
  t.instance_id = "i-" + std::to_string(n);
  t.instance_name = "host-" + std::to_string(n);
  t.position = position;
  t.events = {Event(0, "Install"), Event(1, "ApplicationStart")};
  return t;
}

model::Command MakeCommand(const std::string& id, const std::string& instance_id,
                           model::TimeMs create_time) {
  model::Command c;
  c.id = id;
  c.deployment_id = "d-000000001";
  c.instance_id = instance_id;
  c.event_seq = 1;
  c.event_name = "ApplicationStart";
  c.create_time = create_time;
  return c;
}

TEST_CASE("deployments round trip with a copy of config and revision", "[store]") {
  auto store = OpenWithFleet();
  REQUIRE(store->CreateDeployment(MakeDeployment("d-000000001", 100), {}).ok());

  auto d = store->GetDeployment("d-000000001");
  REQUIRE(d.ok());
  CHECK(d->application_id == "app-web");
  CHECK(d->application_name == "web");
  CHECK(d->group_id == "dg-prod");
  CHECK(d->group_name == "prod");
  CHECK(d->revision_id == "rev-1");
  CHECK(d->revision.type == model::RevisionType::kHttps);
  CHECK(d->revision.url == "https://example.com/web.tgz");
  CHECK(d->revision.sha256 == "abcd");
  CHECK(d->config.name == "Custom.Most");
  CHECK(d->config.type == model::MinHealthyType::kFleetPercent);
  CHECK(d->config.value == 75);
  CHECK_FALSE(d->config.one_at_a_time);
  CHECK(d->status == model::DeploymentStatus::kCreated);
  CHECK(d->creator == model::Creator::kRollback);
  CHECK(d->description == "roll back d-000000001");
  CHECK(d->file_exists_behavior == "RETAIN");
  CHECK(d->ignore_application_stop_failures);
  CHECK(d->create_time == 100);
  CHECK(d->start_time == 0);

  model::Deployment update = *d;
  update.status = model::DeploymentStatus::kFailed;
  update.error = {model::DeploymentErrorCode::kHealthConstraints, "too many hosts failed"};
  update.start_time = 150;
  update.complete_time = 200;
  REQUIRE(store->UpdateDeployment(update).ok());
  d = store->GetDeployment("d-000000001");
  REQUIRE(d.ok());
  CHECK(d->status == model::DeploymentStatus::kFailed);
  CHECK(d->error.code == model::DeploymentErrorCode::kHealthConstraints);
  CHECK(d->error.message == "too many hosts failed");
  CHECK(d->start_time == 150);
  CHECK(d->complete_time == 200);
}

TEST_CASE("a deployment read again shows every committed change and no rolled-back one",
          "[store]") {
  auto store = OpenWithFleet();
  REQUIRE(store->CreateDeployment(MakeDeployment("d-000000001", 100), {}).ok());
  REQUIRE(store->GetDeployment("d-000000001").ok());  // read once: remembered

  // A rename of its application or group shows (the read joins their names).
  REQUIRE(store->RenameApplication("app-web", "shop").ok());
  auto group = store->GetDeploymentGroupById("dg-prod");
  REQUIRE(group.ok());
  group->name = "live";
  REQUIRE(store->UpdateDeploymentGroup(*group).ok());
  auto d = store->GetDeployment("d-000000001");
  REQUIRE(d.ok());
  CHECK(d->application_name == "shop");
  CHECK(d->group_name == "live");

  // A change read inside a transaction that then fails is gone afterwards.
  Status s = store->Transact([&]() -> Status {
    model::Deployment update = *d;
    update.status = model::DeploymentStatus::kInProgress;
    RETURN_IF_ERROR(store->UpdateDeployment(update));
    auto inside = store->GetDeployment("d-000000001");
    if (!inside.ok() || inside->status != model::DeploymentStatus::kInProgress) {
      return Internal("the transaction does not see its own change");
    }
    return FailedPrecondition("changed my mind");
  });
  CHECK(s.message() == "changed my mind");
  d = store->GetDeployment("d-000000001");
  REQUIRE(d.ok());
  CHECK(d->status == model::DeploymentStatus::kCreated);

  // Deleted with its group: not found, not remembered.
  REQUIRE(store->DeleteDeploymentGroup("dg-prod").ok());
  CHECK(store->GetDeployment("d-000000001").status().code() == Code::kNotFound);
}

TEST_CASE("deployment errors", "[store]") {
  auto store = OpenWithFleet();
  REQUIRE(store->CreateDeployment(MakeDeployment("d-000000001", 100), {}).ok());

  Status s = store->CreateDeployment(MakeDeployment("d-000000001", 100), {});
  CHECK(s.code() == Code::kAlreadyExists);
  CHECK(s.message() == "deployment d-000000001 already exists");

  auto missing = store->GetDeployment("d-XXXXXXXXX");
  CHECK(missing.status().code() == Code::kNotFound);
  CHECK(missing.status().message() == "deployment d-XXXXXXXXX does not exist");
  s = store->UpdateDeployment(MakeDeployment("d-XXXXXXXXX", 1));
  CHECK(s.code() == Code::kNotFound);
  CHECK(s.message() == "deployment d-XXXXXXXXX does not exist");
  CHECK(store->GetTargets("d-XXXXXXXXX").status().code() == Code::kNotFound);

  model::Deployment orphan = MakeDeployment("d-000000002", 100);
  orphan.group_id = "dg-ghost";
  CHECK(store->CreateDeployment(orphan, {}).code() == Code::kNotFound);
}

TEST_CASE("a deployment whose target fails is not written at all", "[store]") {
  auto store = OpenWithFleet();
  model::Target ghost = MakeTarget(1, 1);
  ghost.instance_id = "i-ghost";
  Status s = store->CreateDeployment(MakeDeployment("d-000000001", 100), {MakeTarget(2, 0), ghost});
  CHECK(s.code() == Code::kNotFound);
  CHECK(s.message() == "instance i-ghost does not exist");
  CHECK(store->GetDeployment("d-000000001").status().code() == Code::kNotFound);

  s = store->CreateDeployment(MakeDeployment("d-000000001", 100),
                              {MakeTarget(2, 0), MakeTarget(2, 1)});
  CHECK(s.code() == Code::kInvalidArgument);
  CHECK(s.message() == "instance i-2 in deployment d-000000001 is a target twice");
  CHECK(store->GetDeployment("d-000000001").status().code() == Code::kNotFound);
}

TEST_CASE("targets come back by position with events by seq", "[store]") {
  auto store = OpenWithFleet();
  model::Target first = MakeTarget(3, 0);
  first.events = {Event(1, "AfterInstall"), Event(0, "Install"), Event(2, "ValidateService")};
  REQUIRE(store
              ->CreateDeployment(MakeDeployment("d-000000001", 100),
                                 {MakeTarget(1, 2), first, MakeTarget(2, 1)})
              .ok());

  auto targets = store->GetTargets("d-000000001");
  REQUIRE(targets.ok());
  REQUIRE(targets->size() == 3);
  CHECK((*targets)[0].instance_id == "i-3");
  CHECK((*targets)[0].instance_name == "host-3");
  CHECK((*targets)[0].deployment_id == "d-000000001");
  CHECK((*targets)[0].position == 0);
  CHECK((*targets)[1].instance_id == "i-2");
  CHECK((*targets)[2].instance_id == "i-1");
  REQUIRE((*targets)[0].events.size() == 3);
  CHECK((*targets)[0].events[0].name == "Install");
  CHECK((*targets)[0].events[1].name == "AfterInstall");
  CHECK((*targets)[0].events[2].name == "ValidateService");
  CHECK((*targets)[0].events[2].seq == 2);
  REQUIRE((*targets)[2].events.size() == 2);
  CHECK((*targets)[2].events[1].name == "ApplicationStart");
  CHECK((*targets)[2].events[1].status == model::EventStatus::kPending);

  REQUIRE(store->UpdateTargetStatus("d-000000001", "i-2", model::TargetStatus::kFailed).ok());
  targets = store->GetTargets("d-000000001");
  REQUIRE(targets.ok());
  CHECK((*targets)[1].status == model::TargetStatus::kFailed);
  CHECK((*targets)[0].status == model::TargetStatus::kPending);
  Status s = store->UpdateTargetStatus("d-000000001", "i-9", model::TargetStatus::kFailed);
  CHECK(s.code() == Code::kNotFound);
  CHECK(s.message() == "instance i-9 is not a target of deployment d-000000001");

  auto empty_store = OpenWithFleet();
  REQUIRE(empty_store->CreateDeployment(MakeDeployment("d-000000002", 1), {}).ok());
  auto none = empty_store->GetTargets("d-000000002");
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("event status, times and diagnostics round trip", "[store]") {
  auto store = OpenWithFleet();
  REQUIRE(store
              ->CreateDeployment(MakeDeployment("d-000000001", 100),
                                 {MakeTarget(1, 0), MakeTarget(2, 1)})
              .ok());
  model::LifecycleEvent event{1,
                              "ApplicationStart",
                              model::EventStatus::kFailed,
                              1000,
                              2000,
                              {"ScriptFailed", "scripts/start.sh", "exit status 3",
                               "line 1\nline 2 \"quoted\" \xE2\x9C\x93\n"}};
  REQUIRE(store->UpdateEvent("d-000000001", "i-2", event).ok());

  auto targets = store->GetTargets("d-000000001");
  REQUIRE(targets.ok());
  const model::LifecycleEvent& got = (*targets)[1].events[1];
  CHECK(got.seq == 1);
  CHECK(got.name == "ApplicationStart");
  CHECK(got.status == model::EventStatus::kFailed);
  CHECK(got.start_time == 1000);
  CHECK(got.end_time == 2000);
  CHECK(got.diagnostics.error_code == "ScriptFailed");
  CHECK(got.diagnostics.script_name == "scripts/start.sh");
  CHECK(got.diagnostics.message == "exit status 3");
  CHECK(got.diagnostics.log_tail == "line 1\nline 2 \"quoted\" \xE2\x9C\x93\n");
  // Only the matched (deployment, instance, seq) changed.
  CHECK((*targets)[1].events[0].status == model::EventStatus::kPending);
  CHECK((*targets)[0].events[1].status == model::EventStatus::kPending);
  CHECK((*targets)[0].events[1].diagnostics.error_code.empty());

  event.seq = 7;
  Status s = store->UpdateEvent("d-000000001", "i-2", event);
  CHECK(s.code() == Code::kNotFound);
  CHECK(s.message() ==
        "event 7 (ApplicationStart) of instance i-2 in deployment d-000000001 does not exist");
}

TEST_CASE("ListDeployments filters and returns newest first", "[store]") {
  auto store = OpenWithFleet();
  model::DeploymentGroup staging;
  staging.id = "dg-staging";
  staging.application_id = "app-web";
  staging.name = "staging";
  REQUIRE(store->CreateDeploymentGroup(staging).ok());
  REQUIRE(store->CreateApplication({"app-api", "api", 1}).ok());
  model::DeploymentGroup api_prod = staging;
  api_prod.id = "dg-api-prod";
  api_prod.application_id = "app-api";
  api_prod.name = "prod";
  REQUIRE(store->CreateDeploymentGroup(api_prod).ok());

  model::Deployment d1 = MakeDeployment("d-000000001", 100);
  model::Deployment d2 = MakeDeployment("d-000000002", 300);
  d2.status = model::DeploymentStatus::kInProgress;
  model::Deployment d3 = MakeDeployment("d-000000003", 200);
  d3.group_id = "dg-staging";
  d3.status = model::DeploymentStatus::kQueued;
  model::Deployment d4 = MakeDeployment("d-000000004", 300);  // same ms as d2, made later
  d4.application_id = "app-api";
  d4.group_id = "dg-api-prod";
  for (const auto& d : {d1, d2, d3, d4}) REQUIRE(store->CreateDeployment(d, {}).ok());

  auto ids = [&](const DeploymentFilter& filter) {
    auto list = store->ListDeployments(filter);
    REQUIRE(list.ok());
    std::vector<std::string> out;
    for (const model::Deployment& d : *list) out.push_back(d.id);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(ids({}) == V{"d-000000004", "d-000000002", "d-000000003", "d-000000001"});
  CHECK(ids({"app-web", "", {}, 100}) == V{"d-000000002", "d-000000003", "d-000000001"});
  CHECK(ids({"", "dg-prod", {}, 100}) == V{"d-000000002", "d-000000001"});
  CHECK(ids({"",
             "",
             {model::DeploymentStatus::kInProgress, model::DeploymentStatus::kQueued},
             100}) == V{"d-000000002", "d-000000003"});
  CHECK(ids({"app-web", "dg-prod", {model::DeploymentStatus::kCreated}, 100}) == V{"d-000000001"});
  CHECK(ids({"", "", {}, 2}) == V{"d-000000004", "d-000000002"});
  CHECK(ids({"", "", {}, 0}).size() == 4);
  CHECK(ids({"app-none", "", {}, 100}).empty());

  auto list = store->ListDeployments({"app-api", "", {}, 100});
  REQUIRE(list.ok());
  REQUIRE(list->size() == 1);
  CHECK((*list)[0].application_name == "api");
  CHECK((*list)[0].group_name == "prod");
}

TEST_CASE("commands round trip and NextOpenCommand picks the oldest open one", "[store]") {
  auto store = OpenWithFleet();
  REQUIRE(store->CreateDeployment(MakeDeployment("d-000000001", 100), {}).ok());

  auto none = store->NextOpenCommand("i-1");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());

  REQUIRE(store->CreateCommand(MakeCommand("c-3", "i-1", 30)).ok());
  REQUIRE(store->CreateCommand(MakeCommand("c-2", "i-1", 20)).ok());
  REQUIRE(store->CreateCommand(MakeCommand("c-1b", "i-1", 10)).ok());
  REQUIRE(store->CreateCommand(MakeCommand("c-1a", "i-1", 10)).ok());  // same ms: id breaks the tie
  REQUIRE(store->CreateCommand(MakeCommand("c-0", "i-2", 1)).ok());    // another instance

  auto next = store->NextOpenCommand("i-1");
  REQUIRE(next.ok());
  REQUIRE(next->has_value());
  CHECK((*next)->id == "c-1a");
  CHECK((*next)->deployment_id == "d-000000001");
  CHECK((*next)->instance_id == "i-1");
  CHECK((*next)->event_seq == 1);
  CHECK((*next)->event_name == "ApplicationStart");
  CHECK((*next)->status == model::CommandStatus::kPending);
  CHECK((*next)->create_time == 10);

  // Dispatched and Acked commands are still open; Completed ones are skipped.
  model::Command c = **next;
  c.status = model::CommandStatus::kAcked;
  c.dispatch_time = 11;
  c.ack_time = 12;
  REQUIRE(store->UpdateCommand(c).ok());
  CHECK(store->NextOpenCommand("i-1").value()->id == "c-1a");
  c.status = model::CommandStatus::kCompleted;
  c.complete_time = 13;
  REQUIRE(store->UpdateCommand(c).ok());
  CHECK(store->NextOpenCommand("i-1").value()->id == "c-1b");

  auto got = store->GetCommand("c-1a");
  REQUIRE(got.ok());
  CHECK(got->status == model::CommandStatus::kCompleted);
  CHECK(got->dispatch_time == 11);
  CHECK(got->ack_time == 12);
  CHECK(got->complete_time == 13);

  for (const char* id : {"c-1b", "c-2", "c-3"}) {
    model::Command done = store->GetCommand(id).value();
    done.status = model::CommandStatus::kCompleted;
    REQUIRE(store->UpdateCommand(done).ok());
  }
  none = store->NextOpenCommand("i-1");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  CHECK(store->NextOpenCommand("i-2").value()->id == "c-0");

  Status s = store->CreateCommand(MakeCommand("c-2", "i-1", 20));
  CHECK(s.code() == Code::kAlreadyExists);
  CHECK(s.message() == "command c-2 already exists");
  CHECK(store->GetCommand("c-9").status().message() == "command c-9 does not exist");
  CHECK(store->UpdateCommand(MakeCommand("c-9", "i-1", 1)).code() == Code::kNotFound);
  CHECK(store->CreateCommand(MakeCommand("c-4", "i-ghost", 1)).code() == Code::kNotFound);
}

}  // namespace
}  // namespace berth::store
