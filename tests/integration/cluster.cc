#include "tests/integration/cluster.h"

#include <httplib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

namespace berth::itest {
namespace {

std::string Tail(const std::string& path, int lines) {
  std::string all = testing::ReadTestFile(path);
  size_t pos = all.size();
  for (int i = 0; i < lines && pos != std::string::npos && pos > 0; ++i) {
    pos = all.rfind('\n', pos - 1);
  }
  return pos == std::string::npos ? all : all.substr(pos + 1);
}

}  // namespace

std::string BinPath(const std::string& name) {
  if (name == "berth") return std::string(BERTH_BIN_DIR) + "/cli/berth";
  if (name == "berth-agent") return std::string(BERTH_BIN_DIR) + "/agent/berth-agent";
  return std::string(BERTH_BIN_DIR) + "/controller/berth-controller";
}

Cluster::Cluster() : http_port_(testing::FreePort()), grpc_port_(testing::FreePort()) {
  while (grpc_port_ == http_port_) grpc_port_ = testing::FreePort();
}

Cluster::~Cluster() {
  for (auto& a : agents_) a->Stop(SIGKILL);
  if (controller_) controller_->Stop(SIGTERM);
  std::cerr << "---- cluster logs (" << dir_.path() << ") ----\n";
  std::cerr << "== controller ==\n" << Tail(Sub("controller.log"), 40);
  for (size_t i = 0; i < agents_.size(); ++i) {
    std::cerr << "== agent " << i << " ==\n" << Tail(agents_[i]->log_path(), 25);
  }
}

void Cluster::StartController() {
  if (controller_) controller_->Stop(SIGTERM);
  std::vector<std::string> argv = {BinPath("berth-controller"),
                                   "--data-dir",
                                   Sub("controller-data"),
                                   "--http-listen",
                                   "127.0.0.1:" + std::to_string(http_port_),
                                   "--grpc-listen",
                                   "127.0.0.1:" + std::to_string(grpc_port_),
                                   "--admin-token",
                                   admin_token_,
                                   "--enroll-token",
                                   enroll_token_};
  if (insecure_) argv.push_back("--insecure");
  argv.insert(argv.end(), controller_args_.begin(), controller_args_.end());
  argv.insert(argv.begin(), controller_wrapper_.begin(), controller_wrapper_.end());
  controller_ = std::make_unique<testing::Subprocess>(argv, std::map<std::string, std::string>{},
                                                      Sub("controller.log"));
  ++controller_starts_;
  bool up = testing::WaitFor(
      [&] { return controller_->running() && Api("GET", "/api/v1/applications").status == 200; },
      15000);
  REQUIRE(up);
}

void Cluster::KillController() {
  REQUIRE(controller_);
  controller_->Stop(SIGKILL);
}

int Cluster::controller_pid() const { return controller_ ? controller_->pid() : -1; }

std::vector<std::string> Cluster::AgentCommand(const std::string& name, int index) const {
  std::vector<std::string> argv = {BinPath("berth-agent"),
                                   "--controller",
                                   agent_controller_.empty() ? grpc_address() : agent_controller_,
                                   "--name",
                                   name,
                                   "--root",
                                   AgentRoot(index),
                                   "--install-root",
                                   InstallRoot(index),
                                   "--enroll-token",
                                   enroll_token_,
                                   "--poll-seconds",
                                   "20"};
  if (insecure_) {
    argv.push_back("--insecure");
  } else {
    argv.insert(argv.end(), {"--ca-cert", ca_cert()});
  }
  return argv;
}

int Cluster::StartAgent(const std::string& name, const std::map<std::string, std::string>& tags,
                        const std::map<std::string, std::string>& env) {
  int index = static_cast<int>(agents_.size());
  std::vector<std::string> argv = AgentCommand(name, index);
  for (const auto& [k, v] : tags) {
    argv.push_back("--tag");
    argv.push_back(k + "=" + v);
  }
  // Hooks see only allow-listed variables of the agent's environment; these are the test's.
  for (const auto& [k, v] : env) argv.insert(argv.end(), {"--hook-env", k});
  argv.insert(argv.end(), agent_args_.begin(), agent_args_.end());
  testing::WriteTestFile(InstallRoot(index) + "/.keep", "");
  agent_launches_.push_back({argv, env, Sub(name + ".log")});
  agents_.push_back(std::make_unique<testing::Subprocess>(argv, env, Sub(name + ".log")));
  return index;
}

void Cluster::RestartAgent(int index) {
  const AgentLaunch& launch = agent_launches_.at(index);
  agents_[index]->Stop(SIGKILL);
  agents_[index] = std::make_unique<testing::Subprocess>(launch.argv, launch.env, launch.log);
}

std::string Cluster::AgentRoot(int index) const {
  return dir_.Sub("agent" + std::to_string(index) + "-root");
}

std::string Cluster::InstallRoot(int index) const {
  return dir_.Sub("agent" + std::to_string(index) + "-install");
}

bool Cluster::WaitForInstances(size_t count, int timeout_ms) {
  return testing::WaitFor(
      [&] {
        ApiReply r = Api("GET", "/api/v1/instances");
        return r.status == 200 && r.body["instanceInfos"].size() >= count;
      },
      timeout_ms);
}

std::vector<std::string> Cluster::BerthCommand() const {
  std::vector<std::string> argv = {BinPath("berth"), "--controller", http_url()};
  if (insecure_) {
    argv.push_back("--insecure");
  } else {
    argv.insert(argv.end(), {"--ca-cert", ca_cert()});
  }
  return argv;
}

testing::CommandResult Cluster::Berth(const std::vector<std::string>& args, int timeout_ms) {
  std::vector<std::string> argv = BerthCommand();
  argv.insert(argv.end(), {"--token", admin_token_});
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::RunCommand(argv, {}, timeout_ms);
}

std::unique_ptr<httplib::Client> Cluster::HttpClient() const {
  auto client = std::make_unique<httplib::Client>(http_url());
  if (!insecure_) {
    client->set_ca_cert_path(ca_cert().c_str());
    client->enable_server_certificate_verification(true);
  }
  client->set_connection_timeout(2);
  client->set_read_timeout(10);
  return client;
}

ApiReply Cluster::Api(const std::string& method, const std::string& path, const Json& body,
                      const std::string& token) {
  std::unique_ptr<httplib::Client> client = HttpClient();
  httplib::Headers headers = {
      {"Authorization", "Bearer " + (token.empty() ? admin_token_ : token)}};
  const std::string text = body.is_null() ? "" : body.dump();
  httplib::Result res = [&] {
    if (method == "GET") return client->Get(path.c_str(), headers);
    if (method == "PUT") return client->Put(path.c_str(), headers, text, "application/json");
    if (method == "PATCH") return client->Patch(path.c_str(), headers, text, "application/json");
    if (method == "DELETE") return client->Delete(path.c_str(), headers, text, "application/json");
    return client->Post(path.c_str(), headers, text, "application/json");
  }();
  ApiReply reply;
  if (!res) return reply;
  reply.status = res->status;
  reply.body = Json::parse(res->body, nullptr, false);
  return reply;
}

void Cluster::CreateAppAndGroup(const std::string& app, const std::string& group,
                                const std::string& config) {
  REQUIRE(Api("POST", "/api/v1/applications", {{"applicationName", app}}).status == 201);
  Json g = {{"deploymentGroupName", group},
            {"deploymentConfigName", config},
            {"onPremisesInstanceTagFilters", {{{"Key", "env"}, {"Value", "it"}}}}};
  REQUIRE(Api("POST", "/api/v1/applications/" + app + "/deployment-groups", g).status == 201);
}

std::string Cluster::Push(const std::string& dir, const std::string& app) {
  testing::CommandResult r = Berth({"--output", "json", "push", dir, "--app", app});
  INFO("berth push: " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  Json j = Json::parse(r.out, nullptr, false);
  REQUIRE(j.is_object());
  REQUIRE(j.contains("revisionId"));
  return j["revisionId"].get<std::string>();
}

std::string Cluster::Deploy(const std::string& app, const std::string& group,
                            const std::string& revision, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"--output", "json",       "deploy", app,
                                   group,      "--revision", revision};
  args.insert(args.end(), extra.begin(), extra.end());
  testing::CommandResult r = Berth(args);
  INFO("berth deploy: " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  Json j = Json::parse(r.out, nullptr, false);
  REQUIRE(j.contains("deploymentId"));
  return j["deploymentId"].get<std::string>();
}

Json Cluster::WaitForDeployment(const std::string& id, int timeout_ms) {
  Json last;
  testing::WaitFor(
      [&] {
        ApiReply r = Api("GET", "/api/v1/deployments/" + id);
        if (r.status != 200) return false;
        last = r.body;
        std::string s = last["status"];
        return s == "Succeeded" || s == "Failed" || s == "Stopped";
      },
      timeout_ms);
  return last;
}

Json Cluster::Targets(const std::string& deployment_id, const std::string& status) {
  Json all = Json::array();
  std::string token;
  for (int page = 0; page < 100000; ++page) {
    std::string path = "/api/v1/deployments/" + deployment_id + "/targets?limit=2";
    if (!status.empty()) path += "&status=" + status;
    if (!token.empty()) path += "&nextToken=" + token;
    ApiReply r = Api("GET", path);
    REQUIRE(r.status == 200);
    for (const Json& t : r.body["targets"]) all.push_back(t);
    if (!r.body.contains("nextToken")) return all;
    REQUIRE(r.body["nextToken"] != token);
    token = r.body["nextToken"];
  }
  FAIL("GET " << deployment_id << "/targets never ended");
  return all;
}

}  // namespace berth::itest
