#include "controller/codedeploy/zonal_config.h"

#include <catch2/catch.hpp>

namespace berth::codedeploy {
namespace {

TEST_CASE("zonalConfig becomes waves by the zone tag and back", "[codedeploy][waves]") {
  Json zonal = {{"firstZoneMonitorDurationInSeconds", 60},
                {"monitorDurationInSeconds", 300},
                {"minimumHealthyHostsPerZone", {{"type", "FLEET_PERCENT"}, {"value", 50}}}};
  auto rollout = RolloutFromZonalConfig(zonal);
  REQUIRE(rollout.ok());
  CHECK(rollout->wave_by == "zone");
  CHECK(rollout->first_bake_ms == 60000);
  CHECK(rollout->bake_ms == 300000);
  CHECK(rollout->min_healthy_per_wave == model::WaveSize{50, true});
  CHECK(ZonalConfigOf(*rollout) == zonal);
  CHECK(ZonalConfigOf(model::Rollout()).is_null());

  auto bad = RolloutFromZonalConfig({{"minimumHealthyHostsPerZone", {{"type", "SOME"}}}});
  CHECK(bad.status().code() == Code::kInvalidArgument);
  CHECK(bad.status().message().find("zonalConfig.minimumHealthyHostsPerZone needs a type") == 0);
  auto negative = RolloutFromZonalConfig({{"monitorDurationInSeconds", -1}});
  CHECK(negative.status().message() ==
        "zonalConfig.monitorDurationInSeconds must be a number of seconds >= 0");
}

}  // namespace
}  // namespace berth::codedeploy
