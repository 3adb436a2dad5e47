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
