// What the agent is asked to do (one lifecycle event of one deployment) and what it
// reports back. Converted from/to the wire (proto) only in agent/agent.cc.
#pragma once

#include <string>
#include <vector>

#include "common/model/deployment.h"
#include "common/model/deployment_hooks.h"
#include "common/model/revision.h"

namespace berth::agent {

struct DeploymentSpec {
  std::string deployment_id;
  std::string application_name;
  std::string group_name;
  std::string group_id;
  model::RevisionLocation revision;
  std::string file_exists_behavior = "DISALLOW";  // the deployment's; the appspec's wins
  bool ignore_application_stop_failures = false;

  // Host side (model/deployment_hooks.h): BERTH_VAR_* variables (secret ones masked in
  // every log), the health check polled by the HealthCheck event, RESTART mode.
  std::vector<model::Variable> variables;
  model::HealthCheck health_check;
  bool restart = false;
};

struct EventRequest {
  std::string command_id;
  std::string event;  // "ApplicationStop", "DownloadBundle", "Install", ...
  DeploymentSpec deployment;
};

struct EventResult {
  bool succeeded = false;
  // error_code "Success" on success; otherwise one of APPSPEC.md's codes
  // (ScriptMissing, ScriptNotExecutable, ScriptTimedOut, ScriptFailed, UnknownError,
  // OutputsLeftOpen, FailedAfterRestart), with a message naming what failed and where.
  model::Diagnostics diagnostics;
};

}  // namespace berth::agent
