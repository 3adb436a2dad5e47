// What hooks get besides the revision (host side), with real agents over TLS:
// deployment variables (--var, --var-file), secret variables masked in every log, HTTP
// health checks after ValidateService, and RESTART mode.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

// A local HTTP server: GET /ok answers 200, GET /bad 500, POST /hook records trigger
// bodies.
class LocalHttp {
 public:
  LocalHttp() : port_(testing::FreePort()) {
    server_.Get("/ok", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("fine", "text/plain");
    });
    server_.Get("/bad", [](const httplib::Request&, httplib::Response& res) {
      res.status = 500;
      res.set_content("broken", "text/plain");
    });
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      bodies_.push_back(req.body);
      res.set_content("{}", "application/json");
    });
    REQUIRE(server_.bind_to_port("127.0.0.1", port_));
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    REQUIRE(testing::WaitFor([&] { return server_.is_running(); }, 5000));
  }
  ~LocalHttp() {
    server_.stop();
    thread_.join();
  }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }

 private:
  int port_;
  httplib::Server server_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> bodies_;
};

// Every regular file under `dir` whose content contains `needle`.
std::vector<std::string> FilesContaining(const std::string& dir, const std::string& needle) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    if (testing::ReadTestFile(entry.path().string()).find(needle) != std::string::npos) {
      out.push_back(entry.path().string());
    }
  }
  return out;
}

// The lifecycle event names of the deployment's only target, in order.
std::vector<std::string> EventNames(Cluster& c, const std::string& id) {
  Json targets = c.Targets(id);
  REQUIRE(targets.size() == 1);
  std::vector<std::string> names;
  for (const Json& e : targets[0]["lifecycleEvents"]) names.push_back(e["lifecycleEventName"]);
  return names;
}

const Json& EventNamed(const Json& target, const std::string& name) {
  for (const Json& e : target["lifecycleEvents"]) {
    if (e["lifecycleEventName"] == name) return e;
  }
  FAIL("no event " << name << " in " << target.dump());
  static const Json none;
  return none;
}

// Runs `berth ARGS` with `input` on its stdin.
testing::CommandResult BerthWithStdin(Cluster& c, const std::string& input,
                                      const std::vector<std::string>& args) {
  std::string command = "printf '%s' '" + input + "' |";
  std::vector<std::string> argv = c.BerthCommand();
  argv.insert(argv.end(), {"--token", c.admin_token()});
  argv.insert(argv.end(), args.begin(), args.end());
  for (const std::string& a : argv) command += " '" + a + "'";
  return testing::RunCommand({"sh", "-c", command});
}

constexpr char kSecret[] = "s3cr3t-Pa55w0rd-xyz";

}  // namespace

