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
  };
  const auto half = *model::FindBuiltinConfig("HalfAtATime");
  const auto all = *model::FindBuiltinConfig("AllAtOnce");
  const auto one = *model::FindBuiltinConfig("OneAtATime");
  for (const Row& row : std::vector<Row>{
           {Config(T::kHostCount, 6), 9, 6, 3},
           {Config(T::kFleetPercent, 40), 9, 4, 5},
           {half, 9, 5, 4},
           {all, 9, 0, 9},
           {Config(T::kHostCount, 8), 10, 8, 2},
           {one, 3, 2, 1},
       }) {
    HealthPolicy policy = PolicyOf(row.config, row.n);
    CHECK(policy.min_healthy == row.expect_m);
    Step step = NextStep(policy, Progress{row.n, 0, 0, 0});
    CHECK(step.start_now == row.expect_first_batch);
    CHECK(step.verdict == Verdict::kContinue);
  }
}

TEST_CASE("Planner: a policy that cannot be met fails at once", "[planner]") {
  auto p = ComputePolicy(Config(model::MinHealthyType::kFleetPercent, 95), 10);
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().code() == Code::kFailedPrecondition);
  CHECK(p.status().message().find("needs 10 healthy hosts") != std::string::npos);
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
  CHECK(early.error_code == "HEALTH_CONSTRAINTS");
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
