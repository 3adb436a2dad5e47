#include "cli/group_settings.h"

#include <CLI/CLI.hpp>
#include <sstream>

#include "cli/json_fields.h"
#include "cli/max_failed_hosts.h"
#include "cli/table.h"
#include "cli/tag_filter.h"
#include "cli/tag_set.h"
#include "cli/time_format.h"

namespace berth::cli {
namespace {

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string JoinStrings(const nlohmann::json& list, const char* field = nullptr) {
  std::string out;
  for (const nlohmann::json& item : list) {
    std::string text =
        field ? JsonString(item, field) : (item.is_string() ? item.get<std::string>() : "");
    out += (out.empty() ? "" : ", ") + text;
  }
  return out;
}

}  // namespace

void AddGroupSettingsFlags(CLI::App* cmd, GroupSettingsFlags* flags) {
  cmd->add_option("--tag", flags->tags,
                  "Select instances tagged K=V, with key K, or with value =V; several "
                  "--tag flags select instances matching any of them")
      ->allow_extra_args(false);
  cmd->add_option("--tag-set", flags->tag_sets,
                  "One more list of filters, comma-separated (\"role=web,role=api\"); an "
                  "instance must match every list (the --tags form the first); at most 3 lists")
      ->allow_extra_args(false);
  cmd->add_option("--config", flags->config,
                  "Deployment config (default CodeDeployDefault.OneAtATime)");
  cmd->add_option("--file-exists-behavior", flags->file_exists_behavior,
                  "Default for files already on the host")
      ->check(CLI::IsMember({"DISALLOW", "OVERWRITE", "RETAIN"}));
  cmd->add_option("--auto-rollback", flags->auto_rollback,
                  "Roll back automatically on: failure, stop, alarm (comma-separated), or "
                  "none");
  cmd->add_option("--alarms", flags->alarms,
                  "Alarms to watch, comma-separated (a firing one stops the deployment), or "
                  "none");
  cmd->add_option("--trigger", flags->triggers,
                  "Webhook NAME=URL to POST deployment and instance events to; repeat for "
                  "several; \"none\" removes them all")
      ->allow_extra_args(false);
  cmd->add_option("--trigger-events", flags->trigger_events,
                  "Events the --trigger webhooks get, comma-separated (default all): "
                  "DeploymentStart, DeploymentSuccess, DeploymentFailure, DeploymentStop, "
                  "DeploymentRollback, InstanceStart, InstanceSuccess, InstanceFailure");
  cmd->add_option("--outdated-instances", flags->outdated_instances,
                  "New instances matching the group: UPDATE (deploy the last successful "
                  "revision to them, the default) or IGNORE")
      ->check(CLI::IsMember({"UPDATE", "IGNORE"}));
  cmd->add_option("--max-failed-hosts", flags->max_failed_hosts,
                  "Default failure budget of the group's deployments: a count (0: every host "
                  "must succeed), a percentage (10%), or none (the config's)");
  cmd->add_option("--freeze", flags->freeze,
                  "A freeze window, during which no deployment starts: \"Fri 16:00-Mon 08:00 "
                  "Europe/Berlin\" (weekly) or \"2026-12-24 00:00-2026-12-27 00:00 UTC\" "
                  "(once); repeat for several; replaces the group's windows")
      ->allow_extra_args(false);
  cmd->add_flag("--clear-freeze", flags->clear_freeze, "Remove every freeze window");
  AddHealthCheckFlags(cmd, &flags->health);
}

Result<std::vector<std::string>> ParseRollbackEvents(const std::string& text) {
  std::vector<std::string> events;
  if (text == "none") return events;
  for (const std::string& item : SplitCommas(text)) {
    std::string event;
    if (item == "failure" || item == "DEPLOYMENT_FAILURE") {
      event = "DEPLOYMENT_FAILURE";
    } else if (item == "stop" || item == "DEPLOYMENT_STOP_ON_REQUEST") {
      event = "DEPLOYMENT_STOP_ON_REQUEST";
    } else if (item == "alarm" || item == "DEPLOYMENT_STOP_ON_ALARM") {
      event = "DEPLOYMENT_STOP_ON_ALARM";
    } else {
      return InvalidArgument("--auto-rollback: \"" + item +
                             "\" is not one of failure, stop, alarm, none");
    }
    events.push_back(event);
  }
  if (events.empty()) return InvalidArgument("--auto-rollback needs failure, stop, alarm or none");
  return events;
}

Result<nlohmann::json> GroupSettingsBody(const GroupSettingsFlags& flags, bool require_targets) {
  nlohmann::json body = nlohmann::json::object();
  if (require_targets || !flags.tags.empty() || !flags.tag_sets.empty()) {
    ASSIGN_OR_RETURN(body, ParseGroupTargets(flags.tags, flags.tag_sets));
  }
  if (!flags.config.empty()) body["deploymentConfigName"] = flags.config;
  if (!flags.file_exists_behavior.empty()) body["fileExistsBehavior"] = flags.file_exists_behavior;
  if (!flags.auto_rollback.empty()) {
    ASSIGN_OR_RETURN(std::vector<std::string> events, ParseRollbackEvents(flags.auto_rollback));
    body["autoRollbackConfiguration"] = {{"enabled", !events.empty()}, {"events", events}};
  }
  if (!flags.alarms.empty()) {
    nlohmann::json alarms = nlohmann::json::array();
    if (flags.alarms != "none") {
      for (const std::string& name : SplitCommas(flags.alarms)) alarms.push_back({{"name", name}});
    }
    body["alarmConfiguration"] = {{"enabled", !alarms.empty()}, {"alarms", alarms}};
  }
  if (!flags.triggers.empty()) {
    nlohmann::json triggers = nlohmann::json::array();
    if (!(flags.triggers.size() == 1 && flags.triggers[0] == "none")) {
      for (const std::string& t : flags.triggers) {
        size_t eq = t.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == t.size()) {
          return InvalidArgument("--trigger \"" + t + "\" is not NAME=URL");
        }
        triggers.push_back({{"triggerName", t.substr(0, eq)},
                            {"triggerTargetUrl", t.substr(eq + 1)},
                            {"triggerEvents", SplitCommas(flags.trigger_events)}});
      }
    }
    body["triggerConfigurations"] = triggers;
  } else if (!flags.trigger_events.empty()) {
    return InvalidArgument("--trigger-events needs at least one --trigger NAME=URL");
  }
  if (!flags.outdated_instances.empty()) {
    body["outdatedInstancesStrategy"] = flags.outdated_instances;
  }
  if (!flags.max_failed_hosts.empty()) {
    ASSIGN_OR_RETURN(body["maxFailedHosts"], ParseMaxFailedHosts(flags.max_failed_hosts, true));
  }
  if (flags.clear_freeze && !flags.freeze.empty()) {
    return InvalidArgument("--freeze and --clear-freeze do not go together");
  }
  if (flags.clear_freeze || !flags.freeze.empty()) body["freezeWindows"] = flags.freeze;
  RETURN_IF_ERROR(PutHealthCheck(flags.health, !require_targets, &body));
  return body;
}

