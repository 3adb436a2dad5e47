// berth-controller: flags in, Controller out.
#include <absl/synchronization/mutex.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <tuple>
#include <utility>

#include "common/config/config_file.h"
#include "common/config/log_flags.h"
#include "common/config/validators.h"
#include "common/duration.h"
#include "common/logging.h"
#include "common/secret_input.h"
#include "controller/backup/backup.h"
#include "controller/controller.h"
#include "controller/input_limits_flags.h"

int main(int argc, char** argv) {
  // Debian's absl tracks every mutex gRPC makes in a global lock-order graph; with
  // 10,000 agents' calls that costs a fifth of the controller's CPU and grows with the
  // fleet. Berth's own lock order is documented and tested (docs/architecture.md).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  berth::ControllerOptions options;
  CLI::App app{"berth-controller: stores applications and deployments and drives agents"};
  app.set_version_flag("--version", BERTH_VERSION);
  app.add_option("--data-dir", options.data_dir, "Directory for the database, tokens and blobs")
      ->required();
  app.add_option("--http-listen", options.http_listen, "REST API address (HOST:PORT)")
      ->capture_default_str();
  app.add_option("--grpc-listen", options.grpc_listen, "Agent channel address (HOST:PORT)")
      ->capture_default_str();
  std::string admin_token_file, enroll_token_file;
  app.add_option("--admin-token", options.admin_token,
                 "Bootstrap admin API token (default: $BERTH_ADMIN_TOKEN, else "
                 "<data-dir>/admin.token)");
  app.add_option("--admin-token-file", admin_token_file, "File holding the bootstrap admin token");
  app.add_option("--enroll-token", options.enroll_token,
                 "Bootstrap agent enrollment token (default: $BERTH_ENROLL_TOKEN, else "
                 "<data-dir>/enroll.token)");
  app.add_option("--enroll-token-file", enroll_token_file, "File holding the enroll token");
  bool no_bootstrap_enroll = false;
  app.add_flag("--no-bootstrap-enroll-token", no_bootstrap_enroll,
               "Agents enroll only with join tokens (berth join-token create)");
  app.add_flag("--insecure", options.insecure,
               "PLAINTEXT on both listeners (tests and benchmarks; loopback only)");
  app.add_flag("--insecure-allow-remote", options.insecure_allow_remote,
               "With --insecure: allow listening on addresses other than loopback");
  app.add_option("--tls-san", options.tls_sans,
                 "Extra DNS name or IP address for the server certificate (repeatable; the host "
                 "name, localhost, 127.0.0.1, ::1 and the listen addresses are always in it)");
  app.add_option("--tls-cert", options.tls_cert,
                 "Serve this certificate chain (PEM, leaf first, CA last) instead of one made "
                 "by the controller's CA");
  app.add_option("--tls-key", options.tls_key, "The key of --tls-cert");
  app.add_option("--tls-client-ca", options.tls_client_ca,
                 "CA certificate that signs and verifies agents' certificates (default: "
                 "<data-dir>/tls/ca.crt, made on first start)");
  app.add_option("--tls-client-ca-key", options.tls_client_ca_key, "The key of --tls-client-ca");
  std::string client_cert_lifetime = "30d", server_cert_lifetime = "365d";
  app.add_option("--client-cert-lifetime", client_cert_lifetime,
                 "Lifetime of agents' certificates; they renew at two thirds of it")
      ->check(berth::config::Duration())
      ->capture_default_str();
  app.add_option("--server-cert-lifetime", server_cert_lifetime,
                 "Lifetime of the server certificate the controller makes; renewed when a "
                 "third is left")
      ->check(berth::config::Duration())
      ->capture_default_str();
  app.add_option("--event-log-max-bytes", options.event_log_max_bytes,
                 "Live hook output kept per lifecycle event and host; later lines are dropped")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--codedeploy-page-size", options.codedeploy_page_size,
                 "Items per page of the CodeDeploy-compatible API's List operations")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--trigger-retry-initial-ms", options.trigger_retry_initial_ms,
                 "Delay before retrying a failed trigger webhook; doubles on each failure")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--trigger-retry-max-ms", options.trigger_retry_max_ms,
                 "Longest delay between two attempts of a trigger webhook")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--trigger-max-attempts", options.trigger_max_attempts,
                 "Attempts after which a trigger webhook is abandoned (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--trigger-max-age-ms", options.trigger_max_age_ms,
                 "Age after which an undelivered trigger webhook is abandoned (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--trigger-timeout-ms", options.trigger_timeout_ms,
                 "Timeout of one trigger webhook POST")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  double agent_silence_seconds = options.agent_silence_limit_ms / 1000.0;
  app.add_option("--agent-silence-limit", agent_silence_seconds,
                 "Seconds without a call from an agent after which its instance is Unreachable "
                 "and its in-flight event fails (AGENT_ISSUE)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--packages-dir", options.packages_dir,
                 "Directory whose files are served publicly at /packages/<file>, for the agent "
                 "bootstrap at /install.sh (packaging/build-debs.sh writes build/packages/)");
  app.add_flag("--metrics-public", options.metrics_public,
               "Serve GET /metrics without a token (otherwise it needs a viewer token)");
  berth::AddInputLimitFlags(app, &options.limits);
  berth::config::LogFlags log_flags;
  berth::config::AddLogFlags(app, &log_flags);
  app.fallthrough();  // `berth-controller backup --data-dir D --to F` reads as it looks
  std::string backup_to, restore_from;
  CLI::App* backup = app.add_subcommand(
      "backup", "Write a consistent copy of --data-dir to a file, while the controller runs");
  backup->add_option("--to", backup_to, "Backup file to write (a tgz)")->required();
  CLI::App* restore =
      app.add_subcommand("restore", "Unpack a backup into --data-dir, which must be new or empty");
  restore->add_option("--from", restore_from, "Backup file made by backup")->required();
  berth::config::ConfigFile config(&app, "berth-controller");
  config.Setting({"--admin-token", "--admin-token-file"}, {"BERTH_ADMIN_TOKEN"});
  config.Setting({"--enroll-token", "--enroll-token-file"}, {"BERTH_ENROLL_TOKEN"});
  if (std::optional<int> exit = config.Parse(argc, argv)) return *exit;
  if (*backup) {
    auto summary = berth::backup::Backup(options.data_dir, backup_to);
    if (!summary.ok()) {
      std::cerr << "berth-controller backup: " << summary.status().ToString() << "\n";
      return 1;
    }
    std::cout << "backed up " << options.data_dir << " to " << backup_to << " (" << summary->files
              << " files, " << summary->blobs << " blobs)\n";
    return 0;
  }
  if (*restore) {
    berth::Status s = berth::backup::Restore(restore_from, options.data_dir);
    if (!s.ok()) {
      std::cerr << "berth-controller restore: " << s.ToString() << "\n";
      return 1;
    }
    std::cout << "restored " << restore_from << " into " << options.data_dir
              << "; start berth-controller --data-dir " << options.data_dir << "\n";
    return 0;
  }
  berth::HideSecretArguments(argc, argv, {"--admin-token", "--enroll-token"});
  options.agent_silence_limit_ms = static_cast<int64_t>(agent_silence_seconds * 1000);
  options.bootstrap_enroll_token = !no_bootstrap_enroll;
  for (auto [text, out] : {std::pair{&client_cert_lifetime, &options.client_cert_lifetime_ms},
                           std::pair{&server_cert_lifetime, &options.server_cert_lifetime_ms}}) {
    auto ms = berth::ParseDurationMs(*text);
    if (!ms.ok()) {
      std::cerr << "berth-controller: " << ms.status().message() << "\n";
      return 2;
    }
    *out = *ms;
  }
  for (auto [value, file, env] :
       {std::tuple{&options.admin_token, &admin_token_file, "BERTH_ADMIN_TOKEN"},
        std::tuple{&options.enroll_token, &enroll_token_file, "BERTH_ENROLL_TOKEN"}}) {
    if (auto s = berth::ResolveSecret(value, *file, env); !s.ok()) {
      std::cerr << "berth-controller: " << s.ToString() << "\n";
      return 2;
    }
  }
  berth::InitLogging(berth::config::ToLoggingOptions(log_flags, "controller"));

  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A client that goes away mid-response fails that write (EPIPE), not the process:
  // OpenSSL writes to sockets with plain write(2).
  signal(SIGPIPE, SIG_IGN);

  berth::Controller controller(options);
  berth::Status s = controller.Start();
  if (!s.ok()) {
    std::cerr << "berth-controller: " << s.ToString() << "\n";
    return 1;
  }
  int sig = 0;
  sigwait(&signals, &sig);
  controller.Shutdown();
  return 0;
}
