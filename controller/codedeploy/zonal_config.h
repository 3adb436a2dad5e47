// CodeDeploy's zonalConfig on Berth's waves (docs/codedeploy-compat.md): a config with a
// zonalConfig deploys one value of the instance tag `zone` at a time
// (model::Rollout.wave_by), baking firstZoneMonitorDurationInSeconds after the first
// zone and monitorDurationInSeconds after each later one, with
// minimumHealthyHostsPerZone as each wave's minimum.
#pragma once

#include "common/model/rollout.h"
#include "controller/codedeploy/outcome.h"

namespace berth::codedeploy {

inline constexpr char kZoneTagKey[] = "zone";

// The rollout of `zonal` (CreateDeploymentConfig's member); an InvalidZonalDeployment
// ConfigurationException naming the member when it is malformed.
Result<model::Rollout> RolloutFromZonalConfig(const Json& zonal);
// The zonalConfig of a rollout that waves by zone; null for any other.
Json ZonalConfigOf(const model::Rollout& rollout);

}  // namespace berth::codedeploy
