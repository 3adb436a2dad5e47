// The failure budget (`--max-failed-hosts N|P%`) as a pure function beside planner.h: it
// is checked alongside minimum healthy hosts, on the planner's answer.
#pragma once

#include <optional>

#include "common/model/failure_budget.h"
#include "controller/deploy/planner.h"

namespace berth::deploy {

// How many of `total` hosts may fail: the count, or floor(total * value / 100).
int AllowedFailures(const model::FailureBudget& budget, int total);

// `step` (NextStep's answer for `progress`) with the budget applied. Within the budget it
// is unchanged. Once more hosts failed than the budget allows, no host starts any more,
// and when none is in flight the deployment fails with MAX_FAILED_HOSTS (even where the
// planner alone would have succeeded or failed with HEALTH_CONSTRAINTS). No budget
// (nullopt): `step` unchanged.
Step ApplyFailureBudget(const std::optional<model::FailureBudget>& budget, int total,
                        const Progress& progress, Step step);

}  // namespace berth::deploy
