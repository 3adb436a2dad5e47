// Revisions the integration tests deploy, written into a directory.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tests/integration/cluster.h"

namespace berth::itest {

struct RecordingAppOptions {
  std::string version = "v1";
  // The ValidateService hook prints two lines and exits 1.
  bool fail_validate = false;
  // Hosts (BERTH_INSTANCE_NAME) whose ValidateService fails, "|"-separated ("a|b").
  std::string fail_validate_hosts;
  // Every hook sleeps this long (seconds, may be fractional).
  std::string hook_sleep = "0.2";
  // The ValidateService hook of host `gate_host` waits (up to 60 s) until `gate_file`
  // exists, so a test can hold a deployment open while it injects faults.
  std::string gate_host;
  std::string gate_file;
};

// An app that installs opt/app/version.txt and whose hooks (every hook event) append
// "<ns> <instance> <event> start|end" to $BERTH_IT_TIMELINE and write their whole
// environment to $BERTH_INSTALL_ROOT/hook-env/<event>.
void WriteRecordingApp(const std::string& dir, const RecordingAppOptions& options);

// The version a recording app installed under `install_root` (its opt/app/version.txt,
// "v1\n"), or "" when none is.
std::string InstalledVersion(const std::string& install_root);

// An app installing payload/file.txt to /opt/app whose scripts are given as (event,
// script body) pairs; each hook is a shell script hooks/<event>.sh.
void WriteHookApp(const std::string& dir,
                  const std::vector<std::pair<std::string, std::string>>& hooks,
                  int timeout = 60);

// A controller, one agent "app-1" tagged env=it and application "shop" with group "prod"
// selecting it.
void StartOneHost(Cluster& c);

}  // namespace berth::itest
