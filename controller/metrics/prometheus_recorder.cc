#include "controller/metrics/prometheus_recorder.h"

#include <prometheus/text_serializer.h>
#include <spdlog/spdlog.h>

#include <sstream>

namespace berth::metrics {
namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;

const Histogram::BucketBoundaries& EventBuckets() {
  static const Histogram::BucketBoundaries kBuckets = {0.05, 0.1, 0.25, 0.5, 1,   2.5,  5,   10,
                                                       30,   60,  120,  300, 600, 1800, 3600};
  return kBuckets;
}

const Histogram::BucketBoundaries& TransactionBuckets() {
  static const Histogram::BucketBoundaries kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  return kBuckets;
}

const Histogram::BucketBoundaries& HttpBuckets() {
  static const Histogram::BucketBoundaries kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                       0.25,  0.5,    1,     2.5,  5,     10};
  return kBuckets;
}

Family<Counter>& CounterFamily(prometheus::Registry& r, const char* name, const char* help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(r);
}

Family<Gauge>& GaugeFamily(prometheus::Registry& r, const char* name, const char* help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(r);
}

Family<Histogram>& HistogramFamily(prometheus::Registry& r, const char* name, const char* help) {
  return prometheus::BuildHistogram().Name(name).Help(help).Register(r);
}

}  // namespace

PrometheusRecorder::PrometheusRecorder()
    : registry_(std::make_shared<prometheus::Registry>()),
      deployments_started_(CounterFamily(*registry_, "berth_deployments_started_total",
                                         "Deployments started (InProgress), by deployment config")),
      deployments_finished_(CounterFamily(*registry_, "berth_deployments_finished_total",
                                          "Deployments ended, by status and deployment config")),
      events_(CounterFamily(*registry_, "berth_lifecycle_events_total",
                            "Lifecycle events ended on hosts, by event, status and error code")),
      event_seconds_(HistogramFamily(*registry_, "berth_lifecycle_event_duration_seconds",
                                     "How long lifecycle events ran on hosts, by event")),
      http_requests_(CounterFamily(*registry_, "berth_http_requests_total",
                                   "API requests answered, by method, route and status")),
      http_seconds_(HistogramFamily(*registry_, "berth_http_request_duration_seconds",
                                    "Time to answer API requests, by method and route")),
      hosts_in_flight_(GaugeFamily(*registry_, "berth_hosts_in_flight",
                                   "Hosts InProgress in running deployments")
                           .Add({})),
      agents_online_(GaugeFamily(*registry_, "berth_agents_online",
                                 "Registered instances whose agent is reachable")
                         .Add({})),
      agents_unreachable_(GaugeFamily(*registry_, "berth_agents_unreachable",
                                      "Registered instances whose agent has been silent for "
                                      "longer than the agent silence limit")
                              .Add({})),
      agents_parked_(GaugeFamily(*registry_, "berth_agents_parked",
                                 "Agents with a long poll parked on the controller now")
                         .Add({})),
      outbox_depth_(GaugeFamily(*registry_, "berth_trigger_outbox_depth",
                                "Trigger messages not yet delivered nor abandoned")
                        .Add({})),
      polls_(CounterFamily(*registry_, "berth_agent_polls_total", "PollCommand calls from agents")
                 .Add({})),
      enrollments_(CounterFamily(*registry_, "berth_enrollments_total", "Agents enrolled").Add({})),
      transaction_seconds_(HistogramFamily(*registry_, "berth_store_transaction_duration_seconds",
                                           "Store transactions from their call until durable")
                               .Add({}, TransactionBuckets())),
      batch_size_(HistogramFamily(*registry_, "berth_store_batch_transactions",
                                  "Transactions that shared one group commit")
                      .Add({}, Histogram::BucketBoundaries{1, 2, 4, 8, 16, 32, 64, 128, 256, 512})),
      fsyncs_(CounterFamily(*registry_, "berth_store_fsyncs_total",
                            "Group commits made durable (one fsync of the write-ahead log each)")
                  .Add({})),
      commit_failures_(CounterFamily(*registry_, "berth_store_commit_failures_total",
                                     "Group commits that failed (nothing of them was written)")
                           .Add({})),
      trigger_failures_(CounterFamily(*registry_, "berth_trigger_delivery_failures_total",
                                      "Trigger webhook POSTs that failed (retried or abandoned)")
                            .Add({})) {
  Family<Counter>& refused =
      CounterFamily(*registry_, "berth_authentications_refused_total",
                    "Credentials refused: agent calls, enrollments and API tokens");
  refused_[static_cast<int>(AuthFace::kAgent)] = &refused.Add({{"face", "agent"}});
  refused_[static_cast<int>(AuthFace::kEnroll)] = &refused.Add({{"face", "enroll"}});
  refused_[static_cast<int>(AuthFace::kApi)] = &refused.Add({{"face", "api"}});
  GaugeFamily(*registry_, "berth_build_info", "The controller's version")
      .Add({{"version", BERTH_VERSION}})
      .Set(1);
}

