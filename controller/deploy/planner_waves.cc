#include "controller/deploy/planner_waves.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace berth::deploy {

WavePlan PlanSizedWaves(const std::vector<model::WaveSize>& sizes, int total) {
  WavePlan plan;
  for (const model::WaveSize& size : sizes) {
    int end = size.percent ? (total * size.value + 99) / 100 : size.value;
    end = std::min(end, total);
    if (end <= 0 || (!plan.ends.empty() && end <= plan.ends.back())) continue;
    plan.ends.push_back(end);
  }
  if (plan.ends.empty() || plan.ends.back() < total) plan.ends.push_back(total);
  plan.labels.assign(plan.ends.size(), "");
  return plan;
}

ZonePlan PlanZoneWaves(const std::vector<std::string>& zones,
                       const std::vector<std::string>& stated_order) {
  // Rank: stated values first (by position), then the others by name, then no tag.
  std::map<std::string, int> stated;
  for (size_t i = 0; i < stated_order.size(); ++i) stated.emplace(stated_order[i], i);
  auto rank = [&](const std::string& zone) {
    if (zone.empty()) return std::make_tuple(2, 0, std::string());
    auto it = stated.find(zone);
    if (it != stated.end()) return std::make_tuple(0, it->second, std::string());
    return std::make_tuple(1, 0, zone);
  };
  ZonePlan out;
  for (size_t i = 0; i < zones.size(); ++i) out.order.push_back(static_cast<int>(i));
  std::stable_sort(out.order.begin(), out.order.end(),
                   [&](int a, int b) { return rank(zones[a]) < rank(zones[b]); });
  for (size_t i = 0; i < out.order.size(); ++i) {
    const std::string& zone = zones[out.order[i]];
    if (out.plan.labels.empty() || out.plan.labels.back() != zone) {
      out.plan.labels.push_back(zone);
      out.plan.ends.push_back(0);
    }
    out.plan.ends.back() = static_cast<int>(i) + 1;
  }
  return out;
}

WaveWindow MakeWaveWindow(const std::vector<int>& ends, int current,
                          const model::WaveSize& per_wave, int failed) {
  WaveWindow w;
  w.end = ends[current];
  w.size = w.end - (current > 0 ? ends[current - 1] : 0);
  int min_healthy = per_wave.percent ? (w.size * per_wave.value + 99) / 100 : per_wave.value;
  w.min_healthy = std::clamp(min_healthy, 0, std::max(0, w.size - 1));
  w.failed = failed;
  return w;
}

Step NextStepInWave(const HealthPolicy& policy, const Progress& p, const WaveWindow& w) {
  Step step = NextStep(policy, p);
  if (step.verdict != Verdict::kContinue) return step;
  const int started = policy.total - p.pending;
  const int room = w.end - started;
  const int wave_budget = (w.size - w.failed) - w.min_healthy - p.in_progress;
  step.start_now = std::clamp(std::min({step.start_now, room, wave_budget}), 0, p.pending);
  if (step.start_now > 0 || p.in_progress > 0) return step;

  const int needed = std::max(w.min_healthy, 1);
  if (room <= 0 && w.size - w.failed >= needed) {
    step.verdict = Verdict::kWaveDone;
    return step;
  }
  step.verdict = Verdict::kFailed;
  step.error_code = model::DeploymentErrorCode::kHealthConstraints;
  step.message = std::to_string(w.failed) + " of the " + std::to_string(w.size) +
                 " host(s) of the current wave failed; each wave needs " + std::to_string(needed) +
                 " healthy host(s) of its own";
  return step;
}

}  // namespace berth::deploy
