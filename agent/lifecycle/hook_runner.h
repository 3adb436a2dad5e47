// Runs the scripts an appspec lists for one lifecycle event (APPSPEC.md "hooks").
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "agent/lifecycle/event.h"
#include "agent/lifecycle/live_log.h"
#include "agent/lifecycle/log_rotation.h"
#include "agent/lifecycle/process_runner.h"
#include "common/appspec/appspec.h"
#include "common/clock.h"

namespace berth::agent {

struct HookRunnerOptions {
  std::vector<std::string> base_env;  // the agent's environment ("KEY=VALUE")
  std::string instance_name;
  std::string install_root = "/";
  std::chrono::milliseconds kill_grace{5000};
  std::chrono::milliseconds output_grace{1000};
  const Clock* clock = nullptr;     // RealClock when null; must outlive the runner
  LiveLogSink* live_log = nullptr;  // also gets every output line; not owned
  LogRotation log_rotation;         // of scripts.log
};

struct HookInvocation {
  std::string event;
  DeploymentSpec deployment;  // the deployment the event belongs to (for the env)
  std::string archive_dir;    // scripts are <archive_dir>/<location>; also their cwd
  std::string log_path;       // the deployment's logs/scripts.log
  std::vector<appspec::HookScript> scripts;
};

class HookRunner {
 public:
  // `runner` is not owned and must outlive this object.
  HookRunner(HookRunnerOptions options, ProcessRunner* runner);

  // Runs the scripts in order; the first failure ends the event. With no scripts the
  // event succeeds at once. Never returns a bare error: every failure is an
  // EventResult with an APPSPEC.md error code and a message naming the script.
  EventResult Run(const HookInvocation& invocation);

 private:
  const HookRunnerOptions options_;
  ProcessRunner* runner_;
};

}  // namespace berth::agent
