#include "controller/deploy/planner_waves.h"

#include <catch2/catch.hpp>
#include <set>

namespace berth::deploy {
namespace {

using T = model::MinHealthyType;

model::WaveSize Hosts(int n) { return {n, false}; }
model::WaveSize Percent(int p) { return {p, true}; }

struct Outcome {
  std::string batches;  // hosts started per step, "," within a wave, "|" between waves
  Verdict verdict = Verdict::kContinue;
  int max_in_flight = 0;
};

// Runs a whole deployment through the planner: every batch it starts finishes before the
// next step (hosts at `failing` positions fail), and each kWaveDone moves to the next wave.
Outcome Simulate(const model::DeploymentConfig& config, int n,
                 const std::vector<model::WaveSize>& waves, model::WaveSize per_wave,
                 const std::set<int>& failing = {}) {
  auto policy = ComputePolicy(config, n);
  REQUIRE(policy.ok());
  WavePlan plan = PlanSizedWaves(waves, n);
  Progress p;
  p.pending = n;
  int current = 0, failed_before = 0, next_position = 0;
  Outcome out;
  for (int guard = 0; guard < 100; ++guard) {
    WaveWindow w = MakeWaveWindow(plan.ends, current, per_wave, p.failed - failed_before);
    Step step = NextStepInWave(*policy, p, w);
    if (step.verdict == Verdict::kWaveDone) {
      out.batches += "|";
      ++current;
      failed_before = p.failed;
      continue;
    }
    if (step.verdict != Verdict::kContinue) {
      out.verdict = step.verdict;
      return out;
    }
    REQUIRE(step.start_now > 0);
    if (!out.batches.empty() && out.batches.back() != '|') out.batches += ",";
    out.batches += std::to_string(step.start_now);
    out.max_in_flight = std::max(out.max_in_flight, step.start_now);
    p.pending -= step.start_now;
    for (int i = 0; i < step.start_now; ++i) {
      (failing.count(next_position++) ? p.failed : p.succeeded) += 1;
    }
  }
  FAIL("the planner did not finish");
  return out;
}

TEST_CASE("Planner waves: sizes resolve to cumulative ends over the fleet", "[planner]") {
  CHECK(PlanSizedWaves({Hosts(1), Percent(10), Percent(50), Percent(100)}, 10).ends ==
        std::vector<int>{1, 5, 10});  // 10% of 10 is 1 host: no new host, dropped
  CHECK(PlanSizedWaves({Hosts(1), Percent(10), Percent(50), Percent(100)}, 40).ends ==
        std::vector<int>{1, 4, 20, 40});
  CHECK(PlanSizedWaves({Hosts(2)}, 6).ends == std::vector<int>{2, 6});     // the rest added
  CHECK(PlanSizedWaves({Hosts(5)}, 3).ends == std::vector<int>{3});        // capped at N
  CHECK(PlanSizedWaves({Percent(33)}, 4).ends == std::vector<int>{2, 4});  // rounded up
  CHECK(PlanSizedWaves({}, 4).ends == std::vector<int>{4});
}

TEST_CASE("Planner waves: one wave per zone, in the stated order", "[planner]") {
  ZonePlan z = PlanZoneWaves({"b", "a", "c", "", "a", "b"}, {"c", "a"});
  CHECK(z.plan.labels == std::vector<std::string>{"c", "a", "b", ""});
  CHECK(z.plan.ends == std::vector<int>{1, 3, 5, 6});
  CHECK(z.order == std::vector<int>{2, 1, 4, 0, 5, 3});  // stable within a zone
}

TEST_CASE("Planner waves: combined with minimum healthy hosts", "[planner]") {
  const auto all = *model::FindBuiltinConfig("AllAtOnce");
  const auto half = *model::FindBuiltinConfig("HalfAtATime");
  const auto one = *model::FindBuiltinConfig("OneAtATime");
  const model::DeploymentConfig six = {"six", T::kHostCount, 6, false, false};
  const model::WaveSize none;
  struct Row {
    const char* name;
    model::DeploymentConfig config;
    int n;
    std::vector<model::WaveSize> waves;
    model::WaveSize per_wave;
    std::set<int> failing;
    std::string batches;
    Verdict verdict;
  };
  for (const Row& row : std::vector<Row>{
           // The waves alone limit AllAtOnce.
           {"all 1,10%,50%,100%",
            all,
            10,
            {Hosts(1), Percent(10), Percent(50), Percent(100)},
            none,
            {},
            "1|4|5",
            Verdict::kSucceeded},
           // Minimum healthy hosts still limits each wave: N=9, M=6 allows 3 at a time.
           {"count 6 over 1,50%",
            six,
            9,
            {Hosts(1), Percent(50)},
            none,
            {},
            "1|3,1|3,1",
            Verdict::kSucceeded},
           {"half over canary 1", half, 10, {Hosts(1)}, none, {}, "1|5,4", Verdict::kSucceeded},
           {"one at a time in two waves",
            one,
            4,
            {Percent(50)},
            none,
            {},
            "1,1|1,1",
            Verdict::kSucceeded},
           // A wave's own minimum: 1 of each 3-host wave stays up.
           {"all, per wave 1", all, 6, {Percent(50)}, Hosts(1), {}, "2,1|2,1", Verdict::kSucceeded},
           {"all, per wave 50%",
            all,
            8,
            {Percent(50)},
            Percent(50),
            {},
            "2,2|2,2",
            Verdict::kSucceeded},
           // A per-wave minimum as large as the wave still lets one host at a time go.
           {"all, per wave 5 of 3",
            all,
            6,
            {Percent(50)},
            Hosts(5),
            {},
            "1,1,1|1,1,1",
            Verdict::kSucceeded},
           // A failed canary stops the rollout: no later wave starts.
           {"canary fails", all, 4, {Hosts(1)}, none, {0}, "1", Verdict::kFailed},
           // A wave with a failure still ends well when the fleet rule allows it...
           {"all, one failure in wave 2",
            all,
            6,
            {Hosts(1), Percent(50)},
            none,
            {2},
            "1|2|3",
            Verdict::kSucceeded},
           // ...but not when the wave needs more healthy hosts than it has left.
           {"per wave 1 of 2 failed", all, 4, {Percent(50)}, Hosts(1), {0}, "1", Verdict::kFailed},
           // Minimum healthy hosts fails the deployment across waves as before.
           {"half, failures", half, 4, {Hosts(1)}, none, {1, 2}, "1|2", Verdict::kFailed},
       }) {
    INFO(row.name);
    Outcome out = Simulate(row.config, row.n, row.waves, row.per_wave, row.failing);
    CHECK(out.batches == row.batches);
    CHECK(out.verdict == row.verdict);
  }
}

TEST_CASE("Planner waves: no more hosts in flight than minimum healthy hosts allow", "[planner]") {
  const model::DeploymentConfig six = {"six", T::kHostCount, 6, false, false};
  for (int n = 7; n <= 30; ++n) {
    Outcome out = Simulate(six, n, {Hosts(1), Percent(10), Percent(50)}, {});
    INFO("N=" << n << " " << out.batches);
    CHECK(out.verdict == Verdict::kSucceeded);
    CHECK(out.max_in_flight <= n - 6);
  }
}

}  // namespace
}  // namespace berth::deploy
