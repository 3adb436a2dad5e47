// EventLogs: an agent writes only its own commands' logs, and only while they run.
#include "controller/store/store_fixture_for_test.h"
#include "controller/api/event_logs.h"

#include <catch2/catch.hpp>

#include "controller/store/sqlite_store.h"

namespace berth::api {
namespace {

TEST_CASE("event logs: a completed command's log is closed to appends") {
  auto store = store::StoreWithWebProd();
  model::Instance instance;
  instance.id = "i-1";
  instance.name = "host-1";
  REQUIRE(store->CreateInstance(instance, "hash").ok());
  model::Deployment d;
  d.id = "d-1";
  d.application_id = "app-web";
  d.group_id = "dg-prod";
  d.revision_id = "rev-1";
  REQUIRE(store->CreateDeployment(d, {}).ok());
  model::Command command{"c-1", "d-1", "i-1", 0, "AfterInstall"};
  command.status = model::CommandStatus::kAcked;
  REQUIRE(store->CreateCommand(command).ok());

  EventLogs logs(store.get(), 1 << 20, 100);
  store::EventLogLine line;
  line.line_no = 1;
  line.stream = "stdout";
  line.text = "while it runs";
  REQUIRE(logs.Append(instance, "c-1", {line}).ok());

  command.status = model::CommandStatus::kCompleted;
  REQUIRE(store->UpdateCommand(command).ok());
  line.line_no = 2;
  line.text = "after it completed";
  Status late = logs.Append(instance, "c-1", {line});
  CHECK(late.code() == Code::kFailedPrecondition);
  CHECK(late.message() == "the log of command c-1 is closed: the command has completed");
  auto stored = logs.Read({"d-1"});
  REQUIRE(stored.ok());
  REQUIRE(stored->size() == 1);
  CHECK((*stored)[0].text == "while it runs");
}

}  // namespace
}  // namespace berth::api
