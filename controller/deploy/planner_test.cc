#include "controller/deploy/planner.h"

#include <catch2/catch.hpp>

namespace berth::deploy {
namespace {

model::DeploymentConfig Config(model::MinHealthyType type, int value) {
  return {"custom", type, value, false, false};
}

HealthPolicy PolicyOf(const model::DeploymentConfig& config, int n) {
  auto p = ComputePolicy(config, n);
  REQUIRE(p.ok());
  return *p;
}

TEST_CASE("Planner: hosts in flight per policy", "[planner]") {
  using T = model::MinHealthyType;
  struct Row {
    model::DeploymentConfig config;
    int n;
    int expect_m;
    int expect_first_batch;
    int expect_needed;  // successes the deployment needs to succeed
  };
  const auto half = *model::FindBuiltinConfig("HalfAtATime");
  const auto all = *model::FindBuiltinConfig("AllAtOnce");
  const auto one = *model::FindBuiltinConfig("OneAtATime");
  for (const Row& row : std::vector<Row>{
           {Config(T::kHostCount, 6), 9, 6, 3, 6},
           {Config(T::kFleetPercent, 40), 9, 4, 5, 4},
           {half, 9, 5, 4, 5},
           {all, 9, 0, 9, 1},
           {Config(T::kHostCount, 8), 10, 8, 2, 8},
           {one, 3, 2, 1, 2},
       }) {
    INFO(row.config.name << " N=" << row.n);
    HealthPolicy policy = PolicyOf(row.config, row.n);
    CHECK(policy.min_healthy == row.expect_m);
    Step step = NextStep(policy, Progress{row.n, 0, 0, 0});
    CHECK(step.start_now == row.expect_first_batch);
    CHECK(step.verdict == Verdict::kContinue);
    // Every host ran: exactly `expect_needed` successes are enough, one fewer is not.
    int needed = row.expect_needed;
    CHECK(NextStep(policy, Progress{0, 0, needed, row.n - needed}).verdict == Verdict::kSucceeded);
    Step short_one = NextStep(policy, Progress{0, 0, needed - 1, row.n - needed + 1});
    CHECK(short_one.verdict == Verdict::kFailed);
    CHECK(short_one.error_code == model::DeploymentErrorCode::kHealthConstraints);
  }
}

TEST_CASE("Planner: a policy that cannot be met fails at once", "[planner]") {
  auto p = ComputePolicy(Config(model::MinHealthyType::kFleetPercent, 95), 10);
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().code() == Code::kFailedPrecondition);
  CHECK(p.status().message().find("needs 10 healthy hosts") != std::string::npos);
  CHECK_FALSE(ComputePolicy(Config(model::MinHealthyType::kHostCount, 3), 3).ok());
  CHECK_FALSE(ComputePolicy(Config(model::MinHealthyType::kHostCount, 4), 3).ok());
  // OneAtATime never does: M = N - 1, even for one host.
  CHECK(PolicyOf(*model::FindBuiltinConfig("OneAtATime"), 1).min_healthy == 0);
}

TEST_CASE("Planner: a failure that makes M unreachable stops dispatch at once", "[planner]") {
  // N=9 HOST_COUNT 6: three in flight, one fails. 8 healthy possible, budget 2 minus the
  // two still in flight: nothing new starts, and the deployment waits for them.
  HealthPolicy policy = PolicyOf(Config(model::MinHealthyType::kHostCount, 6), 9);
  Step waiting = NextStep(policy, Progress{6, 2, 0, 1});
  CHECK(waiting.start_now == 0);
  CHECK(waiting.verdict == Verdict::kContinue);
  // Four failed: 5 healthy at most < 6. Nothing may start; once in-flight hosts end, the
  // deployment fails and the pending hosts are left (the engine skips them).
  Step doomed = NextStep(policy, Progress{4, 0, 1, 4});
  CHECK(doomed.start_now == 0);
  CHECK(doomed.verdict == Verdict::kFailed);
  CHECK(doomed.error_code == model::DeploymentErrorCode::kHealthConstraints);
}

TEST_CASE("Planner: AllAtOnce needs one success", "[planner]") {
  HealthPolicy policy = PolicyOf(*model::FindBuiltinConfig("AllAtOnce"), 9);
  CHECK(NextStep(policy, Progress{0, 0, 1, 8}).verdict == Verdict::kSucceeded);
  CHECK(NextStep(policy, Progress{0, 0, 0, 9}).verdict == Verdict::kFailed);
}

TEST_CASE("Planner: OneAtATime fails on an early host, succeeds if only the last fails",
          "[planner]") {
  HealthPolicy policy = PolicyOf(*model::FindBuiltinConfig("OneAtATime"), 3);
  // Second host in flight: wait.
  CHECK(NextStep(policy, Progress{1, 1, 1, 0}).start_now == 0);
  CHECK(NextStep(policy, Progress{1, 1, 1, 0}).verdict == Verdict::kContinue);
  // First host failed with two pending: nothing may start, so the deployment fails.
  Step early = NextStep(policy, Progress{2, 0, 0, 1});
  CHECK(early.verdict == Verdict::kFailed);
  CHECK(early.error_code == model::DeploymentErrorCode::kHealthConstraints);
  // Only the last host failed.
  CHECK(NextStep(policy, Progress{0, 0, 2, 1}).verdict == Verdict::kSucceeded);
}

TEST_CASE("Planner: HOST_COUNT waits for in-flight hosts before starting more", "[planner]") {
  HealthPolicy policy = PolicyOf(Config(model::MinHealthyType::kHostCount, 6), 9);
  CHECK(NextStep(policy, Progress{6, 3, 0, 0}).start_now == 0);
  CHECK(NextStep(policy, Progress{6, 1, 2, 0}).start_now == 2);
  // One failure: budget shrinks to 2.
  CHECK(NextStep(policy, Progress{5, 0, 3, 1}).start_now == 2);
}

}  // namespace
}  // namespace berth::deploy
