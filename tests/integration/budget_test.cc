// Rollout limits against real agents: retrying only the failed hosts, the failure budget
// (--max-failed-hosts) and freeze windows (refused, overridden by an admin only, queued
// until the window ends, across a controller restart).
#include <time.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;

// Each hook line logs "<deployment> <host> <event>" to $BERTH_IT_DIR/events; BeforeInstall
// fails on a host while $BERTH_IT_DIR/fail-<host> exists, and then sleeps `sleep` s.
void WriteLoggingApp(const std::string& dir, const std::string& sleep = "0") {
  const std::string log =
      "echo \"$DEPLOYMENT_ID $BERTH_INSTANCE_NAME $LIFECYCLE_EVENT\" >> \"$BERTH_IT_DIR/events\"\n";
  WriteHookApp(dir, {{"BeforeInstall", log +
                                           "if [ -e \"$BERTH_IT_DIR/fail-$BERTH_INSTANCE_NAME\" ]; "
                                           "then exit 3; fi\nsleep " +
                                           sleep + "\n"},
                     {"AfterInstall", log}});
}

// The hosts that logged a hook of `deployment`.
std::set<std::string> HostsWithEvents(const std::string& events, const std::string& deployment) {
  std::set<std::string> hosts;
  std::istringstream in(events);
  std::string id, host, event;
  while (in >> id >> host >> event) {
    if (id == deployment) hosts.insert(host);
  }
  return hosts;
}

Json ParseOut(const testing::CommandResult& r) { return Json::parse(r.out, nullptr, false); }

TEST_CASE("deployment retry deploys again to only the failed hosts", "[integration][budget]") {
  Cluster c;
  c.StartController();
  const std::map<std::string, std::string> env = {{"BERTH_IT_DIR", c.dir()}};
  for (int i = 1; i <= 3; ++i) c.StartAgent("retry-" + std::to_string(i), {{"env", "it"}}, env);
  REQUIRE(c.WaitForInstances(3));
  c.CreateAppAndGroup("shop", "prod", "AllAtOnce");
  WriteLoggingApp(c.Sub("app"));
  const std::string revision = c.Push(c.Sub("app"), "shop");
  testing::WriteTestFile(c.Sub("fail-retry-2"), "");

  auto deployed =
      c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", revision, "--wait"});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);  // AllAtOnce succeeds with one host failed
  const Json first = ParseOut(deployed);
  const std::string first_id = first.value("deploymentId", "");
  CHECK(first["deploymentOverview"]["Failed"] == 1);
  const std::string untouched = c.InstallRoot(0) + "/opt/app/file.txt";
  REQUIRE(std::filesystem::exists(untouched));
  const auto untouched_mtime = std::filesystem::last_write_time(untouched);

  std::filesystem::remove(c.Sub("fail-retry-2"));
  auto retried = c.Berth({"--output", "json", "deployment", "retry", first_id});
  INFO(retried.out << retried.err);
  REQUIRE(retried.exit_code == 0);
  const std::string retry_id = ParseOut(retried).value("deploymentId", "");
  REQUIRE(retry_id.rfind("d-", 0) == 0);
  Json retry = c.WaitForDeployment(retry_id);
  CHECK(retry["status"] == "Succeeded");
  CHECK(retry["retryInfo"]["retryOfDeploymentId"] == first_id);
  CHECK(retry["targetInstanceIds"].size() == 1);
  Json targets = c.Targets(retry_id);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0]["instanceName"] == "retry-2");
  CHECK(targets[0]["status"] == "Succeeded");

  // Only retry-2 ran hooks of the retry; the others' files were not rewritten.
  const std::string events = ReadTestFile(c.Sub("events"));
  INFO(events);
  CHECK(HostsWithEvents(events, retry_id) == std::set<std::string>{"retry-2"});
  CHECK(HostsWithEvents(events, first_id) ==
        std::set<std::string>{"retry-1", "retry-2", "retry-3"});
  CHECK(std::filesystem::last_write_time(untouched) == untouched_mtime);
  CHECK(ReadTestFile(c.InstallRoot(1) + "/opt/app/file.txt") == "x\n");

  // The link is on the first deployment too, in the API and in `deployment get`.
  CHECK(c.Api("GET", "/api/v1/deployments/" + first_id).body["retryInfo"]["retryDeploymentId"] ==
        retry_id);
  auto shown = c.Berth({"deployment", "get", first_id});
  CHECK(shown.out.find("Retried by") != std::string::npos);
  CHECK(shown.out.find(retry_id) != std::string::npos);

  auto again = c.Berth({"deployment", "retry", first_id});
  CHECK(again.exit_code == 2);
  CHECK(again.err == "berth: FAILED_PRECONDITION: deployment " + first_id +
                         " was already retried by " + retry_id + "; retry that one instead\n");
  auto nothing = c.Berth({"deployment", "retry", retry_id});
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err == "berth: FAILED_PRECONDITION: deployment " + retry_id +
                           " (Succeeded) has no failed or skipped hosts to retry\n");
}

