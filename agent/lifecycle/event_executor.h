// Runs one lifecycle event of one deployment on this host (APPSPEC.md): the built-in
// DownloadBundle and Install events and every hook event. The agent's poll loop calls
// Run once per command.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "agent/health/http_probe.h"
#include "agent/lifecycle/event.h"
#include "agent/lifecycle/hook_runner.h"
#include "agent/lifecycle/process_runner.h"
#include "agent/revision/fetcher.h"
#include "agent/state/deployment_root.h"
#include "common/archive/archive.h"
#include "common/clock.h"

namespace berth::agent {

struct ExecutorOptions {
  std::string root;                     // --root: the deployment root lives below it
  std::string install_root = "/";       // --install-root
  std::string instance_name;            // BERTH_INSTANCE_NAME for hooks
  int max_revisions = 5;                // deployment directories kept per group
  archive::UnpackLimits unpack_limits;  // --max-bundle-bytes, -entries, -ratio
  // The environment hooks start from; unset: this process's environment.
  std::optional<std::vector<std::string>> base_env;
  std::chrono::milliseconds kill_grace{5000};    // SIGTERM -> SIGKILL after a timeout
  std::chrono::milliseconds output_grace{1000};  // output read after a script exits
  const Clock* clock = nullptr;                  // RealClock when null; must outlive the executor
  // Gets each event's hook output as it is read (live logs); null: scripts.log only.
  // Not owned; must outlive the executor.
  LiveLogSink* live_log = nullptr;
  LogRotation script_log_rotation;  // --scripts-log-max-size, --scripts-log-max-files
  // What the HealthCheck event GETs with; null: libcurl (CurlHttpProbe). Not owned.
  HttpProbe* health_probe = nullptr;
  // How the HealthCheck event waits between tries; unset: sleeps.
  std::function<void(int64_t ms)> health_sleep;
};

class EventExecutor {
 public:
  // `fetcher` and `runner` are not owned and must outlive the executor.
  EventExecutor(ExecutorOptions options, BundleFetcher* fetcher, ProcessRunner* runner);

  // Runs the event and returns its outcome; never fails without an EventResult
  // (error_code "Success" when it succeeded). While it runs, the ongoing-event marker
  // names it; when it ends, the marker keeps its outcome until EventReported.
  // Not thread-safe: one event at a time.
  EventResult Run(const EventRequest& request);
  // The controller has the report of the last event: its marker goes.
  void EventReported();

  // The event a previous agent process left unreported (the marker it left): still
  // running when it died (`ended` false: report it FailedAfterRestart), or ended with the
  // outcome recorded. nullopt when there is none; an unreadable marker is dropped. The
  // marker stays until EventReported, so an agent killed again while reporting it
  // reports it on its next start.
  std::optional<OngoingEvent> InterruptedEvent();

 private:
  EventResult RunEvent(const EventRequest& request);
  EventResult DownloadBundle(const DeploymentSpec& deployment);
  EventResult Install(const DeploymentSpec& deployment);
  EventResult RunHooks(const std::string& event, const DeploymentSpec& deployment);
  // event_executor_hooks.cc: the HealthCheck event; where a RESTART deployment's hooks
  // come from (downloading the revision when the host no longer has it).
  EventResult HealthCheck(const DeploymentSpec& deployment);
  // The deployment whose archive the hooks of a RESTART event run from, or the failure.
  std::variant<std::string, EventResult> RestartSource(const std::string& event,
                                                       const DeploymentSpec& deployment);

  ExecutorOptions options_;
  BundleFetcher* fetcher_;
  ProcessRunner* runner_;
  const Clock* clock_;
  DeploymentRoot root_;
  HookRunner hooks_;
  std::unique_ptr<HttpProbe> own_probe_;  // when options_.health_probe is null
};

}  // namespace berth::agent
