#include <algorithm>
#include <catch2/catch.hpp>

#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::deploy {
namespace {

TEST_CASE("ListTargets pages a deployment's targets and filters them by status", "[api]") {
  Fixture f(3, "AllAtOnce");
  const std::string id = f.Deploy();
  f.Step(0, false);  // host-1 fails its first event
  auto first = f.service->ListTargets(id, "", "", 2);
  REQUIRE(first.ok());
  REQUIRE(first->targets.size() == 2);
  CHECK(first->targets[0].events.size() == model::InPlaceEvents().size());
  REQUIRE_FALSE(first->next_token.empty());
  auto rest = f.service->ListTargets(id, "", first->next_token, 2);
  REQUIRE(rest.ok());
  REQUIRE(rest->targets.size() == 1);
  CHECK(rest->next_token.empty());
  CHECK(rest->targets[0].instance_id != first->targets[0].instance_id);
  CHECK(rest->targets[0].instance_id != first->targets[1].instance_id);

  auto failed = f.service->ListTargets(id, "Failed", "");
  REQUIRE(failed.ok());
  REQUIRE(failed->targets.size() == 1);
  CHECK(failed->targets[0].instance_id == f.instances[0]);
  CHECK(failed->targets[0].events[0].status == model::EventStatus::kFailed);

  CHECK(f.service->ListTargets(id, "Broken", "").status().code() == Code::kInvalidArgument);
  CHECK(f.service->ListTargets(id, "", "x1").status().code() == Code::kInvalidArgument);
  CHECK(f.service->ListTargets("d-NOSUCH", "", "").status().code() == Code::kNotFound);
}

}  // namespace
}  // namespace berth::deploy

namespace berth::deploy {
namespace {

// The instance ids of `targets`, in their order.
std::vector<std::string> Ids(const std::vector<model::Target>& targets) {
  std::vector<std::string> ids;
  for (const model::Target& t : targets) ids.push_back(t.instance_id);
  return ids;
}

TEST_CASE("ListTargetChanges returns only the targets changed since the cursor", "[api]") {
  Fixture f(3, "AllAtOnce");
  const std::string id = f.Deploy();  // every host InProgress, its first command queued
  auto first = f.service->ListTargetChanges(id, "", "0");
  REQUIRE(first.ok());
  CHECK(first->targets.size() == 3);
  CHECK_FALSE(first->more);
  CHECK(first->targets[0].events.size() == model::InPlaceEvents().size());

  auto quiet = f.service->ListTargetChanges(id, "", first->change_cursor);
  REQUIRE(quiet.ok());
  CHECK(quiet->targets.empty());
  CHECK(quiet->change_cursor == first->change_cursor);

  REQUIRE(f.engine->TakeCommand(f.instances[1]).ok());  // host-2's first event starts
  auto started = f.service->ListTargetChanges(id, "", first->change_cursor);
  REQUIRE(started.ok());
  CHECK(started->targets.empty());  // an event's start is not a change

  f.Step(1);  // and ends
  auto one = f.service->ListTargetChanges(id, "", first->change_cursor);
  REQUIRE(one.ok());
  REQUIRE(Ids(one->targets) == std::vector<std::string>{f.instances[1]});
  CHECK(one->targets[0].events[0].status == model::EventStatus::kSucceeded);

  f.Step(0, false);  // host-1 fails
  f.Step(2);
  auto failed = f.service->ListTargetChanges(id, "Failed", one->change_cursor);
  REQUIRE(failed.ok());
  CHECK(Ids(failed->targets) == std::vector<std::string>{f.instances[0]});
  // The filter's cursor passes over host-3's change too.
  auto after = f.service->ListTargetChanges(id, "", failed->change_cursor);
  REQUIRE(after.ok());
  CHECK(after->targets.empty());

  // Oldest change first, a page at a time: host-2, then host-1, then host-3.
  auto page1 = f.service->ListTargetChanges(id, "", first->change_cursor, 2);
  REQUIRE(page1.ok());
  CHECK(page1->more);
  CHECK(Ids(page1->targets) == std::vector<std::string>{f.instances[1], f.instances[0]});
  auto page2 = f.service->ListTargetChanges(id, "", page1->change_cursor, 2);
  REQUIRE(page2.ok());
  CHECK_FALSE(page2->more);
  CHECK(Ids(page2->targets) == std::vector<std::string>{f.instances[2]});

  CHECK(f.service->ListTargetChanges(id, "", "x").status().code() == Code::kInvalidArgument);
  CHECK(f.service->ListTargetChanges(id, "", "").status().code() == Code::kInvalidArgument);
  CHECK(f.service->ListTargetChanges(id, "Broken", "0").status().code() ==
        Code::kInvalidArgument);
  CHECK(f.service->ListTargetChanges("d-NOSUCH", "", "0").status().code() == Code::kNotFound);
}

TEST_CASE("hosts skipped together by a stop are each one change, none lost in paging",
          "[api]") {
  Fixture f(4, "OneAtATime");
  const std::string id = f.Deploy();
  auto before = f.service->ListTargetChanges(id, "", "0");
  REQUIRE(before.ok());
  REQUIRE(f.service->StopDeployment(id, false).ok());
  std::vector<std::string> seen;
  std::string cursor = before->change_cursor;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = f.service->ListTargetChanges(id, "Skipped", cursor, 1);
    REQUIRE(page.ok());
    for (const model::Target& t : page->targets) seen.push_back(t.instance_id);
    cursor = page->change_cursor;
    if (!page->more) break;
  }
  std::sort(seen.begin(), seen.end());
  std::vector<std::string> skipped(f.instances.begin() + 1, f.instances.end());
  std::sort(skipped.begin(), skipped.end());
  CHECK(seen == skipped);  // three Pending hosts, each listed once
}

TEST_CASE("GetDeployment counts the targets instead of listing them", "[api]") {
  Fixture f(3, "AllAtOnce");
  const std::string id = f.Deploy();
  f.Step(0, false);
  auto d = f.service->GetDeployment(id);
  REQUIRE(d.ok());
  CHECK(d->overview.in_progress == 2);
  CHECK(d->overview.failed == 1);
}

TEST_CASE("ListDeployments pages with the last id of a full page", "[api]") {
  Fixture f(1, "AllAtOnce");
  std::vector<std::string> made;
  for (int i = 0; i < api::kDeploymentPageSize + 1; ++i) {
    made.push_back(f.Deploy());
    f.RunHost(0);
    f.clock.AdvanceMs(1);
  }
  auto first = f.service->ListDeployments({});
  REQUIRE(first.ok());
  REQUIRE(first->size() == static_cast<size_t>(api::kDeploymentPageSize));
  CHECK(first->front().id == made.back());
  api::DeploymentQuery next;
  next.next_token = first->back().id;
  auto rest = f.service->ListDeployments(next);
  REQUIRE(rest.ok());
  REQUIRE(rest->size() == 1);
  CHECK(rest->front().id == made.front());
}

}  // namespace
}  // namespace berth::deploy