int PrometheusRecorder::AddRoute(const std::string& method, const std::string& route) {
  std::lock_guard<std::mutex> lock(mu_);
  routes_.push_back({method, route});
  return static_cast<int>(routes_.size()) - 1;
}

void PrometheusRecorder::SetGaugeSampler(GaugeSampler sampler) {
  std::lock_guard<std::mutex> lock(mu_);
  sampler_ = std::move(sampler);
}

std::string PrometheusRecorder::Scrape() {
  GaugeSampler sampler;
  {
    std::lock_guard<std::mutex> lock(mu_);
    sampler = sampler_;
  }
  if (sampler) {
    Result<Gauges> g = sampler();
    if (g.ok()) {
      hosts_in_flight_.Set(static_cast<double>(g->hosts_in_flight));
      agents_online_.Set(static_cast<double>(g->agents_online));
      agents_unreachable_.Set(static_cast<double>(g->agents_unreachable));
      agents_parked_.Set(static_cast<double>(g->agents_parked));
      outbox_depth_.Set(static_cast<double>(g->trigger_outbox_depth));
    } else {
      spdlog::warn("metrics: cannot sample gauges: {}", g.status().ToString());
    }
  }
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, registry_->Collect());
  return out.str();
}

void PrometheusRecorder::DeploymentStarted(const std::string& config) {
  deployments_started_.Add({{"config", config}}).Increment();
}

void PrometheusRecorder::DeploymentFinished(model::DeploymentStatus status,
                                            const std::string& config) {
  deployments_finished_.Add({{"status", model::DeploymentStatusName(status)}, {"config", config}})
      .Increment();
}

Counter& PrometheusRecorder::EventCounter(const EventOutcome& o) {
  const size_t slot =
      (static_cast<size_t>(o.event) * 2 + (o.succeeded ? 1 : 0)) * kMaxCodes + o.error_code;
  Counter* counter = event_counters_[slot].load(std::memory_order_acquire);
  if (counter != nullptr) return *counter;
  // Family::Add returns the one counter of these labels, whoever makes it first.
  counter = &events_.Add({{"event", std::string(EventNames()[o.event])},
                          {"status", o.succeeded ? "Succeeded" : "Failed"},
                          {"error_code", std::string(ErrorCodes()[o.error_code])}});
  event_counters_[slot].store(counter, std::memory_order_release);
  return *counter;
}

Histogram& PrometheusRecorder::EventDuration(int event) {
  Histogram* h = event_histograms_[event].load(std::memory_order_acquire);
  if (h != nullptr) return *h;
  h = &event_seconds_.Add({{"event", std::string(EventNames()[event])}}, EventBuckets());
  event_histograms_[event].store(h, std::memory_order_release);
  return *h;
}

void PrometheusRecorder::EventEnded(EventOutcome outcome) {
  if (outcome.event >= EventNames().size() || outcome.error_code >= ErrorCodes().size()) return;
  EventCounter(outcome).Increment();
  EventDuration(outcome.event).Observe(outcome.duration_ms / 1000.0);
}

void PrometheusRecorder::AgentPolled() { polls_.Increment(); }
void PrometheusRecorder::AgentEnrolled() { enrollments_.Increment(); }
void PrometheusRecorder::AuthenticationRefused(AuthFace face) {
  refused_[static_cast<int>(face)]->Increment();
}
void PrometheusRecorder::TransactionDone(double seconds) { transaction_seconds_.Observe(seconds); }

void PrometheusRecorder::BatchCommitted(int transactions, bool committed) {
  batch_size_.Observe(transactions);
  (committed ? fsyncs_ : commit_failures_).Increment();
}

void PrometheusRecorder::TriggerDeliveryFailed() { trigger_failures_.Increment(); }

void PrometheusRecorder::HttpRequest(int route, int status, double seconds) {
  Counter* counter = nullptr;
  Histogram* histogram = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const bool known = route >= 0 && route < static_cast<int>(routes_.size());
    const int index = known ? route : -1;
    const std::string method = known ? routes_[index].method : "";
    const std::string path = known ? routes_[index].route : "other";
    const int64_t key = int64_t{index} * 1000 + status;
    auto c = http_counters_.find(key);
    if (c == http_counters_.end()) {
      c = http_counters_
              .emplace(key, &http_requests_.Add({{"method", method},
                                                 {"route", path},
                                                 {"status", std::to_string(status)}}))
              .first;
    }
    counter = c->second;
    auto h = http_histograms_.find(index);
    if (h == http_histograms_.end()) {
      h = http_histograms_
              .emplace(index,
                       &http_seconds_.Add({{"method", method}, {"route", path}}, HttpBuckets()))
              .first;
    }
    histogram = h->second;
  }
  counter->Increment();
  histogram->Observe(seconds);
}

}  // namespace berth::metrics
