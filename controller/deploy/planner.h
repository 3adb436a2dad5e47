// The minimum-healthy-hosts rules of DESIGN.md 4.1 as pure functions: how many hosts a
// deployment may start now, and when it has succeeded or failed.
#pragma once

#include <string>

#include "common/model/deployment.h"
#include "common/model/deployment_config.h"
#include "common/status.h"

namespace berth::deploy {

struct HealthPolicy {
  int total = 0;        // N: the deployment's targets, fixed at start
  int min_healthy = 0;  // M
};

// M for `config` over `total` hosts: HOST_COUNT value, ceil(N*value/100) for
// FLEET_PERCENT, N-1 for OneAtATime. FAILED_PRECONDITION (error code
// HEALTH_CONSTRAINTS_INVALID for the deployment) when M >= N, except OneAtATime.
Result<HealthPolicy> ComputePolicy(const model::DeploymentConfig& config, int total);

struct Progress {
  int pending = 0;
  int in_progress = 0;
  int succeeded = 0;
  int failed = 0;
};

// kWaveDone (planner_waves.h): the current wave ended well and hosts remain for the next.
enum class Verdict { kContinue, kSucceeded, kFailed, kWaveDone };

struct Step {
  int start_now = 0;  // pending hosts to start now
  Verdict verdict = Verdict::kContinue;
  model::DeploymentErrorCode error_code = model::DeploymentErrorCode::kNone;  // with kFailed
  std::string message;
};

// At most (N - failed - M) hosts are in flight. When no host is in flight and none may
// start, the deployment ends: Succeeded when >= M and >= 1 hosts succeeded, otherwise
// Failed with HEALTH_CONSTRAINTS (the remaining pending hosts are skipped).
Step NextStep(const HealthPolicy& policy, const Progress& progress);

}  // namespace berth::deploy
