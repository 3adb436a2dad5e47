// GET /metrics (docs/operations.md "Metrics"): who may scrape it, the exact counter
// movements across one deployment, and that the text parses, by a small parser here and
// by promtool (Debian's prometheus package); and that the sample Prometheus
// configuration and alert rules in packaging/prometheus pass promtool.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;
using testing::WriteTestFile;

struct Scrape {
  int status = 0;
  std::string content_type;
  std::string text;
  std::map<std::string, double> series;  // "name{labels}" exactly as written -> value
};

// Parses Prometheus' text format strictly: every family has HELP and TYPE before its
// samples, every sample line is `name{label="value",...} value` of a family declared.
std::map<std::string, double> ParseMetrics(const std::string& text) {
  static const std::regex kSample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (\S+))");
  static const std::regex kComment(R"(# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*))");
  std::map<std::string, double> series;
  std::map<std::string, std::string> types;
  std::set<std::string> helped;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    INFO("line: " << line);
    if (line.empty()) continue;
    std::smatch m;
    if (line[0] == '#') {
      REQUIRE(std::regex_match(line, m, kComment));
      if (m[1] == "HELP") helped.insert(m[2]);
      if (m[1] == "TYPE") {
        REQUIRE(helped.count(m[2]) == 1);
        REQUIRE(std::set<std::string>{"counter", "gauge", "histogram"}.count(m[3]) == 1);
        types[m[2]] = m[3];
      }
      continue;
    }
    REQUIRE(std::regex_match(line, m, kSample));
    std::string family = m[1];
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      const std::string s = suffix;
      if (!types.count(family) && family.size() > s.size() &&
          family.compare(family.size() - s.size(), s.size(), s) == 0) {
        family = family.substr(0, family.size() - s.size());
      }
    }
    REQUIRE(types.count(family) == 1);
    CHECK(family.rfind("berth_", 0) == 0);
    const std::string key = line.substr(0, line.rfind(' '));
    REQUIRE(series.count(key) == 0);
    series[key] = std::stod(m[5]);
  }
  return series;
}

Scrape GetMetrics(Cluster& c, const std::string& token) {
  auto client = c.HttpClient();
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  httplib::Result res = client->Get("/metrics", headers);
  Scrape s;
  if (!res) return s;
  s.status = res->status;
  s.content_type = res->get_header_value("Content-Type");
  s.text = res->body;
  if (s.status == 200) s.series = ParseMetrics(s.text);
  return s;
}

double Value(const Scrape& s, const std::string& key) {
  auto it = s.series.find(key);
  return it == s.series.end() ? 0 : it->second;
}

// A scrape once `agents` agents have a poll parked (idle between deployments).
Scrape ScrapeWhenParked(Cluster& c, const std::string& token, int agents) {
  Scrape s;
  const bool parked = testing::WaitFor(
      [&] {
        s = GetMetrics(c, token);
        return Value(s, "berth_agents_parked") == agents;
      },
      20000);
  INFO(s.text);
  REQUIRE(parked);
  return s;
}

bool HasPromtool() { return testing::RunCommand({"promtool", "--version"}).exit_code == 0; }

// `promtool check metrics` on `text`; its exit code and output.
testing::CommandResult PromtoolCheckMetrics(Cluster& c, const std::string& text) {
  WriteTestFile(c.Sub("scrape.txt"), text);
  return testing::RunCommand(
      {"sh", "-c", "promtool check metrics < \"$0\" 2>&1", c.Sub("scrape.txt")});
}

