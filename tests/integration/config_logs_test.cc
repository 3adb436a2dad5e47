// The daemons' config files (`--config`, `config check`), JSON logs and `berth-agent
// status`, with real processes (docs/operations.md "Config file", "Logs", "Agent status").
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;
using testing::RunCommand;
using testing::WriteTestFile;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Sample(const std::string& name) {
  return std::string(BERTH_SOURCE_DIR) + "/packaging/config/" + name;
}

TEST_CASE("config check reports three errors in one file at once, each with line and column",
          "[integration][config]") {
  testing::TempDir dir;
  const std::string agent_file = dir.Sub("agent.yaml");
  WriteTestFile(agent_file,
                "controller: ctl:8443\n"
                "poll_seconds: often\n"
                "tags:\n"
                "  env: prod\n"
                "colour: blue\n"
                "insecure: maybe\n");
  auto agent = RunCommand({BinPath("berth-agent"), "config", "check", agent_file});
  CHECK(agent.exit_code == 1);
  CHECK(Lines(agent.out) ==
        std::vector<std::string>{
            agent_file + ":2:15: poll_seconds: must be an integer, not \"often\"",
            agent_file + ":5:1: unknown key \"colour\"",
            agent_file + ":6:11: insecure: must be true or false, not \"maybe\""});

  const std::string controller_file = dir.Sub("controller.yaml");
  WriteTestFile(controller_file,
                "datadir: /var/lib/berth\n"
                "client_cert_lifetime: 30 days\n"
                "tls_san: [a, [b]]\n");
  auto controller = RunCommand({BinPath("berth-controller"), "config", "check", controller_file});
  CHECK(controller.exit_code == 1);
  std::vector<std::string> lines = Lines(controller.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == controller_file + ":1:1: unknown key \"datadir\" (did you mean data_dir?)");
  CHECK(lines[1] == controller_file +
                        ":2:23: client_cert_lifetime: \"30 days\" has an unknown unit (use ms, "
                        "s, m, h or d)");
  CHECK(lines[2] ==
        controller_file + ":3:14: tls_san: each item must be a single value, not a list");

  // Started with the bad file, the daemon says the same on stderr and starts nothing.
  auto started = RunCommand({BinPath("berth-agent"), "--config", agent_file}, {}, 10000);
  CHECK(started.exit_code == 2);
  CHECK(started.err.find(agent_file + ":5:1: unknown key \"colour\"") != std::string::npos);
  CHECK(started.err.find("has 3 problem(s); nothing was started") != std::string::npos);
}

TEST_CASE("The packaged sample configs pass config check and name every flag",
          "[integration][config]") {
  for (const auto& [binary, sample] :
       {std::pair{"berth-controller", "controller.yaml"}, std::pair{"berth-agent", "agent.yaml"}}) {
    auto check = RunCommand({BinPath(binary), "config", "check", Sample(sample)});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out == Sample(sample) + ": OK\n");
    // Every flag of --help is in the sample, set or commented out.
    auto help = RunCommand({BinPath(binary), "--help"});
    const std::string text = ReadTestFile(Sample(sample));
    // An option's line starts with its names: "  --tag,--tags TEXT ...", "  -h,--help".
    std::regex names(R"(^\s+((?:-\w,)?--[a-z0-9-]+(?:,--[a-z0-9-]+)*))");
    int flags = 0;
    for (const std::string& line : Lines(help.out)) {
      std::smatch m;
      if (!std::regex_search(line, m, names)) continue;
      const std::string all = m[1];
      if (all.find("--help") != std::string::npos || all == "--config" || all == "--version")
        continue;
      ++flags;
      bool found = false;
      std::regex one("--([a-z0-9-]+)");
      for (auto it = std::sregex_iterator(all.begin(), all.end(), one);
           it != std::sregex_iterator(); ++it) {
        std::string key = (*it)[1];
        std::replace(key.begin(), key.end(), '-', '_');
        found = found || std::regex_search(text, std::regex("(^|\\n)#? ?" + key + ":"));
      }
      INFO(sample << " lacks a key for " << all);
      CHECK(found);
    }
    CHECK(flags > 20);
  }
}

