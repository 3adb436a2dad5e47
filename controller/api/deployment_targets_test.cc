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