TEST_CASE("variables reach the hooks and a secret is masked in every log and answer",
          "[integration][hooks]") {
  Cluster c;
  LocalHttp http;
  c.SetControllerArgs({"--trigger-allow-host", "127.0.0.1", "--trigger-retry-initial-ms", "100"});
  StartOneHost(c);
  REQUIRE(c.Berth({"group", "update", "shop", "prod", "--trigger", "hook=" + http.url("/hook")})
              .exit_code == 0);

  // Only admins manage secrets; the value comes from stdin and is never printed.
  auto set = BerthWithStdin(c, kSecret, {"secret", "set", "DB_PASS"});
  REQUIRE(set.exit_code == 0);
  CHECK(set.out == "Set secret DB_PASS\n");
  auto listed = c.Berth({"--output", "json", "secret", "list"});
  REQUIRE(listed.exit_code == 0);
  CHECK(Json::parse(listed.out)["secrets"][0]["name"] == "DB_PASS");
  CHECK(listed.out.find(kSecret) == std::string::npos);
  auto token = c.Berth({"--output", "json", "token", "create", "--role", "deployer"});
  REQUIRE(token.exit_code == 0);
  const std::string deployer = Json::parse(token.out)["token"];
  std::vector<std::string> as_deployer = c.BerthCommand();
  as_deployer.insert(as_deployer.end(), {"--token", deployer, "secret", "list"});
  auto refused = testing::RunCommand(as_deployer);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("needs the admin role") != std::string::npos);

  const std::string app = c.Sub("app");
  WriteHookApp(app, {{"AfterInstall",
                      "echo \"$BERTH_VAR_GREETING/$BERTH_VAR_FROM_FILE\" > "
                      "\"$BERTH_INSTALL_ROOT/vars.txt\"\n"
                      "echo \"$BERTH_VAR_DB_PASS\" > \"$BERTH_INSTALL_ROOT/secret.txt\"\n"
                      "echo \"the password is $BERTH_VAR_DB_PASS\"\n"
                      "echo \"stderr: $BERTH_VAR_DB_PASS\" >&2\n"}});
  const std::string rev = c.Push(app, "shop");
  testing::WriteTestFile(c.Sub("vars.env"), "# comment\n\nexport FROM_FILE=\"from file\"\n");

  // Bad input is refused with its place named, and creates nothing.
  testing::WriteTestFile(c.Sub("bad.env"), "GOOD=1\nnot a variable\n");
  auto bad_file =
      c.Berth({"deploy", "shop", "prod", "--revision", rev, "--var-file", c.Sub("bad.env")});
  CHECK(bad_file.exit_code == 2);
  CHECK(bad_file.err.find(c.Sub("bad.env") + ":2: \"not a variable\" is not KEY=VALUE") !=
        std::string::npos);
  auto bad_key = c.Berth({"deploy", "shop", "prod", "--revision", rev, "--var", "1X=2"});
  CHECK(bad_key.exit_code == 2);
  CHECK(bad_key.err.find("variable name \"1X\" is not a valid name") != std::string::npos);
  auto no_secret = c.Berth({"deploy", "shop", "prod", "--revision", rev, "--secret", "NOPE"});
  CHECK(no_secret.exit_code == 2);
  CHECK(no_secret.err.find("secret \"NOPE\" does not exist") != std::string::npos);
  CHECK(c.Api("GET", "/api/v1/deployments").body["deployments"].empty());

  std::vector<std::string> deploy = c.BerthCommand();
  deploy.insert(deploy.end(), {"--token", deployer, "--output", "json", "deploy", "shop", "prod",
                               "--revision", rev, "--var", "GREETING=hello world", "--var-file",
                               c.Sub("vars.env"), "--secret", "DB_PASS"});
  auto created = testing::RunCommand(deploy);
  REQUIRE(created.exit_code == 0);
  const std::string id = Json::parse(created.out)["deploymentId"];
  REQUIRE(c.WaitForDeployment(id)["status"] == "Succeeded");

  // The hooks got the values.
  CHECK(testing::ReadTestFile(c.InstallRoot(0) + "/vars.txt") == "hello world/from file\n");
  CHECK(testing::ReadTestFile(c.InstallRoot(0) + "/secret.txt") == std::string(kSecret) + "\n");

  // Nothing shows the secret's value: the logs the agent streamed, the host's scripts.log,
  // the answers of the API, the controller's log, the trigger bodies.
  auto logs = c.Berth({"deployment", "logs", id});
  REQUIRE(logs.exit_code == 0);
  CHECK(logs.out.find("the password is ***") != std::string::npos);
  CHECK(logs.out.find("stderr: ***") != std::string::npos);
  CHECK(logs.out.find(kSecret) == std::string::npos);
  std::vector<std::string> scripts_logs = FilesContaining(c.AgentRoot(0), "the password is ***");
  REQUIRE(scripts_logs.size() == 1);
  CHECK(scripts_logs[0].ends_with("/logs/scripts.log"));
  CHECK(FilesContaining(c.AgentRoot(0), kSecret).empty());
  auto got = c.Berth({"--output", "json", "deployment", "get", id});
  REQUIRE(got.exit_code == 0);
  CHECK(got.out.find(kSecret) == std::string::npos);
  Json shown = Json::parse(got.out);
  CHECK(shown["secretVariables"] == Json::array({"DB_PASS"}));
  CHECK(shown["variables"] == Json({{"FROM_FILE", "from file"}, {"GREETING", "hello world"}}));
  auto table = c.Berth({"deployment", "get", id});
  CHECK(table.out.find("FROM_FILE=from file GREETING=hello world") != std::string::npos);
  CHECK(table.out.find("DB_PASS") != std::string::npos);
  Json targets = c.Targets(id);
  CHECK(EventNamed(targets[0], "AfterInstall")["diagnostics"]["logTail"].get<std::string>().find(
            "the password is ***") != std::string::npos);
  CHECK(targets.dump().find(kSecret) == std::string::npos);
  REQUIRE(testing::WaitFor([&] { return http.bodies().size() >= 4; }, 10000));
  for (const std::string& body : http.bodies()) CHECK(body.find(kSecret) == std::string::npos);
  CHECK(c.Api("GET", "/api/v1/deployments/" + id + "/triggers").body.dump().find(kSecret) ==
        std::string::npos);
  CHECK(testing::ReadTestFile(c.Sub("controller.log")).find(kSecret) == std::string::npos);
  CHECK(testing::ReadTestFile(c.agent(0).log_path()).find(kSecret) == std::string::npos);

  // A deleted secret fails the hook event that would need it, saying why.
  const std::string second = c.Deploy("shop", "prod", rev, {"--secret", "DB_PASS"});
  REQUIRE(c.WaitForDeployment(second)["status"] == "Succeeded");
  REQUIRE(c.Berth({"secret", "delete", "DB_PASS"}).exit_code == 0);
  CHECK(c.Berth({"secret", "delete", "DB_PASS"}).err.find("secret \"DB_PASS\" does not exist") !=
        std::string::npos);
}

