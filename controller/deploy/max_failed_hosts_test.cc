#include "controller/deploy/max_failed_hosts.h"

#include <catch2/catch.hpp>

namespace berth::deploy {
namespace {

using model::DeploymentErrorCode;
using model::FailureBudget;

model::DeploymentConfig Config(model::MinHealthyType type, int value) {
  return {"custom", type, value, false, false};
}

TEST_CASE("Failure budget: allowed failures of a count and a percentage", "[budget]") {
  struct Row {
    FailureBudget budget;
    int total;
    int allowed;
  };
  for (const Row& row : std::vector<Row>{
           {{false, 0}, 10, 0},
           {{false, 3}, 10, 3},
           {{false, 3}, 2, 3},
           {{true, 0}, 10, 0},
           {{true, 10}, 10, 1},
           {{true, 10}, 9, 0},  // floor: 10% of 9 hosts lets none fail
           {{true, 25}, 9, 2},
           {{true, 100}, 7, 7},
       }) {
    INFO(model::FailureBudgetText(row.budget) << " of " << row.total);
    CHECK(AllowedFailures(row.budget, row.total) == row.allowed);
  }
}

TEST_CASE("Failure budget: checked alongside minimum healthy hosts", "[budget]") {
  using T = model::MinHealthyType;
  using V = Verdict;
  const auto all = *model::FindBuiltinConfig("AllAtOnce");
  const auto one = *model::FindBuiltinConfig("OneAtATime");
  struct Row {
    const char* what;
    model::DeploymentConfig config;
    int n;
    std::optional<FailureBudget> budget;
    Progress progress;  // pending, in progress, succeeded, failed
    int start_now;
    V verdict;
    DeploymentErrorCode code;
  };
  const std::optional<FailureBudget> none;
  for (const Row& row : std::vector<Row>{
           {"no budget: the planner decides",
            Config(T::kHostCount, 2),
            4,
            none,
            {2, 1, 0, 1},
            0,
            V::kContinue,
            DeploymentErrorCode::kNone},
           {"no budget: another host starts",
            Config(T::kHostCount, 2),
            4,
            none,
            {2, 0, 1, 1},
            1,
            V::kContinue,
            DeploymentErrorCode::kNone},
           {"budget 0: the first failure stops starting hosts",
            Config(T::kHostCount, 2),
            4,
            FailureBudget{false, 0},
            {2, 1, 0, 1},
            0,
            V::kContinue,
            DeploymentErrorCode::kNone},
           {"budget 0: fails once nothing is in flight",
            Config(T::kHostCount, 2),
            4,
            FailureBudget{false, 0},
            {2, 0, 1, 1},
            0,
            V::kFailed,
            DeploymentErrorCode::kMaxFailedHosts},
           {"budget 1: one failure is within it",
            Config(T::kHostCount, 2),
            4,
            FailureBudget{false, 1},
            {2, 0, 1, 1},
            1,
            V::kContinue,
            DeploymentErrorCode::kNone},
           {"budget 1: the second failure exceeds it",
            Config(T::kHostCount, 1),
            5,
            FailureBudget{false, 1},
            {1, 0, 2, 2},
            0,
            V::kFailed,
            DeploymentErrorCode::kMaxFailedHosts},
           {"budget 25% of 8: two may fail",
            all,
            8,
            FailureBudget{true, 25},
            {0, 0, 6, 2},
            0,
            V::kSucceeded,
            DeploymentErrorCode::kNone},
           {"budget 25% of 8: three may not",
            all,
            8,
            FailureBudget{true, 25},
            {0, 0, 5, 3},
            0,
            V::kFailed,
            DeploymentErrorCode::kMaxFailedHosts},
           {"OneAtATime's last host failing: success without a budget",
            one,
            3,
            none,
            {0, 0, 2, 1},
            0,
            V::kSucceeded,
            DeploymentErrorCode::kNone},
           {"OneAtATime's last host failing: budget 0 requires 100%",
            one,
            3,
            FailureBudget{false, 0},
            {0, 0, 2, 1},
            0,
            V::kFailed,
            DeploymentErrorCode::kMaxFailedHosts},
           {"health constraints and budget both broken: the budget is named",
            one,
            3,
            FailureBudget{false, 0},
            {2, 0, 0, 1},
            0,
            V::kFailed,
            DeploymentErrorCode::kMaxFailedHosts},
           {"budget larger than the fleet: the planner decides",
            one,
            3,
            FailureBudget{false, 5},
            {2, 0, 0, 1},
            0,
            V::kFailed,
            DeploymentErrorCode::kHealthConstraints},
           {"budget 100%: the planner decides",
            all,
            4,
            FailureBudget{true, 100},
            {0, 0, 1, 3},
            0,
            V::kSucceeded,
            DeploymentErrorCode::kNone},
       }) {
    INFO(row.what);
    auto policy = ComputePolicy(row.config, row.n);
    REQUIRE(policy.ok());
    Step step =
        ApplyFailureBudget(row.budget, row.n, row.progress, NextStep(*policy, row.progress));
    CHECK(step.start_now == row.start_now);
    CHECK(step.verdict == row.verdict);
    CHECK(step.error_code == row.code);
  }
}

TEST_CASE("Failure budget: the failure names the budget and the counts", "[budget]") {
  auto policy = ComputePolicy(*model::FindBuiltinConfig("AllAtOnce"), 10);
  REQUIRE(policy.ok());
  Progress progress{2, 0, 6, 2};
  Step step =
      ApplyFailureBudget(FailureBudget{true, 10}, 10, progress, NextStep(*policy, progress));
  CHECK(step.message ==
        "2 of 10 host(s) failed; the failure budget (max failed hosts 10%) allows 1 "
        "(6 succeeded, 2 not attempted)");
}

}  // namespace
}  // namespace berth::deploy
