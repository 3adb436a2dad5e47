#include "controller/input_limits_flags.h"

namespace berth {

void AddInputLimitFlags(CLI::App& app, InputLimits* limits) {
  app.add_option("--max-json-body-bytes", limits->http.max_json_body_bytes,
                 "Largest JSON request body (413 past it)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--max-upload-bytes", limits->http.max_upload_bytes,
                 "Largest revision upload to the built-in store (413 past it)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  // A function option: a variable of this function would be gone when the flag (or its
  // config key) is read.
  app.add_option_function<int64_t>(
         "--http-read-timeout",
         [limits](int64_t seconds) { limits->http.read_timeout = std::chrono::seconds(seconds); },
         "Seconds the API waits for each read of a request before closing it")
      ->check(CLI::PositiveNumber)
      ->default_str(std::to_string(limits->http.read_timeout.count()));
  app.add_option("--http-max-connections", limits->http.max_threads,
                 "API connections served at once (one thread each); more wait")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_flag("--trigger-allow-private", limits->trigger_destinations.allow_private,
               "Let trigger webhooks reach loopback, link-local and private addresses");
  app.add_option("--trigger-allow-host", limits->trigger_destinations.allowlist,
                 "A host name or IP address trigger webhooks may reach even if it is not "
                 "public (repeatable)");
  app.add_flag("--allow-insecure-git", limits->allow_insecure_git,
               "Accept git revisions over http://, git:// and file:// (default: https and ssh)");
  app.add_option("--retain-days", limits->retain_days,
                 "Days finished deployments (with their logs and trigger messages), delivered "
                 "trigger messages and unreferenced blobs are kept (0: forever)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--event-log-max-lines", limits->event_log_max_lines,
                 "Live hook output lines kept per lifecycle event and host")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

}  // namespace berth
