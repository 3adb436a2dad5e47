// The deployment group settings `group create` and `group update` share: their flags and
// the API fields they become (docs/api.md "Deployment groups").
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/hook_flags.h"
#include "common/status.h"

namespace CLI {
class App;
}  // namespace CLI

namespace berth::cli {

struct GroupSettingsFlags {
  std::vector<std::string> tags;
  std::vector<std::string> tag_sets;
  std::string config;
  std::string file_exists_behavior;
  std::string auto_rollback;          // "failure,stop,alarm" | full event names | "none"
  std::string alarms;                 // "NAME,NAME" | "none"
  std::vector<std::string> triggers;  // NAME=URL | "none"
  std::string trigger_events;         // applies to every --trigger; empty: all events
  std::string outdated_instances;     // UPDATE | IGNORE
  std::string max_failed_hosts;       // "N" | "P%" | "none"
  std::vector<std::string> freeze;    // freeze window specs, replacing the group's
  bool clear_freeze = false;          // no freeze windows
  HealthCheckFlags health;            // --health-check URL|none, --health-timeout, -interval
};

// Adds the flags to `cmd`.
void AddGroupSettingsFlags(CLI::App* cmd, GroupSettingsFlags* flags);

// The API fields for the flags that were given (`require_targets`: --tag or --tag-set is
// a must, as for create). INVALID_ARGUMENT names the flag and what is wrong.
Result<nlohmann::json> GroupSettingsBody(const GroupSettingsFlags& flags, bool require_targets);

// "failure,stop,alarm" -> the CodeDeploy event names; "none" -> none. INVALID_ARGUMENT
// for anything else.
Result<std::vector<std::string>> ParseRollbackEvents(const std::string& text);

// Writes the group's settings as "Key: value" lines (group get/create/update).
void PrintGroup(std::ostream& out, const nlohmann::json& group);

}  // namespace berth::cli