TEST_CASE("a health check fails a host whose URL answers 500 and passes one answering 200",
          "[integration][hooks]") {
  Cluster c;
  LocalHttp http;
  StartOneHost(c);
  const std::string app = c.Sub("app");
  WriteHookApp(app, {{"ValidateService", "exit 0\n"}});
  const std::string rev = c.Push(app, "shop");

  auto bad_flags = c.Berth({"group", "update", "shop", "prod", "--health-timeout", "2s"});
  CHECK(bad_flags.exit_code == 2);
  CHECK(bad_flags.err.find("need --health-check URL") != std::string::npos);
  auto bad_url = c.Berth({"group", "update", "shop", "prod", "--health-check", "ftp://x"});
  CHECK(bad_url.exit_code == 2);
  CHECK(bad_url.err.find("must start with http:// or https://") != std::string::npos);

  auto updated =
      c.Berth({"--output", "json", "group", "update", "shop", "prod", "--health-check",
               http.url("/bad"), "--health-timeout", "2s", "--health-interval", "200ms"});
  REQUIRE(updated.exit_code == 0);
  CHECK(Json::parse(updated.out)["healthCheck"] ==
        Json({{"url", http.url("/bad")}, {"timeoutMs", 2000}, {"intervalMs", 200}}));
  const std::string failing = c.Deploy("shop", "prod", rev);
  REQUIRE(c.WaitForDeployment(failing)["status"] == "Failed");
  CHECK(EventNames(c, failing) == std::vector<std::string>{"ApplicationStop", "DownloadBundle",
                                                           "BeforeInstall", "Install",
                                                           "AfterInstall", "ApplicationStart",
                                                           "ValidateService", "HealthCheck"});
  Json target = c.Targets(failing)[0];
  CHECK(target["status"] == "Failed");
  CHECK(EventNamed(target, "ValidateService")["status"] == "Succeeded");
  const Json& check = EventNamed(target, "HealthCheck");
  CHECK(check["status"] == "Failed");
  CHECK(check["diagnostics"]["errorCode"] == "HealthCheckFailed");
  const std::string message = check["diagnostics"]["message"];
  CHECK(message.find("health check " + http.url("/bad") + " did not answer 2xx within 2s") !=
        std::string::npos);
  CHECK(message.find("last answer: HTTP 500") != std::string::npos);

  // A connection error is named too (a deployment's own check beats the group's).
  const std::string closed = "http://127.0.0.1:" + std::to_string(testing::FreePort()) + "/";
  const std::string refused =
      c.Deploy("shop", "prod", rev,
               {"--health-check", closed, "--health-timeout", "1s", "--health-interval", "200ms"});
  REQUIRE(c.WaitForDeployment(refused)["status"] == "Failed");
  const std::string refusal =
      EventNamed(c.Targets(refused)[0], "HealthCheck")["diagnostics"]["message"];
  CHECK(refusal.find("health check " + closed + " did not answer 2xx within 1s") !=
        std::string::npos);
  CHECK(refusal.find("last answer: HTTP") == std::string::npos);

  REQUIRE(
      c.Berth({"group", "update", "shop", "prod", "--health-check", http.url("/ok")}).exit_code ==
      0);
  const std::string passing = c.Deploy("shop", "prod", rev);
  REQUIRE(c.WaitForDeployment(passing)["status"] == "Succeeded");
  const Json passing_targets = c.Targets(passing);
  const Json& passed = EventNamed(passing_targets[0], "HealthCheck");
  CHECK(passed["status"] == "Succeeded");
  CHECK(passed["diagnostics"]["message"] == http.url("/ok") + " answered 200 after 1 try");

  REQUIRE(c.Berth({"group", "update", "shop", "prod", "--health-check", "none"}).exit_code == 0);
  const std::string without = c.Deploy("shop", "prod", rev);
  REQUIRE(c.WaitForDeployment(without)["status"] == "Succeeded");
  CHECK(EventNames(c, without).back() == "ValidateService");
}

