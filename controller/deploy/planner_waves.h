// Waves as pure functions on top of the minimum-healthy-hosts rules of
// planner.h: which hosts form each wave, and how many may start now when the current
// wave is the limit. No store, no clock.
//
// A deployment with waves starts a host only when every rule allows it: the fleet's
// minimum healthy hosts (NextStep), the room left in the current wave, and the wave's own
// minimum healthy hosts. A wave ends when none of its hosts is pending or in flight; it
// ended well when at least max(1, its minimum) of its hosts succeeded, otherwise the
// deployment fails with HEALTH_CONSTRAINTS and no later wave starts.
#pragma once

#include <string>
#include <vector>

#include "common/model/rollout.h"
#include "controller/deploy/planner.h"

namespace berth::deploy {

struct WavePlan {
  std::vector<int> ends;            // cumulative host count at the end of each wave
  std::vector<std::string> labels;  // each wave's tag value (wave_by), else empty
};

// Waves of cumulative sizes over `total` hosts: a count is at most `total`, a
// percentage is ceil(total * P / 100); a wave that adds no host is dropped, and a last
// wave with every remaining host is added when the sizes stop short.
WavePlan PlanSizedWaves(const std::vector<model::WaveSize>& sizes, int total);

// One wave per distinct tag value: `zones[i]` is host i's value ("" without the tag).
// The values of `stated_order` come first in that order, then the other values by name,
// then the hosts without the tag (label ""). `order` is the hosts' new dispatch order
// (indices into `zones`, stable within a wave).
struct ZonePlan {
  std::vector<int> order;
  WavePlan plan;
};
ZonePlan PlanZoneWaves(const std::vector<std::string>& zones,
                       const std::vector<std::string>& stated_order);

// The current wave as the planner sees it.
struct WaveWindow {
  int end = 0;          // hosts in this wave and the waves before it
  int size = 0;         // hosts in this wave
  int min_healthy = 0;  // of this wave's hosts
  int failed = 0;       // of this wave's hosts, failed or skipped so far
};

// The window of wave `current` of `ends`, with the per-wave minimum of `per_wave` (a
// count, or a percentage of the wave rounded up), at most size - 1 so that one host can
// always start; `failed` is the hosts failed in this wave.
WaveWindow MakeWaveWindow(const std::vector<int>& ends, int current,
                          const model::WaveSize& per_wave, int failed);

// NextStep limited to the current wave: kWaveDone when the wave ended well and hosts
// remain; kFailed (HEALTH_CONSTRAINTS) when the wave cannot meet its own minimum.
Step NextStepInWave(const HealthPolicy& policy, const Progress& progress, const WaveWindow& window);

}  // namespace berth::deploy
