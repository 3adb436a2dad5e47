// Deployment configs: how many hosts must stay healthy during a rollout (DESIGN.md 4.1).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/model/rollout.h"
#include "common/model/failure_budget.h"

namespace berth::model {

enum class MinHealthyType { kHostCount, kFleetPercent };

struct DeploymentConfig {
  std::string name;
  MinHealthyType type = MinHealthyType::kHostCount;
  int value = 0;
  // OneAtATime's "all but one": M = N - 1, and the deployment succeeds even when only
  // the last host fails.
  bool one_at_a_time = false;
  bool builtin = false;
  // Waves, bakes and approvals; none by default.
  Rollout rollout;
  // How many hosts may fail before the deployment fails (MAX_FAILED_HOSTS); nullopt: no
  // budget beyond minimum healthy hosts.
  std::optional<FailureBudget> max_failed_hosts;
};

const char* MinHealthyTypeName(MinHealthyType type);  // "HOST_COUNT" | "FLEET_PERCENT"
bool ParseMinHealthyType(const std::string& name, MinHealthyType* out);

// The three CodeDeployDefault configs.
const std::vector<DeploymentConfig>& BuiltinConfigs();
// Looks up a built-in by full ("CodeDeployDefault.OneAtATime") or short ("OneAtATime") name.
std::optional<DeploymentConfig> FindBuiltinConfig(const std::string& name);

inline constexpr char kDefaultConfigName[] = "CodeDeployDefault.OneAtATime";

}  // namespace berth::model
