#include "cli/deployment_render.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "cli/deployment_fixtures_for_test.h"

namespace berth::cli {
namespace {

using testing::MakeDeployment;
using testing::MakeEvent;
using testing::MakeFailedEvent;
using testing::MakeTarget;

TEST_CASE("deployment get shows which host and event failed, why, and the log tail", "[render]") {
  testing::UseUtc();
  nlohmann::json failed = MakeTarget("web-2", "Failed",
                                     {MakeEvent("ApplicationStop", "Succeeded", 2000, 2100),
                                      MakeFailedEvent("AfterInstall", 2100, 3300),
                                      MakeEvent("ApplicationStart", "Skipped")});
  nlohmann::json d = MakeDeployment(
      "Failed",
      {MakeTarget("web-1", "Succeeded", {MakeEvent("ApplicationStop", "Succeeded", 1000, 1100)}),
       failed});
  d["completeTime"] = testing::At(3400);
  d["errorInformation"] = {{"code", "HEALTH_CONSTRAINTS"}, {"message", "1 of 2 instances failed"}};
  std::ostringstream out;
  PrintDeploymentDetail(d, nlohmann::json::array({failed}), out);
  std::string text = out.str();
  INFO(text);
  CHECK(text ==
        "Deployment:   d-ABCDEFGHI\n"
        "Status:       Failed\n"
        "Application:  web\n"
        "Group:        prod\n"
        "Revision:     r-0001 (Store tgz sha256:aaaaaaaaaaaa)\n"
        "Config:       CodeDeployDefault.OneAtATime\n"
        "Creator:      user\n"
        "Created:      2026-11-25 20:33:00\n"
        "Started:      2026-11-25 20:33:00\n"
        "Completed:    2026-11-25 20:33:03 (2.9s)\n"
        "Hosts:        1 succeeded, 1 failed, 0 skipped, 0 in progress, 0 pending\n"
        "Error:        HEALTH_CONSTRAINTS: 1 of 2 instances failed\n"
        "\n"
        "Failed hosts:\n"
        "web-2  Failed\n"
        "  ApplicationStop   Succeeded  0.1s\n"
        "  AfterInstall      Failed     1.2s\n"
        + testing::FailedEventDiagnostics("      ") +
        "  ApplicationStart  Skipped\n");
}

TEST_CASE("deployment get of a deployment without failures lists no hosts", "[render]") {
  testing::UseUtc();
  std::ostringstream out;
  PrintDeploymentDetail(MakeDeployment("Succeeded", {MakeTarget("web-1", "Succeeded", {})}),
                        nlohmann::json::array(), out);
  CHECK_THAT(out.str(), Catch::EndsWith("Hosts:        1 succeeded, 0 failed, 0 skipped, "
                                        "0 in progress, 0 pending\n"));
}

TEST_CASE("an event that ended Unknown with an error code shows its diagnostics", "[render]") {
  nlohmann::json event = MakeEvent("Install", "Unknown", 0, 60000);
  event["diagnostics"]["errorCode"] = "AGENT_ISSUE";
  event["diagnostics"]["message"] = "host web-3 stopped polling";
  std::ostringstream out;
  PrintEventDiagnostics(event, "  ", out);
  CHECK(out.str() ==
        "  error:    AGENT_ISSUE\n"
        "  message:  host web-3 stopped polling\n");
}

TEST_CASE("a succeeded event prints no diagnostics", "[render]") {
  std::ostringstream out;
  PrintEventDiagnostics(MakeEvent("Install", "Succeeded", 0, 10), "  ", out);
  CHECK(out.str().empty());
}

nlohmann::json StoppedByAlarm() {
  nlohmann::json d = MakeDeployment(
      "Stopped", {MakeTarget("web-1", "Succeeded", {}), MakeTarget("web-2", "Skipped", {})});
  d["completeTime"] = testing::At(4000);
  d["errorInformation"] = {{"code", "ALARM_ACTIVE"}, {"message", "alarm \"cpu-high\" fired"}};
  d["rollbackInfo"] = {{"rollbackDeploymentId", "d-ROLLBACK1"},
                       {"rollbackMessage", "rolled back by d-ROLLBACK1 to revision r-0000"}};
  return d;
}

TEST_CASE("the summary of a rolled-back deployment names the rollback", "[render]") {
  std::ostringstream out;
  PrintDeploymentSummary(StoppedByAlarm(), out);
  CHECK(out.str() ==
        "Deployment d-ABCDEFGHI Stopped: 1 succeeded, 0 failed, 1 skipped (3.5s)\n"
        "  ALARM_ACTIVE: alarm \"cpu-high\" fired\n"
        "  Rolled back by d-ROLLBACK1 (berth deployment wait d-ROLLBACK1)\n");
}

TEST_CASE("the summary says why a deployment was not rolled back", "[render]") {
  nlohmann::json d = StoppedByAlarm();
  d["rollbackInfo"] = {{"rollbackMessage", "no rollback: the deployment changed no host"}};
  std::ostringstream out;
  PrintDeploymentSummary(d, out);
  CHECK_THAT(out.str(), Catch::EndsWith("\n  no rollback: the deployment changed no host\n"));
}

TEST_CASE("deployment get shows the rollback's id and message", "[render]") {
  testing::UseUtc();
  std::ostringstream out;
  PrintDeploymentDetail(StoppedByAlarm(), nlohmann::json::array(), out);
  CHECK_THAT(out.str(), Catch::Contains("Rolled back by:  d-ROLLBACK1\n"));
  CHECK_THAT(out.str(),
             Catch::Contains("Rollback:        rolled back by d-ROLLBACK1 to revision r-0000\n"));
}

TEST_CASE("renderers tolerate missing and mistyped fields", "[render]") {
  std::ostringstream out;
  nlohmann::json odd = {{"status", 7}, {"targets", "none"}, {"deploymentOverview", nullptr}};
  PrintDeploymentDetail(odd, "none", out);
  PrintDeploymentSummary(odd, out);
  CHECK_THAT(out.str(), Catch::Contains("0 succeeded, 0 failed, 0 skipped"));
}

}  // namespace
}  // namespace berth::cli
