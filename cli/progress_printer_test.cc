#include "cli/progress_printer.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "cli/deployment_fixtures_for_test.h"
#include "cli/json_fields.h"
#include "cli/progress_bar.h"
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

// What the waiter hands the printer on one look: the deployment and the targets that
// changed since the previous look (here, as a superset, every target).
struct Look {
  nlohmann::json deployment;
  nlohmann::json targets;
};

Look MakeLook(const std::string& status, const std::vector<nlohmann::json>& targets) {
  return {MakeDeployment(status, targets), nlohmann::json(targets)};
}

// A OneAtATime deployment over web-1 (fails in AfterInstall) and web-2 (skipped), seen
// through four polls.
std::vector<Look> FailingSnapshots() {
  nlohmann::json stop_ok = MakeEvent("ApplicationStop", "Succeeded", 1000, 1100);
  nlohmann::json download_ok = MakeEvent("DownloadBundle", "Succeeded", 1100, 1600);
  return {
      MakeLook("Created", {}),
      MakeLook("InProgress",
               {MakeTarget("web-1", "InProgress",
                           {stop_ok, MakeEvent("DownloadBundle", "InProgress", 1100),
                            MakeEvent("AfterInstall", "Pending")}),
                MakeTarget("web-2", "Pending", {MakeEvent("ApplicationStop", "Pending")})}),
      MakeLook("InProgress",
               {MakeTarget("web-1", "InProgress",
                           {stop_ok, download_ok, MakeEvent("AfterInstall", "InProgress", 1600)}),
                MakeTarget("web-2", "Pending", {MakeEvent("ApplicationStop", "Pending")})}),
      MakeLook("Failed",
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
  std::vector<Look> looks = FailingSnapshots();
  for (const Look& look : looks) printer.Update(look.deployment, look.targets);
  printer.Update(looks.back().deployment, looks.back().targets);  // nothing new to print
  nlohmann::json final_state = looks.back().deployment;
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
        + testing::FailedEventDiagnostics("            ") +
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
  Look look = MakeLook("Succeeded", {MakeTarget("web-1", "Succeeded",
                                                {MakeEvent("ApplicationStop", "Succeeded", 1000, 1100),
                                                 MakeEvent("Install", "Succeeded", 1100, 1300),
                                                 MakeEvent("ValidateService", "Succeeded", 1300,
                                                           3000)})});
  printer.Update(look.deployment, look.targets);
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
  Look look = MakeLook(
      "InProgress",
      {MakeTarget("web-1", "InProgress", {MakeEvent("ApplicationStop", "Succeeded", 1000, 5000)}),
       MakeTarget("web-2", "InProgress",
                  {MakeEvent("ApplicationStop", "Succeeded", 1000, 2000)})});
  printer.Update(look.deployment, look.targets);
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

TEST_CASE("only the changed targets of a look are printed, and each change once", "[progress]") {
  testing::UseUtc();
  FakeClock clock;
  std::ostringstream out;
  ProgressPrinter printer(out, &clock);
  std::vector<nlohmann::json> both = {
      MakeTarget("web-1", "InProgress", {MakeEvent("ApplicationStop", "Succeeded", 1000, 1100)}),
      MakeTarget("web-2", "Pending", {MakeEvent("ApplicationStop", "Pending")})};
  printer.Update(MakeDeployment("InProgress", both), nlohmann::json(both));
  // The next look: only web-2 changed.
  nlohmann::json web2 =
      MakeTarget("web-2", "InProgress", {MakeEvent("ApplicationStop", "Succeeded", 2000, 2500)});
  printer.Update(MakeDeployment("InProgress", {both[0], web2}), nlohmann::json::array({web2}));
  std::string text = out.str();
  INFO(text);
  CHECK(Count(text, "web-1  ApplicationStop") == 1);
  CHECK(Count(text, "web-2  ApplicationStop") == 1);
  CHECK(Count(text, "web-2  host InProgress") == 1);
}

// A deployment of `n` hosts web-0.., the first `failed` of them Failed in AfterInstall,
// the rest Succeeded.
nlohmann::json LargeDeployment(const std::string& status, int n, int failed, int done) {
  std::vector<nlohmann::json> targets;
  for (int i = 0; i < n; ++i) {
    const char* host_status = i < failed ? "Failed" : i < done ? "Succeeded" : "Pending";
    targets.push_back(MakeTarget("web-" + std::to_string(i), host_status, {}));
  }
  return MakeDeployment(status, targets);
}

TEST_CASE("a deployment larger than a screen gets a progress bar and its failures", "[progress]") {
  testing::UseUtc();
  FakeClock clock(*ParseIsoTime(testing::At(1000)));
  std::ostringstream out;
  ProgressPrinter printer(out, &clock, {.max_host_lines = 40, .bar_interval_ms = 5000});
  nlohmann::json started = LargeDeployment("InProgress", 100, 0, 0);
  CHECK(printer.ChangeFilter(started) == "Failed");  // only failures are wanted
  printer.Update(started, nlohmann::json::array());
  nlohmann::json failure = MakeTarget("web-7", "Failed",
                                      {MakeEvent("ApplicationStop", "Succeeded", 1000, 1100),
                                       MakeFailedEvent("AfterInstall", 1100, 2300),
                                       MakeEvent("ApplicationStart", "Skipped")});
  clock.AdvanceMs(1000);  // within the bar interval: no new bar line
  printer.Update(LargeDeployment("InProgress", 100, 1, 50), nlohmann::json::array({failure}));
  printer.Update(LargeDeployment("InProgress", 100, 1, 50), nlohmann::json::array({failure}));
  clock.AdvanceMs(5000);
  printer.Update(LargeDeployment("InProgress", 100, 1, 60), nlohmann::json::array());
  nlohmann::json done = LargeDeployment("Failed", 100, 1, 100);
  done["completeTime"] = testing::At(9000);
  printer.Update(done, nlohmann::json::array());
  printer.PrintSummary(done);
  std::string text = out.str();
  INFO(text);
  CHECK(text ==
        "20:33:00  deployment d-ABCDEFGHI InProgress\n"
        "20:33:01  [....................]   0%  0/100 hosts done: 0 succeeded, 0 failed, "
        "0 skipped; 0 in progress, 100 pending\n"
        "20:33:02  web-7  AfterInstall      Failed     1.2s\n"
        + testing::FailedEventDiagnostics("            ") +
        "20:33:07  [############........]  60%  60/100 hosts done: 59 succeeded, 1 failed, "
        "0 skipped; 0 in progress, 40 pending\n"
        "20:33:07  [####################] 100%  100/100 hosts done: 99 succeeded, 1 failed, "
        "0 skipped; 0 in progress, 0 pending\n"
        "Deployment d-ABCDEFGHI Failed: 99 succeeded, 1 failed, 0 skipped (8.5s)\n");
}

TEST_CASE("on a terminal the progress bar is redrawn in place", "[progress]") {
  testing::UseUtc();
  FakeClock clock;
  std::ostringstream out, terminal;
  ProgressPrinter printer(out, &clock, {.max_host_lines = 10, .terminal = &terminal});
  printer.Update(LargeDeployment("InProgress", 20, 0, 10), nlohmann::json::array());
  printer.Update(LargeDeployment("InProgress", 20, 0, 20), nlohmann::json::array());
  std::string bar10 = RenderProgressBar(
      JsonObject(LargeDeployment("InProgress", 20, 0, 10), "deploymentOverview"));
  std::string bar20 = RenderProgressBar(
      JsonObject(LargeDeployment("InProgress", 20, 0, 20), "deploymentOverview"));
  CHECK(terminal.str() == bar10 + "\r" + std::string(bar10.size(), ' ') + "\r" + bar20);
  CHECK(out.str().find("hosts done") == std::string::npos);  // the bar is not in the log
}

TEST_CASE("a deployment that fits the screen is followed host by host", "[progress]") {
  FakeClock clock;
  std::ostringstream out;
  ProgressPrinter printer(out, &clock, {.max_host_lines = 40});
  CHECK(printer.ChangeFilter(LargeDeployment("InProgress", 40, 0, 0)).empty());
  // Once chosen, the mode stays.
  CHECK(printer.ChangeFilter(LargeDeployment("InProgress", 400, 0, 0)).empty());
}

}  // namespace
}  // namespace berth::cli
