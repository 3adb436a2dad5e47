#include "cli/run.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/deployment_fixtures_for_test.h"
#include "cli/test_server_for_test.h"
#include "common/archive/archive.h"
#include "common/testing/temp_dir.h"

namespace berth::cli {
namespace {

struct CliResult {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `berth --insecure --controller <server> --token t0k <args...>` without sleeping between polls.
CliResult RunCli(const testing::TestServer& server, std::vector<std::string> args) {
  args.insert(args.begin(), {"berth", "--insecure", "--controller", server.url(), "--token", "t0k"});
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  RunOptions options;
  options.out = &out;
  options.err = &err;
  options.sleep_ms = [](int64_t) {};
  int code = Run(static_cast<int>(argv.size()), argv.data(), options);
  return {code, out.str(), err.str()};
}

void Reply(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

TEST_CASE("an API error prints 'berth: CODE: message' and exits 2", "[run]") {
  testing::TestServer server;
  server.server().Get(
      "/api/v1/applications/web", [](const httplib::Request&, httplib::Response& res) {
        Reply(res, 404, {{"code", "NOT_FOUND"}, {"message", "application \"web\" does not exist"}});
      });
  server.Start();
  CliResult r = RunCli(server, {"app", "get", "web"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "berth: NOT_FOUND: application \"web\" does not exist\n");
}

TEST_CASE("control characters from the server never reach the terminal", "[run]") {
  testing::TestServer server;
  server.server().Get(
      "/api/v1/applications/web", [](const httplib::Request&, httplib::Response& res) {
        Reply(res, 404,
              {{"code", "NOT_FOUND"},
               {"message", "no \x1b]0;pwned\x07" "app\r\x1b[2J \xc2\x9b" "31m\xc2\xa0" "caf\xc3\xa9\tok"}});
      });
  server.Start();
  CliResult r = RunCli(server, {"app", "get", "web"});
  CHECK(r.exit_code == 2);
  // ESC, BEL, CR and the C1 CSI are gone; a no-break space, an accent and a tab stay.
  CHECK(r.err == "berth: NOT_FOUND: no ]0;pwnedapp[2J 31m\xc2\xa0" "caf\xc3\xa9\tok\n");
}

TEST_CASE("usage errors exit 2", "[run]") {
  testing::TestServer server;
  server.Start();
  CHECK(RunCli(server, {"deploy", "web"}).exit_code == 2);
  CHECK(RunCli(server, {"app", "frobnicate"}).exit_code == 2);
  CHECK(RunCli(server, {"--output", "xml", "app", "list"}).exit_code == 2);
  CliResult bad_tag = RunCli(server, {"group", "create", "web", "prod", "--tag", "="});
  CHECK(bad_tag.exit_code == 2);
  CHECK_THAT(bad_tag.err, Catch::StartsWith("berth: INVALID_ARGUMENT: --tag \"=\""));
  CHECK(RunCli(server, {"--help"}).exit_code == 0);
}

TEST_CASE("BERTH_CONTROLLER and BERTH_TOKEN stand in for the flags", "[run]") {
  testing::TestServer server;
  std::mutex mu;
  std::string authorization;
  server.server().Get("/api/v1/instances",
                      [&](const httplib::Request& req, httplib::Response& res) {
                        std::lock_guard<std::mutex> lock(mu);
                        authorization = req.get_header_value("Authorization");
                        Reply(res, 200, {{"instanceInfos", nlohmann::json::array()}});
                      });
  server.Start();
  setenv("BERTH_CONTROLLER", server.url().c_str(), 1);
  setenv("BERTH_TOKEN", "from-env", 1);
  const char* argv[] = {"berth", "--insecure", "instance", "list", "--output", "json"};
  std::ostringstream out, err;
  RunOptions options;
  options.out = &out;
  options.err = &err;
  int code = Run(6, argv, options);
  unsetenv("BERTH_CONTROLLER");
  unsetenv("BERTH_TOKEN");
  INFO(err.str());
  CHECK(code == 0);
  CHECK(nlohmann::json::parse(out.str()) ==
        nlohmann::json{{"instanceInfos", nlohmann::json::array()}});
  std::lock_guard<std::mutex> lock(mu);
  CHECK(authorization == "Bearer from-env");
}

TEST_CASE("Output json prints exactly the created object", "[run]") {
  testing::TestServer server;
  std::mutex mu;
  nlohmann::json body;
  std::string authorization;
  server.server().Post("/api/v1/applications/web/deployment-groups",
                       [&](const httplib::Request& req, httplib::Response& res) {
                         std::lock_guard<std::mutex> lock(mu);
                         body = nlohmann::json::parse(req.body);
                         authorization = req.get_header_value("Authorization");
                         nlohmann::json group = body;
                         group["deploymentGroupId"] = "g-1";
                         Reply(res, 201, group);
                       });
  server.Start();
  CliResult r = RunCli(server, {"group", "create", "web", "prod", "--tag", "env=prod", "--tag",
                                "canary", "--config", "AllAtOnce", "-o", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  nlohmann::json printed = nlohmann::json::parse(r.out);
  CHECK(printed["deploymentGroupId"] == "g-1");
  std::lock_guard<std::mutex> lock(mu);
  CHECK(authorization == "Bearer t0k");
  CHECK(body["deploymentGroupName"] == "prod");
  CHECK(body["deploymentConfigName"] == "AllAtOnce");
  CHECK(body["onPremisesInstanceTagFilters"] == nlohmann::json::parse(R"([
      {"Key": "env", "Value": "prod", "Type": "KEY_AND_VALUE"},
      {"Key": "canary", "Value": "", "Type": "KEY_ONLY"}])"));
}

// One state of a served deployment: its JSON and its targets.
struct Snapshot {
  nlohmann::json deployment;
  std::vector<nlohmann::json> targets;
};

Snapshot MakeSnapshot(const std::string& status, std::vector<nlohmann::json> targets) {
  return {testing::MakeDeployment(status, targets), std::move(targets)};
}

// Serves POST /deployments, then `snapshots` one GET of the deployment at a time (the last
// repeats); GET .../targets?changedSince= answers with every target of the snapshot last
// served, and the number of deployment GETs so far as the changeCursor. Records each
// changedSince asked for in *asked.
void ServeDeployment(testing::TestServer& server, std::vector<Snapshot> snapshots,
                     nlohmann::json* create_body, std::vector<std::string>* asked,
                     std::mutex* mu) {
  auto polls = std::make_shared<size_t>(0);
  server.server().Post("/api/v1/deployments",
                       [=](const httplib::Request& req, httplib::Response& res) {
                         std::lock_guard<std::mutex> lock(*mu);
                         *create_body = nlohmann::json::parse(req.body);
                         Reply(res, 201, {{"deploymentId", "d-ABCDEFGHI"}});
                       });
  server.server().Get("/api/v1/deployments/d-ABCDEFGHI",
                      [=](const httplib::Request&, httplib::Response& res) {
                        std::lock_guard<std::mutex> lock(*mu);
                        Reply(res, 200,
                              snapshots[std::min(*polls, snapshots.size() - 1)].deployment);
                        ++*polls;
                      });
  server.server().Get("/api/v1/deployments/d-ABCDEFGHI/targets",
                      [=](const httplib::Request& req, httplib::Response& res) {
                        std::lock_guard<std::mutex> lock(*mu);
                        asked->push_back(req.get_param_value("changedSince"));
                        const Snapshot& now =
                            snapshots[std::min(*polls, snapshots.size()) - 1];
                        Reply(res, 200,
                              {{"targets", now.targets}, {"changeCursor", std::to_string(*polls)}});
                      });
}

std::vector<Snapshot> FailedRun() {
  Snapshot failed = MakeSnapshot(
      "Failed", {testing::MakeTarget("web-1", "Failed",
                                     {testing::MakeEvent("ApplicationStop", "Succeeded", 1000, 1100),
                                      testing::MakeFailedEvent("AfterInstall", 1100, 2000)})});
  failed.deployment["completeTime"] = testing::At(2100);
  failed.deployment["errorInformation"] = {{"code", "HEALTH_CONSTRAINTS"},
                                           {"message", "1 host failed"}};
  return {MakeSnapshot("InProgress",
                       {testing::MakeTarget(
                           "web-1", "InProgress",
                           {testing::MakeEvent("ApplicationStop", "InProgress", 1000)})}),
          failed};
}

TEST_CASE("deploy --wait follows the deployment and exits 1 when it fails", "[run]") {
  testing::UseUtc();
  testing::TestServer server;
  std::mutex mu;
  nlohmann::json create_body;
  std::vector<std::string> asked;
  ServeDeployment(server, FailedRun(), &create_body, &asked, &mu);
  server.Start();
  CliResult r = RunCli(server, {"deploy", "web", "prod", "--revision", "r-0001",
                                "--file-exists-behavior", "OVERWRITE", "--wait"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::StartsWith("Created deployment d-ABCDEFGHI of web/prod"));
  CHECK_THAT(r.out, Catch::Contains("web-1  AfterInstall      Failed     0.9s\n"
                                    "            error:    ScriptFailed\n"));
  CHECK_THAT(r.out, Catch::Contains("ERROR: relation \"users\" already exists"));
  CHECK_THAT(r.out, Catch::EndsWith(
                        "Deployment d-ABCDEFGHI Failed: 0 succeeded, 1 failed, 0 skipped (1.6s)\n"
                        "  HEALTH_CONSTRAINTS: 1 host failed\n"));
  std::lock_guard<std::mutex> lock(mu);
  // Each look asks only for the changes since the cursor the previous one got.
  CHECK(asked == std::vector<std::string>{"0", "1"});
  CHECK(create_body == nlohmann::json{{"applicationName", "web"},
                                      {"deploymentGroupName", "prod"},
                                      {"revisionId", "r-0001"},
                                      {"fileExistsBehavior", "OVERWRITE"}});
}

TEST_CASE("deployment wait with --output json prints only the final object", "[run]") {
  testing::TestServer server;
  std::mutex mu;
  nlohmann::json unused;
  std::vector<std::string> asked;
  Snapshot done = MakeSnapshot("Succeeded", {testing::MakeTarget("web-1", "Succeeded", {})});
  ServeDeployment(server, {MakeSnapshot("InProgress", {}), done}, &unused, &asked, &mu);
  server.Start();
  CliResult r = RunCli(server, {"-o", "json", "deployment", "wait", "d-ABCDEFGHI"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out) == done.deployment);
  std::lock_guard<std::mutex> lock(mu);
  CHECK(asked.empty());  // JSON output needs no targets
}

TEST_CASE("waiting on a deployment larger than a screen prints a bar and failures", "[run]") {
  testing::UseUtc();
  testing::TestServer server;
  std::mutex mu;
  nlohmann::json unused;
  std::vector<std::string> asked;
  std::vector<nlohmann::json> hosts;
  for (int i = 0; i < 200; ++i) {
    hosts.push_back(testing::MakeTarget("web-" + std::to_string(i), "Succeeded", {}));
  }
  hosts[3] = testing::MakeTarget("web-3", "Failed",
                                 {testing::MakeFailedEvent("AfterInstall", 1100, 2000)});
  Snapshot done = MakeSnapshot("Failed", hosts);
  done.targets = {hosts[3]};  // the server is asked only for failures
  ServeDeployment(server, {done}, &unused, &asked, &mu);
  server.Start();
  CliResult r = RunCli(server, {"deployment", "wait", "d-ABCDEFGHI"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("web-3  AfterInstall      Failed     0.9s\n"));
  CHECK_THAT(r.out, Catch::Contains("200/200 hosts done: 199 succeeded, 1 failed"));
  CHECK(r.out.find("web-4") == std::string::npos);
  CHECK_THAT(r.out, Catch::Contains("Deployment d-ABCDEFGHI Failed: 199 succeeded, 1 failed"));
  std::lock_guard<std::mutex> lock(mu);
  CHECK(asked == std::vector<std::string>{"0"});
}

TEST_CASE("list commands follow nextToken to the last page", "[run]") {
  testing::TestServer server;
  std::mutex mu;
  std::vector<std::string> tokens;
  server.server().Get("/api/v1/applications", [&](const httplib::Request& req,
                                                  httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    tokens.push_back(req.get_param_value("nextToken"));
    nlohmann::json app = {{"applicationName", "app-" + std::to_string(tokens.size())},
                          {"applicationId", "id"}};
    nlohmann::json page = {{"applications", {app}}};
    if (tokens.size() < 3) page["nextToken"] = app["applicationName"];
    Reply(res, 200, page);
  });
  server.Start();
  CliResult r = RunCli(server, {"-o", "json", "app", "list"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  nlohmann::json printed = nlohmann::json::parse(r.out);
  CHECK(printed == nlohmann::json::parse(R"({"applications": [
      {"applicationName": "app-1", "applicationId": "id"},
      {"applicationName": "app-2", "applicationId": "id"},
      {"applicationName": "app-3", "applicationId": "id"}]})"));
  std::lock_guard<std::mutex> lock(mu);
  CHECK(tokens == std::vector<std::string>{"", "app-1", "app-2"});
}

TEST_CASE("push checks the appspec, uploads the packed directory and registers it", "[run]") {
  berth::testing::TempDir dir;
  berth::testing::WriteTestFile(dir.Sub("site/appspec.yml"), "version: 0.0\nos: linux\n");
  berth::testing::WriteTestFile(dir.Sub("site/index.html"), "<h1>hello</h1>\n");

  testing::TestServer server;
  std::mutex mu;
  std::string blob;
  nlohmann::json revision_body;
  server.server().Get("/api/v1/applications/web/deployment-groups", [](const httplib::Request&,
                                                                       httplib::Response& res) {
    Reply(res, 200, {{"deploymentGroups", {{{"deploymentGroupName", "prod"}}}}});
  });
  server.server().Post("/api/v1/blobs", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    blob = req.body;
    Reply(res, 201, {{"sha256", std::string(64, 'b')}, {"size", blob.size()}});
  });
  server.server().Post("/api/v1/applications/web/revisions",
                       [&](const httplib::Request& req, httplib::Response& res) {
                         std::lock_guard<std::mutex> lock(mu);
                         revision_body = nlohmann::json::parse(req.body);
                         nlohmann::json revision = revision_body;
                         revision["revisionId"] = "r-0042";
                         Reply(res, 201, revision);
                       });
  server.Start();

  CliResult r = RunCli(server, {"push", dir.Sub("site"), "--app", "web", "--description", "v2"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("  berth deploy web prod --revision r-0042\n"));
  std::lock_guard<std::mutex> lock(mu);
  CHECK(revision_body ==
        nlohmann::json::parse(R"({"description": "v2", "revision":
      {"revisionType": "Store", "storeLocation": {"sha256": ")" +
                              std::string(64, 'b') + R"(", "bundleType": "tgz"}}})"));
  // What arrived is the directory, packed.
  berth::testing::WriteTestFile(dir.Sub("uploaded.tgz"), blob);
  REQUIRE(archive::Unpack(dir.Sub("uploaded.tgz"), model::BundleType::kTgz, dir.Sub("out")).ok());
  CHECK(berth::testing::ReadTestFile(dir.Sub("out/index.html")) == "<h1>hello</h1>\n");
}

TEST_CASE("push refuses a directory without a valid appspec before uploading", "[run]") {
  berth::testing::TempDir dir;
  berth::testing::WriteTestFile(dir.Sub("site/index.html"), "x");
  berth::testing::WriteTestFile(dir.Sub("bad/appspec.yml"), "version: 0.0\nos: windows\n");
  testing::TestServer server;
  std::atomic<bool> contacted{false};
  server.server().set_pre_routing_handler([&](const httplib::Request&, httplib::Response&) {
    contacted = true;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.Start();

  CliResult missing = RunCli(server, {"push", dir.Sub("site"), "--app", "web"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::StartsWith("berth: NOT_FOUND: push " + dir.Sub("site")));
  CHECK_THAT(missing.err, Catch::Contains("appspec.yml"));

  CliResult invalid = RunCli(server, {"push", dir.Sub("bad"), "--app", "web"});
  CHECK(invalid.exit_code == 2);
  CHECK_THAT(invalid.err, Catch::Contains("appspec.yml:2:5: os: unsupported operating system"));
  CHECK_FALSE(contacted);
}

}  // namespace
}  // namespace berth::cli
