#include "controller/deploy/planner.h"

#include <algorithm>

namespace berth::deploy {

Result<HealthPolicy> ComputePolicy(const model::DeploymentConfig& config, int total) {
  HealthPolicy policy;
  policy.total = total;
  if (config.one_at_a_time) {
    policy.min_healthy = std::max(0, total - 1);
    return policy;
  }
  if (config.type == model::MinHealthyType::kHostCount) {
    policy.min_healthy = config.value;
  } else {
    policy.min_healthy = (total * config.value + 99) / 100;
  }
  if (policy.min_healthy >= total && policy.min_healthy > 0) {
    return FailedPrecondition("deployment config " + config.name + " needs " +
                              std::to_string(policy.min_healthy) +
                              " healthy hosts at all times, but the deployment has only " +
                              std::to_string(total) + " target(s)");
  }
  return policy;
}

Step NextStep(const HealthPolicy& policy, const Progress& p) {
  Step step;
  int healthy = policy.total - p.failed;
  int budget = healthy - policy.min_healthy - p.in_progress;
  step.start_now = std::clamp(budget, 0, p.pending);
  if (step.start_now > 0 || p.in_progress > 0) return step;

  if (p.succeeded >= policy.min_healthy && p.succeeded >= 1 && p.pending == 0) {
    step.verdict = Verdict::kSucceeded;
    return step;
  }
  step.verdict = Verdict::kFailed;
  step.error_code = model::DeploymentErrorCode::kHealthConstraints;
  step.message = std::to_string(p.failed) + " of " + std::to_string(policy.total) +
                 " host(s) failed; the deployment needs " +
                 std::to_string(std::max(policy.min_healthy, 1)) + " healthy host(s) (" +
                 std::to_string(p.succeeded) + " succeeded, " + std::to_string(p.pending) +
                 " not attempted)";
  return step;
}

}  // namespace berth::deploy