TEST_CASE("RESTART mode runs only ApplicationStop, ApplicationStart and ValidateService again",
          "[integration][hooks]") {
  Cluster c;
  StartOneHost(c);
  auto nothing = c.Berth({"deploy", "shop", "prod", "--restart"});
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err.find("deployment group \"prod\" has no successful deployment to restart") !=
        std::string::npos);

  const std::string app = c.Sub("app");
  std::vector<std::pair<std::string, std::string>> hooks;
  for (const char* event : {"ApplicationStop", "BeforeInstall", "AfterInstall", "ApplicationStart",
                            "ValidateService"}) {
    hooks.push_back(
        {event, std::string("echo ") + event + " >> \"$BERTH_INSTALL_ROOT/markers\"\n"});
  }
  WriteHookApp(app, hooks);
  const std::string rev = c.Push(app, "shop");
  const std::string first = c.Deploy("shop", "prod", rev);
  REQUIRE(c.WaitForDeployment(first)["status"] == "Succeeded");
  const std::string markers = c.InstallRoot(0) + "/markers";
  CHECK(testing::ReadTestFile(markers) ==
        "BeforeInstall\nAfterInstall\nApplicationStart\nValidateService\n");

  auto with_revision = c.Berth({"deploy", "shop", "prod", "--restart", "--revision", rev});
  CHECK(with_revision.exit_code == 2);
  CHECK(with_revision.err.find("--restart takes no revision") != std::string::npos);

  const std::vector<std::string> restart_events = {"ApplicationStop", "ApplicationStart",
                                                   "ValidateService"};
  for (int round = 0; round < 2; ++round) {
    std::filesystem::remove(markers);
    auto restarted = c.Berth({"--output", "json", "deploy", "shop", "prod", "--restart", "--wait"});
    REQUIRE(restarted.exit_code == 0);
    Json d = Json::parse(restarted.out);
    CHECK(d["status"] == "Succeeded");
    CHECK(d["deploymentMode"] == "RESTART");
    CHECK(d["revisionId"] == rev);
    CHECK(EventNames(c, d["deploymentId"]) == restart_events);
    CHECK(testing::ReadTestFile(markers) == "ApplicationStop\nApplicationStart\nValidateService\n");
    // Second round: the host lost every archive; the restart downloads the revision.
    if (round == 1) break;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(c.AgentRoot(0))) {
      if (entry.path().filename() == "deployment-archive") {
        std::filesystem::remove_all(entry.path());
        break;
      }
    }
  }
  // The second restart fetched the revision again, into its own directory.
  int archives = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(c.AgentRoot(0))) {
    archives += entry.path().filename() == "deployment-archive";
  }
  CHECK(archives == 1);

  // A host that never had a successful revision of the group fails, saying so.
  REQUIRE(
      c.Berth({"group", "update", "shop", "prod", "--outdated-instances", "IGNORE"}).exit_code ==
      0);
  c.StartAgent("app-2", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(2));
  auto mixed = c.Berth({"--output", "json", "deploy", "shop", "prod", "--restart", "--config",
                        "AllAtOnce", "--wait"});
  REQUIRE(mixed.exit_code <= 1);
  Json targets = c.Targets(Json::parse(mixed.out)["deploymentId"]);
  REQUIRE(targets.size() == 2);
  for (const Json& t : targets) {
    if (t["instanceName"] == "app-1") {
      CHECK(t["status"] == "Succeeded");
    } else {
      CHECK(t["status"] == "Failed");
      CHECK(EventNamed(t, "ApplicationStop")["diagnostics"]["message"] ==
            "nothing to restart: no revision of deployment group \"prod\" was ever installed "
            "successfully on this host; deploy one first");
    }
  }
}

}  // namespace berth::itest
