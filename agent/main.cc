// berth-agent: flags in, Agent out.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "agent/agent.h"
#include "agent/grpc_controller_client.h"
#include "agent/lifecycle/real_process_runner.h"
#include "agent/revision/store_fetcher.h"
#include "common/fs.h"
#include "common/logging.h"

int main(int argc, char** argv) {
  std::string controller = "127.0.0.1:8443";
  std::string install_root = "/";
  std::string log_level = "info";
  std::vector<std::string> tag_flags;
  berth::agent::AgentOptions options;
  int max_revisions = 5;
  CLI::App app{"berth-agent: runs deployments on this host"};
  app.add_option("--controller", controller, "Controller agent address (HOST:PORT)")
      ->capture_default_str();
  app.add_option("--name", options.name, "This instance's name (default: the host name)");
  app.add_option("--root", options.root, "State and deployment root directory")->required();
  app.add_option("--install-root", install_root,
                 "Prefix for every appspec files destination")
      ->capture_default_str();
  app.add_option("--tag", tag_flags, "Instance tag KEY=VALUE (repeatable)");
  app.add_option("--enroll-token", options.enroll_token,
                 "Enrollment token (default: $BERTH_ENROLL_TOKEN)");
  app.add_option("--max-revisions", max_revisions, "Deployment directories kept per group")
      ->capture_default_str();
  app.add_option("--poll-seconds", options.poll_seconds, "Long-poll wait")->capture_default_str();
  app.add_option("--log-level", log_level, "debug, info, warn or error")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  for (const std::string& t : tag_flags) {
    auto eq = t.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "berth-agent: --tag \"" << t << "\" is not KEY=VALUE\n";
      return 2;
    }
    options.tags[t.substr(0, eq)] = t.substr(eq + 1);
  }
  if (options.enroll_token.empty()) {
    if (const char* t = std::getenv("BERTH_ENROLL_TOKEN")) options.enroll_token = t;
  }
  if (options.name.empty()) {
    char host[256] = {};
    gethostname(host, sizeof(host) - 1);
    options.name = host;
  }
  berth::InitLogging("agent", log_level);
  if (auto s = berth::fs::MakeDirs(options.root); !s.ok()) {
    std::cerr << "berth-agent: " << s.ToString() << "\n";
    return 1;
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  berth::agent::GrpcControllerClient client(controller);
  berth::agent::StoreFetcher fetcher(&client);
  berth::agent::RealProcessRunner runner;
  berth::agent::ExecutorOptions exec_options;
  exec_options.root = options.root;
  exec_options.install_root = install_root;
  exec_options.instance_name = options.name;
  exec_options.max_revisions = max_revisions;
  berth::agent::EventExecutor executor(exec_options, &fetcher, &runner);
  berth::agent::Agent agent(options, &client, &executor);

  std::atomic<bool> stop{false};
  // A stop request while idle exits at once; during an event it waits for the event
  // to finish and be reported.
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    stop = true;
    if (!agent.busy()) std::_Exit(0);
  });
  signal_thread.detach();

  berth::Status s = agent.Run(&stop);
  if (!s.ok()) {
    std::cerr << "berth-agent: " << s.ToString() << "\n";
    return 1;
  }
  return 0;
}
