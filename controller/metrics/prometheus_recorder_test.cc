#include "controller/metrics/prometheus_recorder.h"

#include <catch2/catch.hpp>

#include "controller/metrics/labels.h"

namespace berth::metrics {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST_CASE("A fresh recorder exports its unlabelled series at 0", "[metrics]") {
  PrometheusRecorder r;
  const std::string text = r.Scrape();
  for (const char* line :
       {"berth_agent_polls_total 0", "berth_enrollments_total 0", "berth_hosts_in_flight 0",
        "berth_agents_online 0", "berth_agents_unreachable 0", "berth_agents_parked 0",
        "berth_trigger_outbox_depth 0", "berth_store_fsyncs_total 0",
        "berth_store_commit_failures_total 0", "berth_trigger_delivery_failures_total 0",
        "berth_store_transaction_duration_seconds_count 0",
        "berth_authentications_refused_total{face=\"api\"} 0"}) {
    INFO(line);
    CHECK(Has(text, line));
  }
  CHECK(text.find("berth_lifecycle_events_total{") == std::string::npos);
}

TEST_CASE("Recorded outcomes appear with bounded labels", "[metrics]") {
  PrometheusRecorder r;
  const int route = r.AddRoute("GET", "/api/v1/applications/{app}");
  r.DeploymentStarted("CodeDeployDefault.AllAtOnce");
  r.DeploymentFinished(model::DeploymentStatus::kFailed, "CodeDeployDefault.AllAtOnce");
  EventOutcome ok{static_cast<uint8_t>(EventNameIndex("Install")),
                  static_cast<uint8_t>(ErrorCodeIndex("Success")), true, 1500};
  r.EventEnded(ok);
  r.EventEnded(ok);
  // An agent's made-up names and codes are counted as Other, not as new series.
  EventOutcome odd{static_cast<uint8_t>(EventNameIndex("NotAnEvent")),
                   static_cast<uint8_t>(ErrorCodeIndex("made-up")), false, 10};
  r.EventEnded(odd);
  r.AgentPolled();
  r.AuthenticationRefused(AuthFace::kEnroll);
  r.BatchCommitted(3, true);
  r.BatchCommitted(1, false);
  r.HttpRequest(route, 404, 0.002);
  r.HttpRequest(-1, 404, 0.001);
  r.SetGaugeSampler([]() -> Result<Gauges> {
    return Gauges{.agents_online = 7, .agents_unreachable = 1, .hosts_in_flight = 3};
  });
  const std::string text = r.Scrape();
  INFO(text);
  CHECK(Has(text, "berth_deployments_started_total{config=\"CodeDeployDefault.AllAtOnce\"} 1"));
  CHECK(Has(text,
            "berth_deployments_finished_total{config=\"CodeDeployDefault.AllAtOnce\","
            "status=\"Failed\"} 1"));
  CHECK(Has(text,
            "berth_lifecycle_events_total{error_code=\"Success\",event=\"Install\","
            "status=\"Succeeded\"} 2"));
  CHECK(Has(text,
            "berth_lifecycle_events_total{error_code=\"Other\",event=\"Other\","
            "status=\"Failed\"} 1"));
  CHECK(Has(text, "berth_lifecycle_event_duration_seconds_count{event=\"Install\"} 2"));
  CHECK(Has(text, "berth_lifecycle_event_duration_seconds_sum{event=\"Install\"} 3"));
  CHECK(Has(text, "berth_agent_polls_total 1"));
  CHECK(Has(text, "berth_authentications_refused_total{face=\"enroll\"} 1"));
  CHECK(Has(text, "berth_store_fsyncs_total 1"));
  CHECK(Has(text, "berth_store_commit_failures_total 1"));
  CHECK(Has(text, "berth_store_batch_transactions_sum 4"));
  CHECK(Has(text,
            "berth_http_requests_total{method=\"GET\",route=\"/api/v1/applications/{app}\","
            "status=\"404\"} 1"));
  CHECK(Has(text, "berth_http_requests_total{method=\"\",route=\"other\",status=\"404\"} 1"));
  CHECK(Has(text, "berth_agents_online 7"));
  CHECK(Has(text, "berth_agents_unreachable 1"));
  CHECK(Has(text, "berth_hosts_in_flight 3"));
}

TEST_CASE("Label indices map known names and everything else to Other", "[metrics]") {
  CHECK(EventNames()[EventNameIndex("ValidateService")] == "ValidateService");
  CHECK(EventNames()[EventNameIndex("DownloadBundle")] == "DownloadBundle");
  CHECK(EventNames()[EventNameIndex("")] == "Other");
  CHECK(ErrorCodes()[ErrorCodeIndex("AGENT_ISSUE")] == "AGENT_ISSUE");
  CHECK(ErrorCodes()[ErrorCodeIndex("ScriptFailed\n")] == "Other");
}

}  // namespace
}  // namespace berth::metrics
