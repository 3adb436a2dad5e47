// The wave, bake, approval and canary flags of `berth deploy` and `berth config create`
// (docs/api.md "Waves, bakes and approvals"), turned into the API's "rollout" object.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/status.h"

namespace berth::cli {

struct RolloutFlags {
  std::string waves;                 // "1,10%,50%,100%"
  std::string wave_by;               // a tag key
  std::string wave_order;            // "a,b,c"
  std::string min_healthy_per_wave;  // "1" | "50%"
  std::string bake;                  // a duration: "10m"
  std::string first_bake;
  bool approval = false;
  std::string approval_timeout;  // "30m", "30m:stop", "30m:continue"
  std::string canary;            // "N" | "P%" (deploy only)
  bool auto_promote = false;
};

// `with_canary`: also --canary and --auto-promote (a deployment's, not a config's).
void AddRolloutFlags(CLI::App* cmd, RolloutFlags* flags, bool with_canary);

// The "rollout" JSON of the flags given; nullopt when none was. INVALID_ARGUMENT naming
// the flag for a malformed value or flags that do not go together.
Result<std::optional<nlohmann::json>> RolloutJson(const RolloutFlags& flags);

}  // namespace berth::cli
