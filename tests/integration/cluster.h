// A real Berth installation for integration tests: one controller process and any
// number of agent processes on loopback, each agent with its own root and install
// root, all in one temp dir. It runs over TLS, with the controller's own CA, like a fresh
// install (SetInsecure for the one test of --insecure). Every process is stopped when the Cluster is destroyed;
// the tail of every log is printed then, so a failing test shows what happened.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"

namespace httplib {
class Client;
}

namespace berth::itest {

using Json = nlohmann::json;

struct ApiReply {
  int status = 0;
  Json body;
};

class Cluster {
 public:
  Cluster();
  ~Cluster();

  // Starts (or restarts, on the same data dir and ports) the controller and waits until
  // its API answers.
  void StartController();
  // Flags added to the controller's command line from its next start on.
  void SetControllerArgs(std::vector<std::string> args) { controller_args_ = std::move(args); }
  // Flags added to every agent started from now on.
  void SetAgentArgs(std::vector<std::string> args) { agent_args_ = std::move(args); }
  // The address agents started from now on call (a proxy in front of grpc_address()).
  void SetAgentControllerAddress(std::string address) { agent_controller_ = std::move(address); }
  // Plaintext everywhere (controller, agents and CLI run with --insecure). Call first.
  void SetInsecure(bool insecure) { insecure_ = insecure; }
  // SIGKILL, no clean shutdown.
  void KillController();
  // Argv put before the controller's own from its next start on (a wrapper that execs it,
  // such as `unshare -m sh -c ...`, so the controller keeps the wrapper's pid).
  void SetControllerWrapper(std::vector<std::string> prefix) {
    controller_wrapper_ = std::move(prefix);
  }
  // The running controller's pid (its /proc/PID/root shows its mount namespace).
  int controller_pid() const;

  // Starts an agent named `name` with tags; extra environment reaches its hooks.
  // Returns its index.
  int StartAgent(const std::string& name, const std::map<std::string, std::string>& tags,
                 const std::map<std::string, std::string>& env = {});
  // The command line StartAgent uses for agent `index` (the bootstrap enroll token and
  // the CA), for tests that start or restart agents themselves.
  std::vector<std::string> AgentCommand(const std::string& name, int index) const;
  testing::Subprocess& agent(int index) { return *agents_[index]; }
  // SIGKILLs agent `index` and starts it again with the same command line, root and
  // environment (its log is appended to).
  void RestartAgent(int index);
  std::string AgentRoot(int index) const;
  std::string InstallRoot(int index) const;
  // Waits until `count` instances are registered.
  bool WaitForInstances(size_t count, int timeout_ms = 10000);

  // The `berth` CLI against this controller.
  testing::CommandResult Berth(const std::vector<std::string>& args, int timeout_ms = 120000);
  // `berth --controller URL --ca-cert CA` (no token), to which tests add their own.
  std::vector<std::string> BerthCommand() const;
  // A REST call (GET, POST, PUT, PATCH or DELETE) with the admin token (or `token` when
  // given). `body` is sent for every method but GET when it is not null.
  ApiReply Api(const std::string& method, const std::string& path, const Json& body = nullptr,
               const std::string& token = "");
  // An HTTP(S) client for this controller's API that trusts its CA.
  std::unique_ptr<httplib::Client> HttpClient() const;

  // Creates application `app` and group `group` selecting tag env=it.
  void CreateAppAndGroup(const std::string& app, const std::string& group,
                         const std::string& config = "OneAtATime");
  // `berth push DIR --app APP`; returns the revision id.
  std::string Push(const std::string& dir, const std::string& app);
  // `berth --output json deploy APP GROUP --revision REV EXTRA...` (no --wait); requires
  // it to be accepted and returns the deployment id.
  std::string Deploy(const std::string& app, const std::string& group, const std::string& revision,
                     const std::vector<std::string>& extra = {});
  // Waits until the deployment reaches a terminal status; returns it (without its
  // targets: see Targets).
  Json WaitForDeployment(const std::string& id, int timeout_ms = 60000);
  // Every target of the deployment with its lifecycle events, in dispatch order (only
  // those of `status` when given), read through GET .../targets page by page, two a page
  // so that every test walks the paging.
  Json Targets(const std::string& deployment_id, const std::string& status = "");

  const std::string& dir() const { return dir_.path(); }
  std::string Sub(const std::string& rel) const { return dir_.Sub(rel); }
  const std::string& admin_token() const { return admin_token_; }
  const std::string& enroll_token() const { return enroll_token_; }
  std::string grpc_address() const { return "127.0.0.1:" + std::to_string(grpc_port_); }
  std::string http_url() const {
    return (insecure_ ? "http://127.0.0.1:" : "https://127.0.0.1:") + std::to_string(http_port_);
  }
  // The controller's CA certificate (made on its first start).
  std::string ca_cert() const { return Sub("controller-data/tls/ca.crt"); }
  int http_port() const { return http_port_; }

 private:
  testing::TempDir dir_;
  int http_port_;
  int grpc_port_;
  std::string admin_token_ = "it-admin-token";
  std::string enroll_token_ = "it-enroll-token";
  std::unique_ptr<testing::Subprocess> controller_;
  std::vector<std::unique_ptr<testing::Subprocess>> agents_;
  struct AgentLaunch {
    std::vector<std::string> argv;
    std::map<std::string, std::string> env;
    std::string log;
  };
  std::vector<AgentLaunch> agent_launches_;  // by index, for RestartAgent
  std::vector<std::string> controller_wrapper_;
  std::string agent_controller_;  // empty: grpc_address()
  int controller_starts_ = 0;
  std::vector<std::string> controller_args_;
  std::vector<std::string> agent_args_;
  bool insecure_ = false;
};

// Where the built binaries are.
std::string BinPath(const std::string& name);  // "berth", "berth-agent", "berth-controller"

}  // namespace berth::itest
