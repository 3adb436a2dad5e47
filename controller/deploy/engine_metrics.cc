// Engine: what it tells metrics::Recorder. Each count is a commit hook, so a transaction
// that rolls back counts nothing; an event's hook captures only small numbers (its label
// indices and duration), so it needs no allocation of its own.
#include <algorithm>

#include "controller/deploy/engine.h"
#include "controller/metrics/labels.h"

namespace berth::deploy {

void Engine::CountStart(const model::Deployment& d) {
  store_->OnCommit([m = metrics_, config = d.config.name] { m->DeploymentStarted(config); },
                   nullptr);
}

void Engine::CountFinish(const model::Deployment& d) {
  store_->OnCommit([m = metrics_, status = d.status,
                    config = d.config.name] { m->DeploymentFinished(status, config); },
                   nullptr);
}

void Engine::CountEvent(const model::LifecycleEvent& e, bool succeeded) {
  metrics::EventOutcome outcome;
  outcome.event = static_cast<uint8_t>(metrics::EventNameIndex(e.name));
  outcome.error_code = static_cast<uint8_t>(metrics::ErrorCodeIndex(e.diagnostics.error_code));
  outcome.succeeded = succeeded;
  outcome.duration_ms =
      static_cast<int32_t>(std::clamp<int64_t>(e.end_time - e.start_time, 0, int64_t{1} << 30));
  store_->OnCommit([m = metrics_, outcome] { m->EventEnded(outcome); }, nullptr);
}

}  // namespace berth::deploy
