// The one JSON shape of a Rollout (rollout.h), shared by the REST API, the store and the
// CLI (docs/api.md "Waves, bakes and approvals"):
//   {"waves": ["1", "10%", "100%"], "waveBy": "zone", "waveOrder": ["a", "b"],
//    "minimumHealthyHostsPerWave": "1" | "50%", "bakeSeconds": 600,
//    "firstBakeSeconds": 60, "approval": true, "approvalTimeoutSeconds": 3600,
//    "approvalTimeoutAction": "STOP" | "CONTINUE"}
// Every field is optional. Parsing checks shapes and values and never throws.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/model/rollout.h"
#include "common/status.h"

namespace berth::model {

nlohmann::json RolloutToJson(const Rollout& rollout);
// INVALID_ARGUMENT naming `where` and the field for anything malformed or out of range
// (ValidateRollout's rules included).
Result<Rollout> RolloutFromJson(const nlohmann::json& json, const std::string& where);

// The rules a rollout must follow whatever it came from: wave sizes are "N" (N >= 1) or
// "P%" (1..100) and grow; waves and waveBy are not both given; waveOrder needs waveBy;
// bakes and the approval timeout are not negative; an approval timeout needs an approval.
Status ValidateRollout(const Rollout& rollout, const std::string& where);

}  // namespace berth::model
