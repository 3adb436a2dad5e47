// The dashboard in a real browser: Debian's headless Chromium driven by
// tests/integration/dashboard_browser.py (python3-selenium) against a real controller and
// three agents over TLS. Skipped (exit 77) only when chromium, chromium-driver or
// python3-selenium is not installed. With BERTH_SCREENSHOT_DIR set, the screenshots go
// there (docs/ keeps the ones shown in the README).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"
#include "tests/integration/moto.h"

namespace berth::itest {
namespace {

constexpr char kPython[] = "/usr/bin/python3";  // Debian's, which has python3-selenium
constexpr char kChromium[] = "/usr/bin/chromium";
constexpr char kDriver[] = "/usr/bin/chromedriver";

void SkipUnlessBrowserPresent() {
  for (const char* path : {kPython, kChromium, kDriver}) {
    if (access(path, X_OK) != 0) {
      std::cout << "SKIPPED: " << path << " is not installed (apt-get install chromium "
                << "chromium-driver python3-selenium); the dashboard browser test needs it"
                << std::endl;
      std::_Exit(kSkipExitCode);
    }
  }
  if (testing::RunCommand({kPython, "-c", "import selenium"}).exit_code != 0) {
    std::cout << "SKIPPED: python3-selenium is not installed; the dashboard browser test needs it"
              << std::endl;
    std::_Exit(kSkipExitCode);
  }
}

// Every hook of the first revision echoes; ValidateService waits for `gate` (so the
// test can watch it run and see a line printed after it opened the log), then fails on
// app-3 only.
void WriteGatedApp(const std::string& dir, const std::string& gate) {
  WriteHookApp(dir,
               {{"BeforeInstall", "echo \"preparing $BERTH_INSTANCE_NAME\"\nsleep 1\n"},
                {"ApplicationStart", "echo \"starting on $BERTH_INSTANCE_NAME\"\nsleep 1\n"},
                {"ValidateService",
                 "echo \"waiting for the gate on $BERTH_INSTANCE_NAME\"\n"
                 "n=0\nwhile [ ! -e '" +
                     gate +
                     "' ] && [ $n -lt 1200 ]; do sleep 0.1; n=$((n+1)); done\n"
                     "echo \"gate opened on $BERTH_INSTANCE_NAME\"\n"
                     "if [ \"$BERTH_INSTANCE_NAME\" = app-3 ]; then\n"
                     "  echo 'health check failed: port 8080 closed on app-3' >&2\n  exit 1\nfi\n"
                     "echo 'service healthy'\n"}},
               150);
}

// Hooks slow enough to stop a deployment in the middle of.
void WriteSlowApp(const std::string& dir) {
  const std::string step = "echo \"$LIFECYCLE_EVENT step on $BERTH_INSTANCE_NAME\"\nsleep 3\n";
  WriteHookApp(dir, {{"BeforeInstall", step},
                     {"AfterInstall", step},
                     {"ApplicationStart", step},
                     {"ValidateService", step}});
}

TEST_CASE("dashboard in headless Chromium: login, live grid, streaming log, stop, viewer") {
  SkipUnlessBrowserPresent();
  Cluster c;
  c.StartController();
  for (int i = 1; i <= 3; ++i) c.StartAgent("app-" + std::to_string(i), {{"env", "it"}});
  REQUIRE(c.WaitForInstances(3));
  c.CreateAppAndGroup("shop", "prod", "AllAtOnce");

  const std::string gate = c.Sub("gate");
  WriteGatedApp(c.Sub("gated"), gate);
  WriteSlowApp(c.Sub("slow"));
  const std::string gated = c.Push(c.Sub("gated"), "shop");
  const std::string slow = c.Push(c.Sub("slow"), "shop");
  // The first runs now; the other two wait their turn in the group's queue.
  const std::string watched = c.Deploy("shop", "prod", gated);
  const std::string stopped = c.Deploy("shop", "prod", slow, {"--queue"});
  const std::string viewed = c.Deploy("shop", "prod", slow, {"--queue"});

  ApiReply viewer = c.Api("POST", "/api/v1/tokens", {{"role", "viewer"}});
  REQUIRE(viewer.status == 201);

  const char* shots = std::getenv("BERTH_SCREENSHOT_DIR");
  Json config = {{"baseUrl", c.http_url()},
                 {"caCert", c.ca_cert()},
                 {"adminToken", c.admin_token()},
                 {"viewerToken", viewer.body["token"]},
                 {"watched", watched},
                 {"gatedRevision", gated},
                 {"stopped", stopped},
                 {"viewed", viewed},
                 {"gate", gate},
                 {"profile", c.Sub("chromium-profile")},
                 {"screenshots", shots != nullptr ? shots : c.Sub("screenshots")}};
  std::ofstream(c.Sub("dashboard.json")) << config.dump(2);

  testing::CommandResult run = testing::RunCommand(
      {kPython, std::string(BERTH_SOURCE_DIR) + "/tests/integration/dashboard_browser.py",
       c.Sub("dashboard.json")},
      {}, 240000);
  INFO("dashboard_browser.py stdout:\n" << run.out << "\nstderr:\n" << run.err);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("PASS every request stayed on " + c.http_url()));

  // What the browser did, as the API sees it.
  CHECK(c.WaitForDeployment(watched)["status"] != "Stopped");
  CHECK(c.Api("GET", "/api/v1/deployments/" + stopped).body["status"] == "Stopped");
  CHECK(c.Api("GET", "/api/v1/deployments/" + viewed).body["status"] != "Stopped");
}

}  // namespace
}  // namespace berth::itest