TEST_CASE("/metrics counts one deployment exactly and parses as Prometheus text",
          "[integration][metrics]") {
  Cluster c;
  c.StartController();
  c.StartAgent("m-1", {{"env", "it"}});
  c.StartAgent("m-2", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(2));
  c.CreateAppAndGroup("shop", "prod", "AllAtOnce");
  ApiReply viewer = c.Api("POST", "/api/v1/tokens", {{"role", "viewer"}});
  REQUIRE(viewer.status == 201);
  const std::string token = viewer.body["token"];

  // Who may scrape: no token and a wrong one are refused, a viewer is served.
  auto client = c.HttpClient();
  httplib::Result none = client->Get("/metrics");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(Json::parse(none->body) ==
        Json{{"code", "UNAUTHENTICATED"},
             {"message", "missing Authorization: Bearer <token> header"}});
  CHECK(GetMetrics(c, "BTWRONG.0000").status == 401);

  WriteRecordingApp(c.Sub("v1"), {.version = "v1"});
  const std::string rev = c.Push(c.Sub("v1"), "shop");
  // Both agents parked again after enrolling and their first polls.
  const Scrape before = ScrapeWhenParked(c, token, 2);
  CHECK(before.status == 200);
  CHECK(before.content_type == "text/plain; version=0.0.4; charset=utf-8");
  // The series without labels are there from the start.
  for (const char* name :
       {"berth_hosts_in_flight", "berth_agents_online", "berth_agents_unreachable",
        "berth_agents_parked", "berth_agent_polls_total", "berth_enrollments_total",
        "berth_store_fsyncs_total", "berth_store_commit_failures_total",
        "berth_trigger_outbox_depth", "berth_trigger_delivery_failures_total",
        "berth_store_transaction_duration_seconds_count", "berth_store_batch_transactions_count",
        "berth_authentications_refused_total{face=\"agent\"}",
        "berth_authentications_refused_total{face=\"enroll\"}",
        "berth_authentications_refused_total{face=\"api\"}"}) {
    INFO(name);
    CHECK(before.series.count(name) == 1);
  }
  CHECK(Value(before, "berth_enrollments_total") == 2);
  CHECK(Value(before, "berth_agents_online") == 2);
  CHECK(Value(before, "berth_agents_unreachable") == 0);
  CHECK(Value(before, "berth_hosts_in_flight") == 0);
  // The two refusals above: no token, and a token the controller does not know.
  CHECK(Value(before, "berth_authentications_refused_total{face=\"api\"}") == 2);
  CHECK(Value(before,
              "berth_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"401\"}") == 2);
  CHECK(Value(before, "berth_deployments_started_total{config=\"CodeDeployDefault.AllAtOnce\"}") ==
        0);

  auto r = c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", rev, "--wait"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string id = Json::parse(r.out)["deploymentId"];
  const Scrape after = ScrapeWhenParked(c, token, 2);

  auto moved = [&](const std::string& key) { return Value(after, key) - Value(before, key); };
  const std::string config = "config=\"CodeDeployDefault.AllAtOnce\"";
  CHECK(moved("berth_deployments_started_total{" + config + "}") == 1);
  CHECK(moved("berth_deployments_finished_total{" + config + ",status=\"Succeeded\"}") == 1);
  CHECK(moved("berth_deployments_finished_total{" + config + ",status=\"Failed\"}") == 0);
  // Every event each host ran, counted once, Succeeded with error code Success.
  std::map<std::string, int> ran;
  for (const Json& target : c.Targets(id)) {
    for (const Json& e : target["lifecycleEvents"]) {
      if (e["status"] == "Succeeded") ++ran[e["lifecycleEventName"].get<std::string>()];
    }
  }
  REQUIRE(ran.size() >= 6);
  for (const auto& [event, count] : ran) {
    INFO(event);
    CHECK(count == 2);
    CHECK(moved("berth_lifecycle_events_total{error_code=\"Success\",event=\"" + event +
                "\",status=\"Succeeded\"}") == 2);
    CHECK(moved("berth_lifecycle_event_duration_seconds_count{event=\"" + event + "\"}") == 2);
  }
  double all_events = 0;
  for (const auto& [key, value] : after.series) {
    if (key.rfind("berth_lifecycle_events_total{", 0) == 0)
      all_events += value - Value(before, key);
  }
  CHECK(all_events == 2.0 * ran.size());
  CHECK(moved("berth_agent_polls_total") >= 2);
  CHECK(moved("berth_store_fsyncs_total") >= 1);
  CHECK(moved("berth_store_batch_transactions_count") == moved("berth_store_fsyncs_total"));
  CHECK(moved("berth_store_transaction_duration_seconds_count") >=
        moved("berth_store_fsyncs_total"));
  CHECK(moved("berth_enrollments_total") == 0);
  CHECK(Value(after, "berth_hosts_in_flight") == 0);
  CHECK(Value(after, "berth_agents_online") == 2);
  CHECK(moved("berth_http_requests_total{method=\"POST\",route=\"/api/v1/deployments\","
              "status=\"201\"}") == 1);
  CHECK(moved("berth_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/"
              "deployments\"}") == 1);
  CHECK(Value(after,
              "berth_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"200\"}") >= 1);

  if (!HasPromtool()) {
    WARN("SKIPPED promtool check metrics: promtool is not installed (Debian package prometheus)");
    return;
  }
  testing::CommandResult check = PromtoolCheckMetrics(c, after.text);
  INFO(check.out);
  CHECK(check.exit_code == 0);
  CHECK(check.out == "");
}

