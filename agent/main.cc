// berth-agent: flags in, Agent out.
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <thread>
#include <tuple>

#include "agent/agent.h"
#include "agent/grpc_controller_client.h"
#include "agent/identity/identity.h"
#include "agent/lifecycle/hook_env.h"
#include "agent/lifecycle/real_process_runner.h"
#include "agent/live_log_streamer.h"
#include "agent/revision/dispatching_fetcher.h"
#include "agent/revision/git_fetcher.h"
#include "agent/revision/https_fetcher.h"
#include "agent/revision/s3_fetcher.h"
#include "agent/revision/store_fetcher.h"
#include "agent/status/agent_status.h"
#include "common/byte_size.h"
#include "common/clock.h"
#include "common/config/config_file.h"
#include "common/config/log_flags.h"
#include "common/config/validators.h"
#include "common/fs.h"
#include "common/host_port.h"
#include "common/logging.h"
#include "common/pki/join_token.h"
#include "common/secret_input.h"

int main(int argc, char** argv) {
  std::string controller = "127.0.0.1:8443";
  std::string install_root = "/";
  std::vector<std::string> tag_flags;
  berth::agent::AgentOptions options;
  int max_revisions = 5;
  CLI::App app{"berth-agent: runs deployments on this host"};
  app.set_version_flag("--version", BERTH_VERSION);
  app.add_option("--controller", controller, "Controller agent address (HOST:PORT)")
      ->capture_default_str();
  app.add_option("--name", options.name, "This instance's name (default: the host name)");
  app.add_option("--root", options.root, "State and deployment root directory")->required();
  app.add_option("--install-root", install_root, "Prefix for every appspec files destination")
      ->capture_default_str();
  app.add_option("--tag,--tags", tag_flags, "Instance tag KEY=VALUE (repeatable)")
      ->check(berth::config::KeyValue());
  std::string join_token, join_token_file, enroll_token_file, ca_cert;
  app.add_option("--join-token", join_token,
                 "Join token from `berth join-token create` (carries the controller's CA pin; "
                 "default: $BERTH_JOIN_TOKEN)");
  app.add_option("--join-token-file", join_token_file, "File holding the join token");
  app.add_option("--enroll-token", options.enroll_token,
                 "The controller's bootstrap enroll token (default: $BERTH_ENROLL_TOKEN); "
                 "needs --ca-cert");
  app.add_option("--enroll-token-file", enroll_token_file, "File holding the enroll token");
  app.add_option("--ca-cert", ca_cert,
                 "The controller's CA certificate (its <data-dir>/tls/ca.crt); not needed with a "
                 "--join-token, or once enrolled");
  bool insecure = false, insecure_allow_remote = false;
  app.add_flag("--insecure", insecure,
               "Plaintext channel to a controller started with --insecure (loopback only)");
  app.add_flag("--insecure-allow-remote", insecure_allow_remote,
               "With --insecure: allow a controller that is not on loopback");
  std::vector<std::string> hook_env;
  app.add_option("--hook-env", hook_env,
                 "Pass this variable of the agent's environment on to hooks (repeatable); "
                 "besides PATH, HOME, LANG, LC_* and TZ, hooks get none of it");
  app.add_option("--max-revisions", max_revisions, "Deployment directories kept per group")
      ->capture_default_str();
  app.add_option("--poll-seconds", options.poll_seconds, "Long-poll wait")->capture_default_str();
  int heartbeat_seconds = 15;
  app.add_option("--heartbeat-seconds", heartbeat_seconds,
                 "While an event runs, tell the controller this often that the agent is alive")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  // Outbound HTTP(S) (S3, HTTPS and git revisions) and the controller channel are
  // proxied separately: the controller is often inside the network, the stores outside.
  std::string proxy_uri;
  std::string controller_proxy_uri;
  app.add_option("--proxy-uri", proxy_uri,
                 "Proxy for S3, HTTPS and git downloads (default: $BERTH_PROXY_URI, then "
                 "the usual *_proxy variables)");
  app.add_option("--controller-proxy-uri", controller_proxy_uri,
                 "Proxy for the controller channel (default: none, direct)");
  berth::s3::ClientOptions s3_options = berth::s3::OptionsFromEnv(berth::s3::RealEnv);
  app.add_option("--s3-endpoint", s3_options.endpoint,
                 "S3-compatible endpoint URL (default: $AWS_ENDPOINT_URL_S3, else AWS)");
  app.add_option("--s3-region", s3_options.region, "S3 region (default: $AWS_REGION)")
      ->capture_default_str();
  std::string s3_addressing;
  app.add_option("--s3-addressing", s3_addressing,
                 "path or virtual (default: path for a "
                 "custom endpoint, virtual for AWS)")
      ->check(CLI::IsMember({"path", "virtual"}));
  berth::archive::UnpackLimits unpack_limits;
  app.add_option("--max-bundle-bytes", unpack_limits.max_bytes,
                 "Largest unpacked size of a bundle, in bytes")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--max-bundle-entries", unpack_limits.max_entries,
                 "Most entries (files, directories, links) in a bundle")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--max-bundle-ratio", unpack_limits.max_ratio,
                 "Largest unpacked/packed size ratio of a bundle over 16 MiB (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  std::string scripts_log_max_size = "64MiB";
  berth::agent::LogRotation script_log_rotation;
  app.add_option("--scripts-log-max-size", scripts_log_max_size,
                 "Size at which a deployment's logs/scripts.log rotates (B, KiB, MiB, GiB)")
      ->check(berth::config::ByteSize())
      ->capture_default_str();
  app.add_option("--scripts-log-max-files", script_log_rotation.max_files,
                 "scripts.log files kept per deployment, the live one included")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  berth::config::LogFlags log_flags;
  berth::config::AddLogFlags(app, &log_flags);
  app.fallthrough();  // `berth-agent status --root DIR` reads as it looks
  CLI::App* status = app.add_subcommand("status", "Print this agent's state from its --root");
  std::string status_output = "text";
  status->add_option("--output", status_output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  berth::config::ConfigFile config(&app, "berth-agent");
  config.Setting({"--join-token", "--join-token-file"}, {"BERTH_JOIN_TOKEN"});
  config.Setting({"--enroll-token", "--enroll-token-file"}, {"BERTH_ENROLL_TOKEN"});
  config.Setting({"--proxy-uri"}, {"BERTH_PROXY_URI"});
  config.Setting({"--s3-endpoint"}, {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"});
  config.Setting({"--s3-region"}, {"AWS_REGION", "AWS_DEFAULT_REGION"});
  config.Setting({"--s3-addressing"}, {"BERTH_S3_ADDRESSING"});
  if (std::optional<int> exit = config.Parse(argc, argv)) return *exit;
  if (*status) {
    auto state = berth::agent::ReadAgentStatus(options.root);
    if (!state.ok()) {
      std::cerr << "berth-agent status: " << state.status().ToString() << "\n";
      return 1;
    }
    if (status_output == "json") {
      std::cout << berth::agent::StatusJson(*state).dump() << "\n";
    } else {
      std::cout << berth::agent::StatusText(*state, berth::RealClock::Get()->NowMs());
    }
    return 0;
  }
  berth::HideSecretArguments(argc, argv, {"--join-token", "--enroll-token"});
  options.heartbeat_interval = std::chrono::seconds(heartbeat_seconds);
  // Secrets: read once, then out of the environment, so no hook or child sees them.
  for (auto [value, file, env] :
       {std::tuple{&join_token, &join_token_file, "BERTH_JOIN_TOKEN"},
        std::tuple{&options.enroll_token, &enroll_token_file, "BERTH_ENROLL_TOKEN"}}) {
    if (auto s = berth::ResolveSecret(value, *file, env); !s.ok()) {
      std::cerr << "berth-agent: " << s.ToString() << "\n";
      return 2;
    }
  }
  std::map<std::string, std::string> aws = berth::TakeFromEnvironment(
      {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "BERTH_TOKEN"});
  std::string ca_pin;
  if (!join_token.empty()) {
    auto parsed = berth::pki::ParseJoinToken(join_token);
    if (!parsed.ok()) {
      std::cerr << "berth-agent: --join-token: " << parsed.status().message() << "\n";
      return 2;
    }
    options.enroll_token = parsed->EnrollSecret();
    ca_pin = parsed->ca_pin;
  }
  if (insecure) {
    if (!berth::IsLoopbackHost(berth::HostOfAddress(controller)) && !insecure_allow_remote) {
      std::cerr << "berth-agent: --insecure talks plaintext, so only to a controller on "
                   "loopback; add --insecure-allow-remote for "
                << controller << "\n";
      return 2;
    }
  }

  for (const std::string& t : tag_flags) {
    auto eq = t.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "berth-agent: --tag \"" << t << "\" is not KEY=VALUE\n";
      return 2;
    }
    options.tags[t.substr(0, eq)] = t.substr(eq + 1);
  }
  if (options.name.empty()) {
    char host[256] = {};
    gethostname(host, sizeof(host) - 1);
    options.name = host;
  }
  options.controller = controller;
  berth::InitLogging(
      berth::config::ToLoggingOptions(log_flags, "agent", {.instance = options.name}));
  if (insecure) {
    spdlog::warn(
        "--insecure: the channel to the controller is PLAINTEXT and the controller is "
        "not verified. Use it only for tests and benchmarks.");
  }
  if (auto s = berth::fs::MakeDirs(options.root); !s.ok()) {
    std::cerr << "berth-agent: " << s.ToString() << "\n";
    return 1;
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A client that goes away mid-response fails that write (EPIPE), not the process:
  // OpenSSL writes to sockets with plain write(2).
  signal(SIGPIPE, SIG_IGN);

  if (proxy_uri.empty()) {
    if (const char* p = std::getenv("BERTH_PROXY_URI")) proxy_uri = p;
  }
  if (s3_addressing == "path") s3_options.addressing = berth::s3::Addressing::kPathStyle;
  if (s3_addressing == "virtual") s3_options.addressing = berth::s3::Addressing::kVirtualHosted;
  s3_options.proxy = proxy_uri;
  // gRPC takes its proxy from grpc_proxy/http_proxy in the environment; the controller
  // channel must not inherit the download proxy, so it is set (or cleared) explicitly.
  if (controller_proxy_uri.empty()) {
    setenv("no_grpc_proxy", controller.substr(0, controller.rfind(':')).c_str(), 1);
  } else {
    setenv("grpc_proxy", controller_proxy_uri.c_str(), 1);
  }
  berth::agent::GrpcControllerClient client(controller, insecure);
  berth::agent::Identity identity({options.root, controller, ca_cert, ca_pin}, &client,
                                  berth::RealClock::Get());
  berth::agent::StoreFetcher store_fetcher(&client);
  berth::agent::S3Fetcher s3_fetcher(berth::agent::S3Fetcher::RealClients(
      s3_options, [aws](const std::string& name) -> std::string {
        auto it = aws.find(name);
        return it != aws.end() ? it->second : berth::s3::RealEnv(name);
      }));
  berth::agent::HttpsFetcher https_fetcher({.proxy = proxy_uri});
  berth::agent::GitFetcher git_fetcher({.proxy = proxy_uri});
  berth::agent::DispatchingFetcher fetcher;
  fetcher.Register(berth::model::RevisionType::kStore, &store_fetcher);
  fetcher.Register(berth::model::RevisionType::kS3, &s3_fetcher);
  fetcher.Register(berth::model::RevisionType::kHttps, &https_fetcher);
  fetcher.Register(berth::model::RevisionType::kGit, &git_fetcher);
  berth::agent::RealProcessRunner runner;
  berth::agent::LiveLogStreamer live_log(&client);
  berth::agent::ExecutorOptions exec_options;
  exec_options.root = options.root;
  script_log_rotation.max_bytes = *berth::ParseByteSize(scripts_log_max_size);  // checked
  exec_options.script_log_rotation = script_log_rotation;
  exec_options.install_root = install_root;
  exec_options.instance_name = options.name;
  exec_options.max_revisions = max_revisions;
  exec_options.unpack_limits = unpack_limits;
  exec_options.live_log = &live_log;
  exec_options.base_env =
      berth::agent::AllowedEnvironment(berth::agent::CurrentEnvironment(), hook_env);
  berth::agent::EventExecutor executor(exec_options, &fetcher, &runner);
  berth::agent::Agent agent(options, &client, &executor, insecure ? nullptr : &identity);

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
