// berth-controller: flags in, Controller out.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "common/logging.h"
#include "controller/controller.h"
#include "controller/input_limits_flags.h"

int main(int argc, char** argv) {
  berth::ControllerOptions options;
  std::string log_level = "info";
  CLI::App app{"berth-controller: stores applications and deployments and drives agents"};
  app.add_option("--data-dir", options.data_dir, "Directory for the database, tokens and blobs")
      ->required();
  app.add_option("--http-listen", options.http_listen, "REST API address (HOST:PORT)")
      ->capture_default_str();
  app.add_option("--grpc-listen", options.grpc_listen, "Agent channel address (HOST:PORT)")
      ->capture_default_str();
  app.add_option("--admin-token", options.admin_token, "API token (default: $BERTH_ADMIN_TOKEN, "
                                                       "else <data-dir>/admin.token)");
  app.add_option("--enroll-token", options.enroll_token,
                 "Agent enrollment token (default: $BERTH_ENROLL_TOKEN, else "
                 "<data-dir>/enroll.token)");
  app.add_option("--event-log-max-bytes", options.event_log_max_bytes,
                 "Live hook output kept per lifecycle event and host; later lines are dropped")
      ->check(CLI::PositiveNumber)
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
  berth::AddInputLimitFlags(app, &options.limits);
  app.add_option("--log-level", log_level, "debug, info, warn or error")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  options.agent_silence_limit_ms = static_cast<int64_t>(agent_silence_seconds * 1000);

  if (options.admin_token.empty()) {
    if (const char* t = std::getenv("BERTH_ADMIN_TOKEN")) options.admin_token = t;
  }
  if (options.enroll_token.empty()) {
    if (const char* t = std::getenv("BERTH_ENROLL_TOKEN")) options.enroll_token = t;
  }
  berth::InitLogging("controller", log_level);

  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

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
