// Waves, bakes and approvals: how a deployment is rolled out in steps, and
// where it is in them. A rollout without waves is one wave of every host, as before.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/model/application.h"

namespace berth::model {

// One wave's cumulative size: `value` hosts, or `value` percent of the targets (rounded
// up) when `percent`.
struct WaveSize {
  int value = 0;
  bool percent = false;

  bool operator==(const WaveSize&) const = default;
};
std::string FormatWaveSize(const WaveSize& size);  // "1", "10%"
// "N" (N >= 1) or "P%" (1 <= P <= 100); false for anything else.
bool ParseWaveSize(const std::string& text, WaveSize* out);

// What happens when nobody answers an approval in time.
enum class ApprovalTimeoutAction { kStop, kContinue };
const char* ApprovalTimeoutActionName(ApprovalTimeoutAction a);  // "STOP" | "CONTINUE"
bool ParseApprovalTimeoutAction(const std::string& name, ApprovalTimeoutAction* out);

struct Rollout {
  // Cumulative wave sizes ("1, 10%, 50%, 100%"); the last wave always ends with every
  // host. Empty and no wave_by: no waves.
  std::vector<WaveSize> waves;
  // A tag key: one wave per value of it (a zone at a time), the values in wave_order
  // first, then the others in name order, then the hosts without the tag.
  std::string wave_by;
  std::vector<std::string> wave_order;
  // Hosts of each wave that must stay healthy while it runs (CodeDeploy's
  // minimumHealthyHostsPerZone); at least one host of a wave may always be in flight.
  WaveSize min_healthy_per_wave;
  // After each wave but the last: watch the group's alarms this long (0: no bake). The
  // first wave's bake is first_bake_ms when >= 0 (firstZoneMonitorDurationInSeconds).
  int64_t bake_ms = 0;
  int64_t first_bake_ms = -1;
  // After each wave but the last (and its bake): wait in status Ready for a continue.
  bool approval = false;
  int64_t approval_timeout_ms = 0;  // 0: wait for ever
  ApprovalTimeoutAction on_approval_timeout = ApprovalTimeoutAction::kStop;

  bool HasWaves() const { return !waves.empty() || !wave_by.empty(); }
  bool operator==(const Rollout&) const = default;
};

// What a deployment is waiting for between two waves.
enum class WaitKind { kNone, kBake, kApproval };
const char* WaitKindName(WaitKind w);  // "", "Bake", "Approval"
bool ParseWaitKind(const std::string& name, WaitKind* out);

// One recorded step of a rollout: "WaveStarted", "Baking", "BakePassed", "Ready",
// "Continued", "ApprovalTimedOut".
struct WaveRecord {
  TimeMs time = 0;
  int wave = 0;  // 0-based
  std::string event;
  std::string detail;

  bool operator==(const WaveRecord&) const = default;
};

// Where a deployment is in its waves; fixed when it starts.
struct WaveProgress {
  std::vector<int> ends;            // cumulative target count at the end of each wave
  std::vector<std::string> labels;  // each wave's tag value with wave_by, else empty
  int current = 0;
  int failed_before = 0;  // hosts that had failed or been skipped when `current` started
  WaitKind wait = WaitKind::kNone;
  TimeMs wait_until = 0;  // the bake's end or the approval's deadline; 0: none
  std::vector<WaveRecord> history;

  bool operator==(const WaveProgress&) const = default;
};

}  // namespace berth::model
