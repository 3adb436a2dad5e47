// The HealthCheck event (model/deployment_hooks.h): polls the URL until it answers 2xx,
// for at most the check's timeout, one try every interval.
#pragma once

#include <cstdint>
#include <functional>

#include "agent/health/http_probe.h"
#include "agent/lifecycle/event.h"
#include "common/clock.h"

namespace berth::agent {

struct HealthCheckerOptions {
  HttpProbe* probe = nullptr;  // not owned
  const Clock* clock = nullptr;
  // Waits this many milliseconds (tests advance a fake clock instead of sleeping).
  std::function<void(int64_t ms)> sleep;
};

// Succeeded ("<url> answered 200 after N tries") on the first 2xx answer. Failed
// (error code HealthCheckFailed) once the timeout has passed without one, naming the
// URL, the timeout, the tries and the last answer: its HTTP status or the connection
// error. Each try is given what is left of the timeout.
EventResult RunHealthCheck(const model::HealthCheck& check, const HealthCheckerOptions& options);

// The error code of a failed health check.
inline constexpr char kHealthCheckFailed[] = "HealthCheckFailed";

}  // namespace berth::agent
