// PrometheusRecorder: the Recorder behind GET /metrics (docs/operations.md "Metrics"),
// on prometheus-cpp's core: its registry, metric types and text format. The controller
// serves the text through its own API listener (controller/http/metrics.cc), so no
// prometheus-cpp server runs.
//
// Every name starts with berth_. Series without labels, and the labelled ones with a
// fixed set of values (refused authentications by face), are exported from the start at
// 0; the others appear with their first value. Event counters and histograms are made
// once per (event, status, error code) and kept in arrays, so a lifecycle event costs
// index arithmetic and atomic adds, no lookup by name.
//
// Thread-safe.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "controller/metrics/labels.h"
#include "controller/metrics/recorder.h"

namespace berth::metrics {

// What a scrape samples instead of counting: read from the store and the agent service
// at each scrape.
struct Gauges {
  int64_t agents_online = 0;
  int64_t agents_unreachable = 0;
  int64_t agents_parked = 0;  // long polls parked now
  int64_t hosts_in_flight = 0;
  int64_t trigger_outbox_depth = 0;  // messages not delivered and not abandoned
};
using GaugeSampler = std::function<Result<Gauges>()>;

class PrometheusRecorder : public Recorder {
 public:
  PrometheusRecorder();

  // The label of an HTTP route, "GET" and "/api/v1/applications/{app}"; returns the index
  // HttpRequest takes. Call before serving.
  int AddRoute(const std::string& method, const std::string& route);
  // Called at each scrape; when it fails the gauges keep their last values. Call before
  // serving.
  void SetGaugeSampler(GaugeSampler sampler);

  // Every metric in Prometheus' text format (version 0.0.4).
  std::string Scrape();

  void DeploymentStarted(const std::string& config) override;
  void DeploymentFinished(model::DeploymentStatus status, const std::string& config) override;
  void EventEnded(EventOutcome outcome) override;
  void AgentPolled() override;
  void AgentEnrolled() override;
  void AuthenticationRefused(AuthFace face) override;
  void TransactionDone(double seconds) override;
  void BatchCommitted(int transactions, bool committed) override;
  void TriggerDeliveryFailed() override;
  void HttpRequest(int route, int status, double seconds) override;

 private:
  static constexpr int kMaxEvents = 16;
  static constexpr int kMaxCodes = 16;
  struct Route {
    std::string method;
    std::string route;
  };

  prometheus::Counter& EventCounter(const EventOutcome& outcome);
  prometheus::Histogram& EventDuration(int event);

  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& deployments_started_;
  prometheus::Family<prometheus::Counter>& deployments_finished_;
  prometheus::Family<prometheus::Counter>& events_;
  prometheus::Family<prometheus::Histogram>& event_seconds_;
  prometheus::Family<prometheus::Counter>& http_requests_;
  prometheus::Family<prometheus::Histogram>& http_seconds_;
  prometheus::Gauge& hosts_in_flight_;
  prometheus::Gauge& agents_online_;
  prometheus::Gauge& agents_unreachable_;
  prometheus::Gauge& agents_parked_;
  prometheus::Gauge& outbox_depth_;
  prometheus::Counter& polls_;
  prometheus::Counter& enrollments_;
  std::array<prometheus::Counter*, 3> refused_{};  // by AuthFace
  prometheus::Histogram& transaction_seconds_;
  prometheus::Histogram& batch_size_;
  prometheus::Counter& fsyncs_;
  prometheus::Counter& commit_failures_;
  prometheus::Counter& trigger_failures_;

  // Made on first use; [event][succeeded][error code] and [event].
  std::array<std::atomic<prometheus::Counter*>, kMaxEvents * 2 * kMaxCodes> event_counters_{};
  std::array<std::atomic<prometheus::Histogram*>, kMaxEvents> event_histograms_{};

  std::mutex mu_;
  std::vector<Route> routes_;                                        // guarded by mu_
  std::unordered_map<int64_t, prometheus::Counter*> http_counters_;  // guarded by mu_
  std::unordered_map<int, prometheus::Histogram*> http_histograms_;  // guarded by mu_
  GaugeSampler sampler_;
};

}  // namespace berth::metrics