void PrintGroup(std::ostream& out, const nlohmann::json& group) {
  KeyValueList fields;
  fields.Add("Group", JsonString(group, "deploymentGroupName"));
  fields.Add("Application", JsonString(group, "applicationName"));
  fields.Add("ID", JsonString(group, "deploymentGroupId"));
  fields.Add("Config", JsonString(group, "deploymentConfigName"));
  fields.Add("Targets", DescribeGroupTargets(group));
  fields.Add("Files exist", JsonString(group, "fileExistsBehavior"));
  const nlohmann::json& rollback = JsonObject(group, "autoRollbackConfiguration");
  fields.Add("Auto rollback", rollback.value("enabled", false)
                                  ? JoinStrings(JsonArray(rollback, "events"))
                                  : std::string("off"));
  const nlohmann::json& alarms = JsonObject(group, "alarmConfiguration");
  fields.Add("Alarms", alarms.value("enabled", false)
                           ? JoinStrings(JsonArray(alarms, "alarms"), "name")
                           : std::string("none"));
  std::string triggers;
  for (const nlohmann::json& t : JsonArray(group, "triggerConfigurations")) {
    std::string events = JoinStrings(JsonArray(t, "triggerEvents"));
    triggers += (triggers.empty() ? "" : "; ") + JsonString(t, "triggerName") + " -> " +
                JsonString(t, "triggerTargetUrl") + " (" +
                (events.empty() ? std::string("all events") : events) + ")";
  }
  fields.Add("Triggers", triggers.empty() ? std::string("none") : triggers);
  fields.Add("New instances", JsonString(group, "outdatedInstancesStrategy"));
  const std::string budget = DescribeMaxFailedHosts(group);
  fields.Add("Max failed hosts", budget.empty() ? std::string("the config's") : budget);
  const std::string windows = JoinStrings(JsonArray(group, "freezeWindows"));
  fields.Add("Freeze windows", windows.empty() ? std::string("none") : windows);
  if (group.contains("healthCheck")) {
    const nlohmann::json& check = JsonObject(group, "healthCheck");
    fields.Add("Health check", JsonString(check, "url") + " (timeout " +
                                   std::to_string(check.value("timeoutMs", 0)) + " ms, every " +
                                   std::to_string(check.value("intervalMs", 0)) + " ms)");
  }
  fields.Add("Last successful", JsonString(group, "lastSuccessfulDeploymentId"));
  fields.Add("Created", FormatIsoDateTime(JsonString(group, "createTime")));
  fields.Print(out);
}

}  // namespace berth::cli
