#include "cli/progress_printer.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "cli/deployment_fixtures_for_test.h"
#include "cli/time_format.h"

namespace berth::cli {
namespace {

using testing::MakeDeployment;
using testing::MakeEvent;
using testing::MakeFailedEvent;
using testing::MakeTarget;

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

// A OneAtATime deployment over web-1 (fails in AfterInstall) and web-2 (skipped), seen
// through four polls.
std::vector<nlohmann::json> FailingSnapshots() {
  nlohmann::json stop_ok = MakeEvent("ApplicationStop", "Succeeded", 1000, 1100);
  nlohmann::json download_ok = MakeEvent("DownloadBundle", "Succeeded", 1100, 1600);
  return {
      MakeDeployment("Created", {}),
      MakeDeployment("InProgress",
                     {MakeTarget("web-1", "InProgress",
                                 {stop_ok, MakeEvent("DownloadBundle", "InProgress", 1100),
                                  MakeEvent("AfterInstall", "Pending")}),
                      MakeTarget("web-2", "Pending", {MakeEvent("ApplicationStop", "Pending")})}),
      MakeDeployment(
          "InProgress",
          {MakeTarget("web-1", "InProgress",
                      {stop_ok, download_ok, MakeEvent("AfterInstall", "InProgress", 1600)}),
           MakeTarget("web-2", "Pending", {MakeEvent("ApplicationStop", "Pending")})}),
      MakeDeployment("Failed",
                     {MakeTarget("web-1", "Failed",
                                 {stop_ok, download_ok, MakeFailedEvent("AfterInstall", 1600, 2800),
                                  MakeEvent("ApplicationStart", "Skipped")}),
                      MakeTarget("web-2", "Skipped", {MakeEvent("ApplicationStop", "Skipped")})}),
  };
}

TEST_CASE("progress prints each event once, in order, with a failure's diagnostics", "[progress]") {
  testing::UseUtc();
  FakeClock clock(*ParseIsoTime(testing::At(3000)));  // stamps web-2's skip, which has no time
  std::ostringstream out;
  ProgressPrinter printer(out, &clock);
  std::vector<nlohmann::json> snapshots = FailingSnapshots();
  for (const auto& snapshot : snapshots) printer.Update(snapshot);
  printer.Update(snapshots.back());  // a repeated poll prints nothing new
  nlohmann::json final_state = snapshots.back();
  final_state["completeTime"] = testing::At(2900);
  final_state["errorInformation"] = {{"code", "HEALTH_CONSTRAINTS"},
                                     {"message", "too few healthy instances"}};
  printer.PrintSummary(final_state);
  std::string text = out.str();
  INFO(text);

  CHECK(Count(text, "ApplicationStop") == 1);  // web-2's skipped one is not listed
  CHECK(Count(text, "DownloadBundle") == 1);
  CHECK(Count(text, "AfterInstall") == 1);
  CHECK(Count(text, "host InProgress") == 1);
  CHECK(text ==
        "20:33:00  deployment d-ABCDEFGHI Created\n"
        "20:33:00  deployment d-ABCDEFGHI InProgress\n"
        "20:33:01  web-1  host InProgress\n"
        "20:33:01  web-1  ApplicationStop   Succeeded  0.1s\n"
        "20:33:01  web-1  DownloadBundle    Succeeded  0.5s\n"
        "20:33:02  web-1  AfterInstall      Failed     1.2s\n"
        "            error:    ScriptFailed\n"
        "            script:   scripts/migrate.sh\n"
        "            message:  script scripts/migrate.sh exited with code 3\n"
        "            log tail:\n"
        "              | applying 0007_users.sql\n"
        "              | ERROR: relation \"users\" already exists\n"
        "20:33:02  web-1  ApplicationStart  Skipped\n"
        "20:33:02  web-1  host Failed\n"
        "20:33:03  web-2  host Skipped\n"
        "Deployment d-ABCDEFGHI Failed: 0 succeeded, 1 failed, 1 skipped (2.4s)\n"
        "  HEALTH_CONSTRAINTS: too few healthy instances\n");
}

TEST_CASE("events a single poll reveals together print in their order", "[progress]") {
  testing::UseUtc();
  FakeClock clock;
  std::ostringstream out;
  ProgressPrinter printer(out, &clock);
  printer.Update(MakeDeployment(
      "Succeeded", {MakeTarget("web-1", "Succeeded",
                               {MakeEvent("ApplicationStop", "Succeeded", 1000, 1100),
                                MakeEvent("Install", "Succeeded", 1100, 1300),
                                MakeEvent("ValidateService", "Succeeded", 1300, 3000)})}));
  std::string text = out.str();
  INFO(text);
  size_t stop = text.find("ApplicationStop");
  size_t install = text.find("Install ");
  size_t validate = text.find("ValidateService");
  size_t host_done = text.find("host Succeeded");
  REQUIRE(stop != std::string::npos);
  CHECK(stop < install);
  CHECK(install < validate);
  CHECK(validate < host_done);
  CHECK(text.find("deployment d-ABCDEFGHI Succeeded") == std::string::npos);
}

TEST_CASE("hosts running in parallel interleave by time", "[progress]") {
  testing::UseUtc();
  FakeClock clock;
  std::ostringstream out;
  ProgressPrinter printer(out, &clock);
  printer.Update(MakeDeployment(
      "InProgress",
      {MakeTarget("web-1", "InProgress", {MakeEvent("ApplicationStop", "Succeeded", 1000, 5000)}),
       MakeTarget("web-2", "InProgress",
                  {MakeEvent("ApplicationStop", "Succeeded", 1000, 2000)})}));
  std::string text = out.str();
  INFO(text);
  CHECK(text.find("web-2  ApplicationStop") < text.find("web-1  ApplicationStop"));
}

TEST_CASE("the summary of a success reports counts and duration", "[progress]") {
  testing::UseUtc();
  FakeClock clock;
  std::ostringstream out;
  ProgressPrinter printer(out, &clock);
  nlohmann::json d = MakeDeployment(
      "Succeeded", {MakeTarget("a", "Succeeded", {}), MakeTarget("b", "Succeeded", {}),
                    MakeTarget("c", "Succeeded", {})});
  d["completeTime"] = testing::At(12800);
  printer.PrintSummary(d);
  CHECK(out.str() ==
        "Deployment d-ABCDEFGHI Succeeded: 3 succeeded, 0 failed, 0 skipped (12.3s)\n");
}

}  // namespace
}  // namespace berth::cli
