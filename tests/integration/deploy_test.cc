// A real controller, three real agents and the real CLI: OneAtATime end to end.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"
#include "tests/integration/revision_helpers.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;

struct Span {
  std::string host;
  long long start = -1, end = -1;
};

// Each host's [first hook start, last hook end] from the timeline.
std::vector<Span> HostSpans(const std::string& timeline) {
  std::map<std::string, Span> spans;
  std::istringstream in(timeline);
  long long ns;
  std::string host, event, what;
  while (in >> ns >> host >> event >> what) {
    Span& s = spans[host];
    s.host = host;
    if (what == "start" && (s.start < 0 || ns < s.start)) s.start = ns;
    if (what == "end" && ns > s.end) s.end = ns;
  }
  std::vector<Span> out;
  for (auto& [h, s] : spans) out.push_back(s);
  std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  return out;
}

TEST_CASE("OneAtATime deploys to three agents one host at a time", "[integration]") {
  Cluster c;
  c.StartController();
  const std::map<std::string, std::string> env = {{"BERTH_IT_TIMELINE", c.Sub("timeline")}};
  const std::vector<std::string> names = {"web-1", "web-2", "web-3"};
  for (const auto& n : names) c.StartAgent(n, {{"env", "it"}}, env);
  REQUIRE(c.WaitForInstances(3));
  c.CreateAppAndGroup("shop", "prod", "OneAtATime");

  WriteRecordingApp(c.Sub("rev1"), {.version = "v1"});
  std::string revision = c.Push(c.Sub("rev1"), "shop");

  auto r =
      c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", revision, "--wait"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  Json d = Json::parse(r.out, nullptr, false);
  REQUIRE(d.is_object());
  CHECK(d["status"] == "Succeeded");
  const std::string id = d["deploymentId"];

  for (int i = 0; i < 3; ++i) {
    CHECK(ReadTestFile(c.InstallRoot(i) + "/opt/app/version.txt") == "v1\n");
    for (const char* event :
         {"BeforeInstall", "AfterInstall", "ApplicationStart", "ValidateService"}) {
      auto hook_env = ParseEnvDump(ReadTestFile(c.InstallRoot(i) + "/hook-env/" + event));
      INFO("host " << names[i] << " event " << event);
      CHECK(hook_env["LIFECYCLE_EVENT"] == event);
      CHECK(hook_env["DEPLOYMENT_ID"] == id);
      CHECK(hook_env["APPLICATION_NAME"] == "shop");
      CHECK(hook_env["DEPLOYMENT_GROUP_NAME"] == "prod");
      CHECK(hook_env["BERTH_INSTANCE_NAME"] == names[i]);
      CHECK(hook_env["BERTH_INSTALL_ROOT"] == c.InstallRoot(i));
    }
    // A host's first deployment runs no ApplicationStop.
    CHECK(ReadTestFile(c.InstallRoot(i) + "/hook-env/ApplicationStop") == "<missing>");
  }

  std::vector<Span> spans = HostSpans(ReadTestFile(c.Sub("timeline")));
  REQUIRE(spans.size() == 3);
  for (size_t i = 1; i < spans.size(); ++i) {
    INFO(spans[i - 1].host << " ended at " << spans[i - 1].end << ", " << spans[i].host
                           << " started at " << spans[i].start);
    CHECK(spans[i - 1].end < spans[i].start);
  }

  // A second revision: ApplicationStop now runs, from the first revision's scripts.
  WriteRecordingApp(c.Sub("rev2"), {.version = "v2"});
  std::string revision2 = c.Push(c.Sub("rev2"), "shop");
  auto r2 = c.Berth({"deploy", "shop", "prod", "--revision", revision2, "--wait"});
  INFO(r2.out << r2.err);
  REQUIRE(r2.exit_code == 0);
  for (int i = 0; i < 3; ++i) {
    CHECK(ReadTestFile(c.InstallRoot(i) + "/opt/app/version.txt") == "v2\n");
    auto stop_env = ParseEnvDump(ReadTestFile(c.InstallRoot(i) + "/hook-env/ApplicationStop"));
    CHECK(stop_env["LIFECYCLE_EVENT"] == "ApplicationStop");
  }
}

TEST_CASE("A failing ValidateService fails the deployment and shows why", "[integration]") {
  Cluster c;
  c.StartController();
  const std::map<std::string, std::string> env = {{"BERTH_IT_TIMELINE", c.Sub("timeline")}};
  c.StartAgent("api-1", {{"env", "it"}}, env);
  c.StartAgent("api-2", {{"env", "it"}}, env);
  REQUIRE(c.WaitForInstances(2));
  c.CreateAppAndGroup("api", "prod", "OneAtATime");
  WriteRecordingApp(c.Sub("bad"), {.version = "bad", .fail_validate = true, .hook_sleep = "0"});
  std::string revision = c.Push(c.Sub("bad"), "api");

  auto r = c.Berth({"deploy", "api", "prod", "--revision", revision, "--wait"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);

  auto list = c.Api("GET", "/api/v1/deployments?applicationName=api");
  REQUIRE(list.body["deployments"].size() == 1);
  const std::string id = list.body["deployments"][0]["deploymentId"];
  Json d = c.WaitForDeployment(id);
  CHECK(d["status"] == "Failed");
  CHECK(d["errorInformation"]["code"] == "HEALTH_CONSTRAINTS");
  // The first host failed; OneAtATime then skips the second.
  const Json targets = c.Targets(id);
  REQUIRE(targets.size() == 2);
  CHECK(targets[0]["status"] == "Failed");
  CHECK(targets[1]["status"] == "Skipped");
  CHECK(c.Targets(id, "Failed").size() == 1);
  CHECK_FALSE(d.contains("targets"));  // the deployment itself carries only the counts
  CHECK(d["deploymentOverview"]["Failed"] == 1);
  CHECK(d["deploymentOverview"]["Skipped"] == 1);
  Json validate = targets[0]["lifecycleEvents"][6];
  CHECK(validate["lifecycleEventName"] == "ValidateService");
  CHECK(validate["status"] == "Failed");
  CHECK(validate["diagnostics"]["errorCode"] == "ScriptFailed");

  auto get = c.Berth({"deployment", "get", id});
  INFO(get.out << get.err);
  CHECK(get.exit_code == 0);
  CHECK_THAT(get.out, Catch::Contains("Failed hosts:\napi-1  Failed\n"));
  CHECK(get.out.find("api-2") == std::string::npos);  // skipped, not failed
  CHECK_THAT(get.out, Catch::Contains("ValidateService"));
  CHECK_THAT(get.out, Catch::Contains("ScriptFailed"));
  CHECK_THAT(get.out, Catch::Contains("failed with exit code 1"));
  CHECK_THAT(get.out, Catch::Contains("validation failed: port 8080 closed"));
  CHECK_THAT(get.out, Catch::Contains("checking the service"));
}

}  // namespace
}  // namespace berth::itest
