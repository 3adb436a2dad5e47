// The deployment engine against real agents: HalfAtATime never has more than half the
// hosts in flight; custom configs from the CLI; stop.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;

// The most hosts at once between their first hook's start and last hook's end.
int MaxHostsInFlight(const std::string& timeline) {
  std::map<std::string, std::pair<long long, long long>> spans;
  std::istringstream in(timeline);
  long long ns;
  std::string host, event, what;
  while (in >> ns >> host >> event >> what) {
    auto [it, fresh] = spans.try_emplace(host, ns, ns);
    it->second.first = std::min(it->second.first, ns);
    it->second.second = std::max(it->second.second, ns);
  }
  std::vector<std::pair<long long, int>> edges;  // (time, +1 start / -1 end)
  for (const auto& [h, s] : spans) {
    edges.push_back({s.first, +1});
    edges.push_back({s.second, -1});
  }
  std::sort(edges.begin(), edges.end());  // at equal times an end (-1) sorts first
  int now = 0, most = 0;
  for (const auto& [t, d] : edges) most = std::max(most, now += d);
  return most;
}

TEST_CASE("HalfAtATime over six agents keeps at most three hosts in flight", "[integration]") {
  Cluster c;
  c.StartController();
  const std::map<std::string, std::string> env = {{"BERTH_IT_TIMELINE", c.Sub("timeline")}};
  for (int i = 1; i <= 6; ++i) c.StartAgent("half-" + std::to_string(i), {{"env", "it"}}, env);
  REQUIRE(c.WaitForInstances(6));
  c.CreateAppAndGroup("shop", "prod", "HalfAtATime");
  WriteRecordingApp(c.Sub("rev1"), {.version = "v1", .hook_sleep = "0.3"});
  std::string revision = c.Push(c.Sub("rev1"), "shop");

  auto r =
      c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", revision, "--wait"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  Json d = Json::parse(r.out, nullptr, false);
  CHECK(d["status"] == "Succeeded");
  for (int i = 0; i < 6; ++i) {
    CHECK(ReadTestFile(c.InstallRoot(i) + "/opt/app/version.txt") == "v1\n");
  }
  const std::string timeline = ReadTestFile(c.Sub("timeline"));
  INFO(timeline);
  CHECK(MaxHostsInFlight(timeline) == 3);  // N=6, M=3: three at a time, never more
}

TEST_CASE("Custom configs from the CLI, and stop leaves unstarted hosts Skipped", "[integration]") {
  Cluster c;
  c.StartController();
  for (int i = 1; i <= 4; ++i) c.StartAgent("stop-" + std::to_string(i), {{"env", "it"}});
  REQUIRE(c.WaitForInstances(4));
  c.CreateAppAndGroup("shop", "prod", "OneAtATime");

  auto made = c.Berth({"config", "create", "keep3", "--min-healthy-hosts", "3"});
  INFO(made.out << made.err);
  REQUIRE(made.exit_code == 0);
  auto bad = c.Berth({"config", "create", "too-many", "--min-healthy-hosts", "100%"});
  CHECK(bad.exit_code != 0);
  auto got = c.Api("GET", "/api/v1/deployment-configs/keep3");
  CHECK(got.body["minimumHealthyHosts"]["type"] == "HOST_COUNT");
  CHECK(got.body["minimumHealthyHosts"]["value"] == 3);
  auto builtin = c.Berth({"config", "delete", "AllAtOnce"});
  CHECK(builtin.exit_code != 0);
  CHECK(builtin.err.find("built in") != std::string::npos);

  WriteRecordingApp(c.Sub("slow"), {.version = "slow", .hook_sleep = "1"});
  std::string revision = c.Push(c.Sub("slow"), "shop");
  auto r = c.Berth(
      {"--output", "json", "deploy", "shop", "prod", "--revision", revision, "--config", "keep3"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string id = Json::parse(r.out)["deploymentId"];
  auto again = c.Berth({"deploy", "shop", "prod", "--revision", revision});
  CHECK(again.exit_code != 0);
  CHECK(again.err.find("already has an active deployment " + id) != std::string::npos);

  auto stop = c.Berth({"deployment", "stop", id});
  INFO(stop.out << stop.err);
  REQUIRE(stop.exit_code == 0);
  Json d = c.WaitForDeployment(id);
  CHECK(d["status"] == "Stopped");
  CHECK(d["errorInformation"]["code"] == "MANUAL_STOP");
  int skipped = 0;
  for (const auto& t : c.Targets(id)) skipped += t["status"] == "Skipped";
  CHECK(skipped == 3);  // N=4, M=3: one host started before the stop
  auto wait = c.Berth({"deployment", "wait", id});
  CHECK(wait.exit_code != 0);

  auto deleted = c.Berth({"config", "delete", "keep3"});
  INFO(deleted.out << deleted.err);
  CHECK(deleted.exit_code == 0);
}

}  // namespace
}  // namespace berth::itest
