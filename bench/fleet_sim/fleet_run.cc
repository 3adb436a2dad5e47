#include "bench/fleet_sim/fleet_run.h"

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/model/lifecycle.h"

namespace berth::bench {
namespace {

using Json = nlohmann::json;
using std::chrono::steady_clock;

double Ms(steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// The controller's REST API, as fleet_sim uses it.
class Api {
 public:
  Api(const std::string& url, const std::string& ca_cert_path, const std::string& token)
      : client_(url), headers_{{"Authorization", "Bearer " + token}} {
    if (!ca_cert_path.empty()) client_.set_ca_cert_path(ca_cert_path);
    client_.set_read_timeout(300, 0);
  }
  Result<Json> Call(const std::string& method, const std::string& path, const Json& body = {}) {
    httplib::Result r = method == "GET"
                            ? client_.Get(path, headers_)
                            : client_.Post(path, headers_, body.dump(), "application/json");
    if (!r) return Unavailable(method + " " + path + ": no answer");
    if (r->status >= 300) {
      return Internal(method + " " + path + ": " + std::to_string(r->status) + " " + r->body);
    }
    return Json::parse(r->body, nullptr, false);
  }

 private:
  httplib::Client client_;
  httplib::Headers headers_;
};

Json TagFilter(const std::string& key, const std::string& value) {
  return Json::array({{{"Key", key}, {"Value", value}, {"Type", "KEY_AND_VALUE"}}});
}

Result<std::string> CreateDeployment(Api& api, const std::string& group) {
  ASSIGN_OR_RETURN(Json created, api.Call("POST", "/api/v1/deployments",
                                          {{"applicationName", "sim"},
                                           {"deploymentGroupName", group},
                                           {"revisionId", "r-sim"}}));
  return created["deploymentId"].get<std::string>();
}

// Waits for the deployment to end; its last listing.
Result<Json> WaitEnded(Api& api, const std::string& id, int timeout_s) {
  const auto deadline = steady_clock::now() + std::chrono::seconds(timeout_s);
  while (steady_clock::now() < deadline) {
    ASSIGN_OR_RETURN(Json list, api.Call("GET", "/api/v1/deployments?applicationName=sim"));
    for (const Json& d : list["deployments"]) {
      if (d["deploymentId"] != id) continue;
      const std::string status = d["status"];
      if (status == "Succeeded" || status == "Failed" || status == "Stopped") return d;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Status(Code::kDeadlineExceeded, "deployment " + id + " did not end");
}

// Every target of the deployment with its events, a page at a time.
Result<Json> ListTargets(Api& api, const std::string& id) {
  Json all = Json::array();
  std::string token;
  while (true) {
    std::string path = "/api/v1/deployments/" + id + "/targets?limit=1000";
    if (!token.empty()) path += "&nextToken=" + token;
    ASSIGN_OR_RETURN(Json page, api.Call("GET", path));
    for (const Json& t : page["targets"]) all.push_back(t);
    if (!page.contains("nextToken")) return all;
    token = page["nextToken"];
  }
}

// Writes where the controller is and which deployment runs to `path` (see RunOptions).
void Announce(const std::string& path, const ControllerProcess& controller,
              const std::string& deployment_id) {
  Json j = {{"url", controller.api_url()},
            {"adminToken", controller.admin_token()},
            {"caCert", controller.ca_cert_pem().empty() ? "" : controller.ca_cert_path()},
            {"deploymentId", deployment_id}};
  const std::string tmp = path + ".tmp";
  if (FILE* f = std::fopen(tmp.c_str(), "w")) {
    std::fputs(j.dump().c_str(), f);
    std::fclose(f);
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
  }
}

void PrintStats(const char* what, const ProcessStats& s) {
  std::printf("%-34s RSS %.1f MiB (peak %.1f MiB), %d threads\n", what, s.rss_kib / 1024.0,
              s.peak_rss_kib / 1024.0, s.threads);
}

// Checks the outcome against the planner's rules and the failures fleet_sim injected.
int Verify(Api& api, const std::string& id, const Json& ended, VirtualFleet& fleet, int hosts,
           int max_in_flight, int min_healthy) {
  int problems = 0;
  auto problem = [&](const std::string& what) {
    if (++problems <= 20) std::printf("  VERIFY: %s\n", what.c_str());
  };
  auto all_targets = ListTargets(api, id);
  if (!all_targets.ok()) {
    problem(all_targets.status().ToString());
    return 1;
  }
  const std::map<std::string, std::string> failures = fleet.Failures();
  const int failed_hosts = static_cast<int>(failures.size());
  const std::string expected = hosts - failed_hosts >= min_healthy ? "Succeeded" : "Failed";
  if (ended["status"] != expected) {
    problem("status " + ended["status"].get<std::string>() + ", planner says " + expected);
  }
  if (max_in_flight > hosts - min_healthy) {
    problem("up to " + std::to_string(max_in_flight) + " hosts in flight, more than N-M = " +
            std::to_string(hosts - min_healthy));
  }
  const auto log = fleet.Log();
  const std::vector<std::string>& names = model::InPlaceEvents();
  int targets = 0;
  for (const Json& t : *all_targets) {
    ++targets;
    const std::string name = t["instanceName"];
    auto f = failures.find(name);
    const std::string want = f == failures.end() ? "Succeeded" : "Failed";
    if (expected == "Succeeded" && t["status"] != want) {
      problem(name + " is " + t["status"].get<std::string>() + ", expected " + want);
    }
    // Every event recorded once, as the agent reported it; none after a failure.
    bool after_failure = false;
    size_t seq = 0;
    for (const Json& e : t["lifecycleEvents"]) {
      const std::string event = e["lifecycleEventName"], status = e["status"];
      std::string want_event = after_failure ? "Skipped" : "Succeeded";
      if (f != failures.end() && event == f->second) want_event = "Failed";
      if (t["status"] != "Skipped" && status != want_event) {
        problem(name + " " + event + " is " + status + ", expected " + want_event);
      }
      if (want_event == "Failed") after_failure = true;
      ++seq;
    }
    if (seq != names.size()) problem(name + " has " + std::to_string(seq) + " events recorded");
    // The agent got each event it ran exactly once.
    auto l = log.find(name);
    std::map<std::string, int> got;
    if (l != log.end()) {
      for (const Received& r : l->second) {
        if (r.deployment_id == id) ++got[r.event];
      }
    }
    for (const auto& [event, n] : got) {
      if (n != 1) problem(name + " received " + event + " " + std::to_string(n) + " times");
    }
  }
  if (targets != hosts) problem(std::to_string(targets) + " targets for " + std::to_string(hosts));
  std::printf("verify: %d injected host failures, expected %s, %s\n", failed_hosts,
              expected.c_str(), problems == 0 ? "OK" : "FAILED");
  return problems == 0 ? 0 : 1;
}

}  // namespace

int Run(const RunOptions& o) {
  std::error_code ec;
  std::filesystem::remove_all(o.controller.data_dir, ec);
  ControllerProcess controller;
  Status s = controller.Start(o.controller);
  if (!s.ok()) {
    std::fprintf(stderr, "fleet_sim: %s\n", s.ToString().c_str());
    return 1;
  }
  Api api(controller.api_url(), o.controller.tls ? controller.ca_cert_path() : "",
          controller.admin_token());
  const std::string sha(64, 'a');
  for (auto [path, body] : std::vector<std::pair<std::string, Json>>{
           {"/api/v1/applications", {{"applicationName", "sim"}}},
           {"/api/v1/applications/sim/deployment-groups",
            {{"deploymentGroupName", "fleet"},
             {"deploymentConfigName", o.config},
             {"outdatedInstancesStrategy", "IGNORE"},
             {"onPremisesInstanceTagFilters", TagFilter("fleet", "sim")}}},
       }) {
    auto r = api.Call("POST", path, body);
    if (!r.ok()) {
      std::fprintf(stderr, "fleet_sim: %s\n", r.status().ToString().c_str());
      return 1;
    }
  }
  auto revision = api.Call(
      "POST", "/api/v1/applications/sim/revisions",
      {{"revision",
        {{"revisionType", "Https"},
         {"httpsLocation",
          {{"url", "https://fleet-sim.invalid/noop.tgz"}, {"sha256", sha}, {"bundleType", "tgz"}}}}},
       {"description", "no-op"}});
  if (!revision.ok()) {
    std::fprintf(stderr, "fleet_sim: %s\n", revision.status().ToString().c_str());
    return 1;
  }
  const std::string revision_id = (*revision)["revisionId"];

  FleetOptions fleet_options = o.fleet;
  fleet_options.grpc_address = controller.grpc_address();
  fleet_options.enroll_token = controller.enroll_token();
  fleet_options.ca_cert_pem = controller.ca_cert_pem();
  VirtualFleet fleet(fleet_options);
  const auto enroll_start = steady_clock::now();
  s = fleet.Start();
  const double enroll_s = Ms(steady_clock::now() - enroll_start) / 1000;
  if (!s.ok()) {
    std::fprintf(stderr, "fleet_sim: starting the fleet: %s\n", s.ToString().c_str());
    return 1;
  }
  const std::string connections =
      o.fleet.tls ? "each on its own TLS connection (mTLS)"
                  : "over " + std::to_string(o.fleet.channels) + " plaintext channels";
  std::printf("fleet_sim: %d hosts %s, config %s, event delay %d ms, failure rate %.3f\n",
              o.fleet.agents, connections.c_str(), o.config.c_str(), o.fleet.event_delay_ms,
              o.fleet.failure_rate);
  std::printf("%-34s %.2f s\n", "enroll + first poll, all hosts", enroll_s);
  std::this_thread::sleep_for(std::chrono::seconds(o.idle_seconds));
  auto idle = controller.Stats();
  if (idle.ok()) PrintStats("controller, all agents parked:", *idle);

  // The deployment.
  auto before = controller.Stats();
  const uint64_t fsyncs_before = controller.Fsyncs();
  const auto t0 = steady_clock::now();
  auto created = api.Call("POST", "/api/v1/deployments",
                          {{"applicationName", "sim"},
                           {"deploymentGroupName", "fleet"},
                           {"revisionId", revision_id}});
  if (!created.ok()) {
    std::fprintf(stderr, "fleet_sim: %s\n", created.status().ToString().c_str());
    return 1;
  }
  const double create_ms = Ms(steady_clock::now() - t0);
  const std::string id = (*created)["deploymentId"];
  if (!o.announce_file.empty()) Announce(o.announce_file, controller, id);
  auto ended = WaitEnded(api, id, o.timeout_seconds);
  const double wall_s = Ms(steady_clock::now() - t0) / 1000;
  auto after = controller.Stats();
  const uint64_t fsyncs = controller.Fsyncs() - fsyncs_before;
  if (!ended.ok()) {
    std::fprintf(stderr, "fleet_sim: %s\n", ended.status().ToString().c_str());
    return 1;
  }
  int64_t events = 0;
  std::vector<double> first_command_ms;
  for (const auto& [name, received] : fleet.Log()) {
    bool first = true;
    for (const Received& r : received) {
      if (r.deployment_id != id) continue;
      ++events;
      if (first) first_command_ms.push_back(Ms(r.at - t0));
      first = false;
    }
  }
  const double cpu = after.ok() && before.ok() ? after->cpu_seconds - before->cpu_seconds : 0;
  std::printf("%-34s %.2f s (%s; the create request took %.0f ms)\n", "create -> ended", wall_s,
              (*ended)["status"].get<std::string>().c_str(), create_ms);
  std::printf("%-34s %lld\n", "lifecycle events", static_cast<long long>(events));
  std::printf("%-34s %.2f s, %.0f us per event\n", "controller CPU", cpu,
              events > 0 ? cpu * 1e6 / static_cast<double>(events) : 0.0);
  std::printf("%-34s %llu, %.3f per event\n", "fsyncs", static_cast<unsigned long long>(fsyncs),
              events > 0 ? static_cast<double>(fsyncs) / static_cast<double>(events) : 0.0);
  std::printf("%-34s p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", "create sent -> first command",
              Percentile(first_command_ms, 0.5), Percentile(first_command_ms, 0.99),
              Percentile(first_command_ms, 1.0));
  const int max_in_flight = fleet.MaxInFlight(id);
  std::printf("%-34s %d\n", "max hosts in flight (agents)", max_in_flight);
  if (after.ok()) PrintStats("controller, after the deployment:", *after);

  int rc = 0;
  if (o.verify) {
    auto config = api.Call("GET", "/api/v1/deployment-configs/" + o.config);
    int min_healthy = 0;
    if (config.ok()) {
      const Json& m = (*config)["minimumHealthyHosts"];
      const int value = m["value"];
      min_healthy = m["type"] == "HOST_COUNT" ? value : (o.fleet.agents * value + 99) / 100;
      if (o.config.find("OneAtATime") != std::string::npos) min_healthy = o.fleet.agents - 1;
    }
    rc = Verify(api, id, *ended, fleet, o.fleet.agents, max_in_flight, min_healthy);
  }

  // Dispatch latency to parked agents: one-host deployments, one at a time.
  if (o.dispatch_probes > 0) {
    std::vector<double> probe_ms;
    for (int j = 0; j < o.dispatch_probes; ++j) {
      const std::string host = fleet.Name((j * 7919) % o.fleet.agents);
      const std::string group = "probe-" + std::to_string(j);
      auto g = api.Call("POST", "/api/v1/applications/sim/deployment-groups",
                        {{"deploymentGroupName", group},
                         {"deploymentConfigName", "CodeDeployDefault.AllAtOnce"},
                         {"outdatedInstancesStrategy", "IGNORE"},
                         {"onPremisesInstanceTagFilters", TagFilter("sim-host", host)}});
      if (!g.ok()) {
        std::fprintf(stderr, "fleet_sim: %s\n", g.status().ToString().c_str());
        return 1;
      }
      const auto sent = steady_clock::now();
      auto probe = api.Call("POST", "/api/v1/deployments",
                            {{"applicationName", "sim"},
                             {"deploymentGroupName", group},
                             {"revisionId", revision_id}});
      if (!probe.ok()) {
        std::fprintf(stderr, "fleet_sim: %s\n", probe.status().ToString().c_str());
        return 1;
      }
      const std::string probe_id = (*probe)["deploymentId"];
      auto got = fleet.WaitFirstCommand(host, probe_id, 30000);
      if (!got.ok()) {
        std::fprintf(stderr, "fleet_sim: %s\n", got.status().ToString().c_str());
        return 1;
      }
      probe_ms.push_back(Ms(*got - sent));
      if (!WaitEnded(api, probe_id, 60).ok()) return 1;
    }
    std::printf("%-34s p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d probes, %d agents parked)\n",
                "dispatch to a parked agent", Percentile(probe_ms, 0.5),
                Percentile(probe_ms, 0.99), Percentile(probe_ms, 1.0), o.dispatch_probes,
                fleet.parked());
  }
  auto last = controller.Stats();
  if (last.ok()) PrintStats("controller, at the end:", *last);
  if (o.hold_seconds > 0) {
    std::printf("holding the controller at %s for %d s\n", controller.api_url().c_str(),
                o.hold_seconds);
    std::fflush(stdout);
    std::this_thread::sleep_for(std::chrono::seconds(o.hold_seconds));
  }
  fleet.Stop();
  controller.Stop();
  std::filesystem::remove_all(o.controller.data_dir, ec);
  return rc;
}

}  // namespace berth::bench
