#include <catch2/catch.hpp>

#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::api {
namespace {

TEST_CASE("an instance's current revision per group is the last one that succeeded on it") {
  deploy::Fixture f(2, "AllAtOnce");
  f.AddRevision("r-2");
  auto none = f.service->CurrentRevisions({f.instances[0]});
  REQUIRE(none.ok());
  CHECK(none->empty());

  const std::string first = f.Deploy("r-1");
  f.RunTargets(first);
  // r-2 succeeds on host-1 only; host-2 fails its first event.
  const std::string second = f.Deploy("r-2");
  f.RunHost(0);
  while (!f.Step(1, /*succeed=*/false).empty()) {
  }

  auto now = f.service->CurrentRevisions({f.instances[0], f.instances[1]});
  REQUIRE(now.ok());
  REQUIRE((*now)[f.instances[0]].size() == 1);
  const InstanceRevision& one = (*now)[f.instances[0]][0];
  CHECK(one.application_name == "web");
  CHECK(one.group_name == "prod");
  CHECK(one.revision_id == "r-2");
  CHECK(one.deployment_id == second);
  REQUIRE((*now)[f.instances[1]].size() == 1);
  CHECK((*now)[f.instances[1]][0].revision_id == "r-1");
  CHECK((*now)[f.instances[1]][0].deployment_id == first);
}

}  // namespace
}  // namespace berth::api
