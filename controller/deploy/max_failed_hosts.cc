#include "controller/deploy/max_failed_hosts.h"

#include <string>

namespace berth::deploy {

int AllowedFailures(const model::FailureBudget& budget, int total) {
  if (!budget.percent) return budget.value;
  return total * budget.value / 100;
}

Step ApplyFailureBudget(const std::optional<model::FailureBudget>& budget, int total,
                        const Progress& progress, Step step) {
  if (!budget) return step;
  const int allowed = AllowedFailures(*budget, total);
  if (progress.failed <= allowed) return step;
  step.start_now = 0;
  if (progress.in_progress > 0) {
    step.verdict = Verdict::kContinue;
    return step;
  }
  step.verdict = Verdict::kFailed;
  step.error_code = model::DeploymentErrorCode::kMaxFailedHosts;
  step.message = std::to_string(progress.failed) + " of " + std::to_string(total) +
                 " host(s) failed; the failure budget (max failed hosts " +
                 model::FailureBudgetText(*budget) + ") allows " + std::to_string(allowed) + " (" +
                 std::to_string(progress.succeeded) + " succeeded, " +
                 std::to_string(progress.pending) + " not attempted)";
  return step;
}

}  // namespace berth::deploy
