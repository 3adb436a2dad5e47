#include "tests/integration/revision_helpers.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/integration/moto.h"

namespace berth::itest {

std::map<std::string, std::string> ParseEnvDump(const std::string& text) {
  std::map<std::string, std::string> env;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

void StartClusterWithAgents(Cluster& c, int agents, const std::string& app) {
  c.StartController();
  const std::map<std::string, std::string> env = {{"BERTH_IT_TIMELINE", c.Sub("timeline")}};
  for (int i = 1; i <= agents; ++i) {
    c.StartAgent(app + "-" + std::to_string(i), {{"env", "it"}}, env);
  }
  REQUIRE(c.WaitForInstances(agents));
  c.CreateAppAndGroup(app, "prod", "AllAtOnce");
}

DeployOutcome DeployAndWait(Cluster& c, const std::string& app,
                            const std::vector<std::string>& source_args) {
  std::vector<std::string> args = {"--output", "json", "deploy", app, "prod"};
  args.insert(args.end(), source_args.begin(), source_args.end());
  args.push_back("--wait");
  testing::CommandResult r = c.Berth(args);
  DeployOutcome out;
  out.exit_code = r.exit_code;
  out.output = r.out + r.err;
  out.deployment = Json::parse(r.out, nullptr, false);
  if (out.deployment.is_object() && out.deployment.contains("deploymentId")) {
    out.deployment = c.WaitForDeployment(out.deployment["deploymentId"]);
  }
  return out;
}

std::string DownloadBundleMessage(Cluster& c, const Json& deployment) {
  if (!deployment.is_object() || !deployment.contains("deploymentId")) return "";
  const Json targets = c.Targets(deployment["deploymentId"]);
  if (targets.empty()) return "";
  for (const Json& event : targets[0]["lifecycleEvents"]) {
    if (event["lifecycleEventName"] == "DownloadBundle") {
      return event["diagnostics"].value("message", "");
    }
  }
  return "";
}

std::string Git(const std::string& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {FindOnPath("git"), "-C", repo};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = testing::RunCommand(argv, {{"GIT_AUTHOR_NAME", "it"},
                                      {"GIT_AUTHOR_EMAIL", "it@example.com"},
                                      {"GIT_COMMITTER_NAME", "it"},
                                      {"GIT_COMMITTER_EMAIL", "it@example.com"}});
  INFO("git " << args[0] << ": " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

void TarGz(const std::string& dir, const std::string& out) {
  auto r = testing::RunCommand({FindOnPath("tar"), "czf", out, "-C", dir, "."});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace berth::itest