TEST_CASE(
    "Daemons run from config files, log JSON with deployment_id and instance, and "
    "berth-agent status shows the agent",
    "[integration][config]") {
  Cluster c;
  const std::string controller_yaml = c.Sub("controller.yaml");
  WriteTestFile(controller_yaml, "log_format: json\nlog_level: info\nevent_log_max_lines: 5000\n");
  c.SetControllerArgs({"--config", controller_yaml});
  c.StartController();
  const std::string agent_yaml = c.Sub("agent.yaml");
  WriteTestFile(agent_yaml,
                "log_format: json\n"
                "scripts_log_max_size: 1KiB\n"
                "scripts_log_max_files: 2\n"
                "tags:\n"
                "  env: it\n");
  c.SetAgentArgs({"--config", agent_yaml});
  // StartAgent adds no --tag: the file's tags select the host.
  c.StartAgent("cfg-1", {});
  REQUIRE(c.WaitForInstances(1));
  c.CreateAppAndGroup("shop", "prod");

  const std::string gate = c.Sub("gate");
  // 40 lines of about 60 bytes: scripts.log rotates at 1 KiB.
  WriteHookApp(c.Sub("rev"),
               {{"ApplicationStart", "for i in $(seq 1 40); do echo output line $i; done\n"},
                {"ValidateService", "while [ ! -f " + gate + " ]; do sleep 0.1; done\n"}});
  const std::string id = c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop"));

  // While ValidateService waits for the gate, status names it.
  const std::string root = c.AgentRoot(0);
  testing::CommandResult status;
  bool running = testing::WaitFor(
      [&] {
        status = RunCommand({BinPath("berth-agent"), "status", "--root", root});
        return status.out.find("current event: ValidateService of deployment " + id) !=
               std::string::npos;
      },
      30000);
  INFO(status.out << status.err);
  REQUIRE(running);
  CHECK(status.exit_code == 0);
  CHECK(status.out.find("enrolled as:   cfg-1 (instance ") != std::string::npos);
  CHECK(status.out.find("controller:    " + c.grpc_address() + "\n") != std::string::npos);
  CHECK(status.out.find("last poll:     answered 20") != std::string::npos);
  WriteTestFile(gate, "");
  CHECK(c.WaitForDeployment(id)["status"] == "Succeeded");

  // After the deployment: no event; the same through --config and as JSON.
  WriteTestFile(c.Sub("status.yaml"), "root: " + root + "\n");
  auto json = RunCommand(
      {BinPath("berth-agent"), "--config", c.Sub("status.yaml"), "status", "--output", "json"});
  INFO(json.out << json.err);
  REQUIRE(json.exit_code == 0);
  Json s = Json::parse(json.out, nullptr, false);
  REQUIRE(s.is_object());
  CHECK(s["name"] == "cfg-1");
  CHECK(s["controller"] == c.grpc_address());
  CHECK(s["currentEvent"].is_null());
  CHECK(s["lastPollTime"].is_string());
  auto none = RunCommand({BinPath("berth-agent"), "status", "--root", c.Sub("nothing")});
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("no agent state in " + c.Sub("nothing")) != std::string::npos);

  // Every log line is one JSON object with time, level and message; the controller's
  // line about the host and the agent's about its events carry deployment_id and instance.
  auto check_log = [&](const std::string& path, const std::string& message) {
    int matching = 0, lines = 0;
    for (const std::string& line : Lines(ReadTestFile(path))) {
      ++lines;
      Json j = Json::parse(line, nullptr, false);
      INFO(path << ": " << line);
      REQUIRE(j.is_object());
      CHECK(j["time"].is_string());
      CHECK(j["level"].is_string());
      CHECK(j["message"].is_string());
      if (j.value("deployment_id", "") == id && j.value("instance", "") == "cfg-1" &&
          j["message"] == message) {
        ++matching;
      }
    }
    CHECK(lines > 0);
    return matching;
  };
  CHECK(check_log(c.Sub("controller.log"), "host Succeeded") == 1);
  CHECK(check_log(c.Sub("cfg-1.log"), "ValidateService succeeded") == 1);

  // scripts.log rotated at 1 KiB into at most two files.
  auto dirs = RunCommand({"sh", "-c", "ls " + root + "/deployment-root/*/" + id + "/logs"});
  CHECK(dirs.out == "scripts.log\nscripts.log.1\n");
}

}  // namespace
}  // namespace berth::itest
