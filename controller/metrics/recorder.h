// metrics::Recorder: what the controller's parts report for /metrics (docs/operations.md
// "Metrics"). The engine, the agent RPCs, the store, the trigger deliverer and the HTTP
// router call it; PrometheusRecorder (prometheus_recorder.h) counts, NullRecorder()
// drops everything (tests, tools, a part built without metrics).
//
// Cost: every call is a few atomic adds on counters made once; nothing looks a metric up
// by name on the hot path. Label values are bounded: what an agent reports is mapped to
// the fixed names in labels.h first.
//
// Thread safety: implementations are safe to call from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "common/model/deployment.h"

namespace berth::metrics {

// One lifecycle event's end, as the engine recorded it (labels.h indices).
struct EventOutcome {
  uint8_t event = 0;       // EventNameIndex
  uint8_t error_code = 0;  // ErrorCodeIndex
  bool succeeded = false;
  int32_t duration_ms = 0;  // end - start, clamped at 0
};

// Who refused a caller's credential.
enum class AuthFace { kAgent, kEnroll, kApi };

class Recorder {
 public:
  virtual ~Recorder() = default;

  // Engine: called after the commit that made the change, so only what is durable counts.
  virtual void DeploymentStarted(const std::string& config) = 0;
  virtual void DeploymentFinished(model::DeploymentStatus status, const std::string& config) = 0;
  virtual void EventEnded(EventOutcome outcome) = 0;

  // Agent RPCs.
  virtual void AgentPolled() = 0;
  virtual void AgentEnrolled() = 0;
  virtual void AuthenticationRefused(AuthFace face) = 0;

  // Store: one outermost transaction from its call to its answer, and one group commit
  // (`transactions` shared one SQLite transaction; `committed`: its COMMIT, and so its
  // fsync, succeeded).
  virtual void TransactionDone(double seconds) = 0;
  virtual void BatchCommitted(int transactions, bool committed) = 0;

  // Trigger deliverer: one failed POST (it is retried or abandoned).
  virtual void TriggerDeliveryFailed() = 0;

  // HTTP: one answered request. `route` is an index into the routes the recorder was
  // told about (PrometheusRecorder::AddRoute); -1 for a request no route matched.
  virtual void HttpRequest(int route, int status, double seconds) = 0;
};

// A Recorder that records nothing; never null, never freed.
Recorder* NullRecorder();

}  // namespace berth::metrics
