#include "agent/health/health_checker.h"

#include <catch2/catch.hpp>

#include "agent/health/fake_http_probe.h"

namespace berth::agent {
namespace {

struct Fixture {
  FakeClock clock;
  std::vector<int64_t> sleeps;
  HealthCheckerOptions Options(HttpProbe* probe) {
    return {probe, &clock, [this](int64_t ms) {
              sleeps.push_back(ms);
              clock.AdvanceMs(ms);
            }};
  }
};

}  // namespace

TEST_CASE("a health check succeeds on the first 2xx answer", "[health]") {
  Fixture f;
  FakeHttpProbe probe({{503, ""}, {0, "Connection refused"}, {204, ""}});
  EventResult r =
      RunHealthCheck({"http://127.0.0.1:8080/health", 10'000, 1'000}, f.Options(&probe));
  CHECK(r.succeeded);
  CHECK(r.diagnostics.error_code == "Success");
  CHECK(r.diagnostics.message == "http://127.0.0.1:8080/health answered 204 after 3 tries");
  CHECK(probe.urls.size() == 3);
  CHECK(f.sleeps == std::vector<int64_t>{1'000, 1'000});
  CHECK(probe.timeouts_ms == std::vector<int64_t>{10'000, 9'000, 8'000});
}

TEST_CASE("a health check fails after its timeout naming the last answer", "[health]") {
  Fixture f;
  FakeHttpProbe probe({{500, ""}});
  EventResult r = RunHealthCheck({"https://u:pw@app.local/h", 5'000, 2'000}, f.Options(&probe));
  CHECK_FALSE(r.succeeded);
  CHECK(r.diagnostics.error_code == "HealthCheckFailed");
  CHECK(r.diagnostics.message ==
        "health check https://***@app.local/h did not answer 2xx within 5s (3 tries); last "
        "answer: HTTP 500");
  CHECK(f.sleeps == std::vector<int64_t>{2'000, 2'000, 1'000});
}

TEST_CASE("a health check names the connection error when nothing answered", "[health]") {
  Fixture f;
  FakeHttpProbe probe({{0, "Failed to connect to 127.0.0.1 port 9: Connection refused"}});
  EventResult r = RunHealthCheck({"http://127.0.0.1:9/", 1'500, 1'000}, f.Options(&probe));
  CHECK_FALSE(r.succeeded);
  CHECK(r.diagnostics.message ==
        "health check http://127.0.0.1:9/ did not answer 2xx within 1500ms (2 tries); last "
        "answer: Failed to connect to 127.0.0.1 port 9: Connection refused");
}

}  // namespace berth::agent
