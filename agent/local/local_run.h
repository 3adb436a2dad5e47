// `berth local`: runs a bundle through the lifecycle on this host with no controller,
// like codedeploy-local, through the same EventExecutor (and so the same install, hooks,
// deployment root and scripts.log) as the agent.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "agent/lifecycle/event.h"
#include "agent/lifecycle/live_log.h"
#include "agent/lifecycle/process_runner.h"
#include "common/status.h"

namespace berth::agent {

struct LocalRunOptions {
  std::string bundle;               // a directory, or a tar, tgz or zip file
  std::vector<std::string> events;  // empty: the in-place events (model::InPlaceEvents)
  std::string root;                 // deployment root, as the agent's --root
  std::string install_root = "/";
  std::string application_name = "default-local-application";
  std::string group_name = "default-local-group";  // also the group id in the root
  std::string file_exists_behavior = "DISALLOW";
  std::string instance_name;  // BERTH_INSTANCE_NAME; empty: the host name
  LiveLogSink* live_log = nullptr;  // gets hook output as it is read; not owned
};

struct LocalRunReport {
  std::string deployment_id;
  std::string script_log;  // this run's scripts.log
  bool succeeded = true;
  std::vector<std::pair<std::string, EventResult>> events;  // in the order run
};

// The events to run for `requested`: the in-place events when empty, otherwise those
// given, in that order, with DownloadBundle added before the first event that needs the
// new revision when it is missing. INVALID_ARGUMENT names an unknown or repeated event.
Result<std::vector<std::string>> LocalEventPlan(const std::vector<std::string>& requested);

// Runs the events in order, calling `on_event` after each; the first failure ends the run
// (report.succeeded false). A bare error only for what prevents starting at all (an
// unknown event, a missing bundle, an unusable root).
Result<LocalRunReport> RunLocal(const LocalRunOptions& options, ProcessRunner* runner,
                                const std::function<void(const std::string& event,
                                                         const EventResult& result)>& on_event);

}  // namespace berth::agent