TEST_CASE("A failure budget of 0 fails on the first failed host and starts no other",
          "[integration][budget]") {
  Cluster c;
  c.StartController();
  const std::map<std::string, std::string> env = {{"BERTH_IT_DIR", c.dir()}};
  for (int i = 1; i <= 4; ++i) c.StartAgent("budget-" + std::to_string(i), {{"env", "it"}}, env);
  REQUIRE(c.WaitForInstances(4));
  // Two hosts in flight; a failure alone would leave room for the next host (3 healthy, 2
  // needed), so only the budget stops it.
  REQUIRE(c.Berth({"config", "create", "two", "--min-healthy-hosts", "2"}).exit_code == 0);
  c.CreateAppAndGroup("shop", "prod", "two");
  WriteLoggingApp(c.Sub("app"), "2");
  const std::string revision = c.Push(c.Sub("app"), "shop");
  testing::WriteTestFile(c.Sub("fail-budget-1"), "");

  auto bad =
      c.Berth({"deploy", "shop", "prod", "--revision", revision, "--max-failed-hosts", "3x"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err ==
        "berth: INVALID_ARGUMENT: --max-failed-hosts: max failed hosts \"3x\" is not a host "
        "count (3) or a percentage of the hosts (10%)\n");

  auto r = c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", revision,
                    "--max-failed-hosts", "0", "--wait"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  const Json d = ParseOut(r);
  const std::string id = d.value("deploymentId", "");
  CHECK(d["status"] == "Failed");
  CHECK(d["errorInformation"]["code"] == "MAX_FAILED_HOSTS");
  CHECK(d["maxFailedHosts"] == Json({{"type", "HOST_COUNT"}, {"value", 0}}));
  Json targets = c.Targets(id);
  REQUIRE(targets.size() == 4);
  std::map<std::string, std::string> status;
  for (const Json& t : targets) {
    status[t["instanceName"].get<std::string>()] = t["status"].get<std::string>();
  }
  CHECK(status == std::map<std::string, std::string>{{"budget-1", "Failed"},
                                                     {"budget-2", "Succeeded"},
                                                     {"budget-3", "Skipped"},
                                                     {"budget-4", "Skipped"}});
  for (const Json& t : targets) {
    if (t["status"] != "Skipped") continue;
    for (const Json& e : t["lifecycleEvents"]) {
      CHECK(e["status"] == "Skipped");
      CHECK_FALSE(e.contains("startTime"));
    }
  }
  const std::string events = ReadTestFile(c.Sub("events"));
  INFO(events);
  CHECK(HostsWithEvents(events, id) == std::set<std::string>{"budget-1", "budget-2"});
  CHECK_FALSE(std::filesystem::exists(c.InstallRoot(2) + "/opt/app/file.txt"));
  CHECK_FALSE(std::filesystem::exists(c.InstallRoot(3) + "/opt/app/file.txt"));

  // The group's default is shown and used.
  auto updated = c.Berth({"group", "update", "shop", "prod", "--max-failed-hosts", "25%"});
  INFO(updated.out << updated.err);
  CHECK(updated.exit_code == 0);
  CHECK(updated.out.find("Max failed hosts:  25% of hosts") != std::string::npos);
}

// "YYYY-MM-DD HH:MM:SS" in UTC, `offset_s` from now.
std::string UtcIn(int offset_s) {
  const time_t t = time(nullptr) + offset_s;
  struct tm tm;
  gmtime_r(&t, &tm);
  char text[32];
  strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

TEST_CASE("A freeze window refuses deployments, admins may override it, --queue waits it out",
          "[integration][freeze]") {
  Cluster c;
  StartOneHost(c);
  WriteRecordingApp(c.Sub("app"), {.version = "v1", .hook_sleep = "0"});
  const std::string revision = c.Push(c.Sub("app"), "shop");
  const std::string deployer =
      c.Api("POST", "/api/v1/tokens", {{"role", "deployer"}}).body.value("token", "");
  const auto window_end = std::chrono::steady_clock::now() + std::chrono::seconds(40);
  const std::string window = UtcIn(-60) + "-" + UtcIn(40) + " UTC";

  auto bad = c.Berth({"group", "update", "shop", "prod", "--freeze", "Fry 16:00-Mon 08:00 UTC"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("\"Fry\" is neither a day") != std::string::npos);
  auto frozen =
      c.Berth({"--output", "json", "group", "update", "shop", "prod", "--freeze", window});
  INFO(frozen.out << frozen.err);
  REQUIRE(frozen.exit_code == 0);
  CHECK(ParseOut(frozen)["freezeWindows"] == Json::array({window}));

  auto refused = c.Berth({"deploy", "shop", "prod", "--revision", revision});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err ==
        "berth: FAILED_PRECONDITION: deployment group \"prod\" is in freeze "
        "window \"" +
            window +
            "\"; queue the deployment to start when the "
            "window ends, or an admin may override the freeze\n");
  const Json create = {
      {"applicationName", "shop"}, {"deploymentGroupName", "prod"}, {"revisionId", revision}};
  CHECK(c.Api("POST", "/api/v1/deployments", create).status == 409);

  std::vector<std::string> as_deployer = c.BerthCommand();
  as_deployer.insert(as_deployer.end(), {"--token", deployer, "deploy", "shop", "prod",
                                         "--revision", revision, "--override-freeze"});
  auto denied = testing::RunCommand(as_deployer, {}, 60000);
  CHECK(denied.exit_code == 2);
  CHECK(denied.err.rfind("berth: PERMISSION_DENIED: overriding a freeze window (overrideFreeze) "
                         "needs the admin role; token ",
                         0) == 0);
  CHECK(denied.err.find("has the deployer role") != std::string::npos);
  Json with_override = create;
  with_override["overrideFreeze"] = true;
  CHECK(c.Api("POST", "/api/v1/deployments", with_override, deployer).status == 403);
  CHECK(c.Api("GET", "/api/v1/deployments").body["deployments"].empty());

  auto overridden = c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", revision,
                             "--override-freeze", "--wait"});
  INFO(overridden.out << overridden.err);
  REQUIRE(overridden.exit_code == 0);
  const Json o = ParseOut(overridden);
  CHECK(o["freezeInfo"]["overriddenWindow"] == window);
  CHECK(o["freezeInfo"]["overriddenBy"] == "bootstrap");
  CHECK(o["freezeInfo"].contains("overrideTime"));
  auto shown = c.Berth({"deployment", "get", o.value("deploymentId", "")});
  CHECK(shown.out.find("Freeze overridden:  " + window + " by bootstrap") != std::string::npos);

  auto queued =
      c.Berth({"--output", "json", "deploy", "shop", "prod", "--revision", revision, "--queue"});
  INFO(queued.out << queued.err);
  REQUIRE(queued.exit_code == 0);
  const std::string queued_id = ParseOut(queued).value("deploymentId", "");
  Json q = c.Api("GET", "/api/v1/deployments/" + queued_id).body;
  CHECK(q["status"] == "Queued");
  CHECK(q["freezeInfo"]["queuedForWindow"] == window);

  // A controller killed while the deployment waits carries on after its restart.
  c.KillController();
  c.StartController();
  if (std::chrono::steady_clock::now() + std::chrono::seconds(2) < window_end) {
    CHECK(c.Api("GET", "/api/v1/deployments/" + queued_id).body["status"] == "Queued");
  }
  Json done = c.WaitForDeployment(queued_id, 90000);
  CHECK(done["status"] == "Succeeded");
  CHECK(std::chrono::steady_clock::now() >= window_end - std::chrono::seconds(1));

  auto cleared = c.Berth({"--output", "json", "group", "update", "shop", "prod", "--clear-freeze"});
  CHECK(ParseOut(cleared)["freezeWindows"] == Json::array());
}

}  // namespace
}  // namespace berth::itest