TEST_CASE("With --metrics-public /metrics is served without a token and nothing else",
          "[integration][metrics]") {
  Cluster c;
  c.SetControllerArgs({"--metrics-public"});
  c.StartController();
  Scrape open = GetMetrics(c, "");
  CHECK(open.status == 200);
  CHECK(open.series.count("berth_agents_online") == 1);
  auto client = c.HttpClient();
  httplib::Result apps = client->Get("/api/v1/applications");
  REQUIRE(apps);
  CHECK(apps->status == 401);
}

TEST_CASE("The sample Prometheus configuration and alert rules pass promtool",
          "[integration][metrics]") {
  const std::string dir = std::string(BERTH_SOURCE_DIR) + "/packaging/prometheus";
  const std::string alerts = ReadTestFile(dir + "/berth-alerts.yml");
  const std::string config = ReadTestFile(dir + "/prometheus.yml");
  // docs/operations.md shows both files as they are.
  const std::string docs = ReadTestFile(std::string(BERTH_SOURCE_DIR) + "/docs/operations.md");
  CHECK(docs.find("```yaml\n" + alerts + "```") != std::string::npos);
  CHECK(docs.find("```yaml\n" + config + "```") != std::string::npos);
  if (!HasPromtool()) {
    WARN("SKIPPED promtool: it is not installed (Debian package prometheus)");
    return;
  }
  testing::CommandResult rules =
      testing::RunCommand({"promtool", "check", "rules", dir + "/berth-alerts.yml"});
  INFO(rules.out << rules.err);
  CHECK(rules.exit_code == 0);
  CHECK(rules.out.find("SUCCESS: 2 rules found") != std::string::npos);

  // The configuration with its two files where promtool can find them.
  Cluster c;
  c.StartController();
  WriteTestFile(c.Sub("prom/berth-alerts.yml"), alerts);
  WriteTestFile(c.Sub("prom/berth.token"), c.admin_token() + "\n", 0600);
  std::string local = config;
  for (const auto& [from, to] : std::map<std::string, std::string>{
           {"/etc/prometheus/berth-ca.crt", c.ca_cert()},
           {"/etc/prometheus/berth.token", c.Sub("prom/berth.token")}}) {
    REQUIRE(local.find(from) != std::string::npos);
    local.replace(local.find(from), from.size(), to);
  }
  WriteTestFile(c.Sub("prom/prometheus.yml"), local);
  testing::CommandResult checked =
      testing::RunCommand({"promtool", "check", "config", c.Sub("prom/prometheus.yml")});
  INFO(checked.out << checked.err);
  CHECK(checked.exit_code == 0);
  CHECK(checked.out.find("SUCCESS: 2 rules found") != std::string::npos);
}

}  // namespace
}  // namespace berth::itest
