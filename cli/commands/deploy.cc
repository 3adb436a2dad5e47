#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/deployment_waiter.h"
#include "cli/group_settings.h"
#include "cli/hook_flags.h"
#include "cli/json_fields.h"
#include "cli/max_failed_hosts.h"
#include "cli/revision_source.h"
#include "cli/rollout_flags.h"

namespace berth::cli {
namespace {

struct DeployFlags {
  std::string app;
  std::string group;
  std::string revision;
  std::string config;
  std::string description;
  std::string file_exists_behavior;
  bool ignore_application_stop_failures = false;
  bool wait = false;
  bool queue = false;
  bool outdated_only = false;
  std::string auto_rollback;   // override of the group's: "failure,stop,alarm" | "none"
  std::string max_failed_hosts;  // "N" | "P%"; empty: the group's or config's
  bool override_freeze = false;
  RevisionSourceFlags source;  // when set instead of --revision: registered first
  RolloutFlags rollout;        // waves, bakes, approvals, canary
  HookFlags hooks;             // --var, --var-file, --secret, --restart, --health-check
};

Result<nlohmann::json> CreateRequest(const DeployFlags& flags) {
  nlohmann::json body = {{"applicationName", flags.app}, {"deploymentGroupName", flags.group}};
  if (!flags.revision.empty()) body["revisionId"] = flags.revision;
  RETURN_IF_ERROR(PutHookFields(flags.hooks, &body));
  if (!flags.config.empty()) body["deploymentConfigName"] = flags.config;
  if (!flags.description.empty()) body["description"] = flags.description;
  if (!flags.file_exists_behavior.empty()) {
    body["fileExistsBehavior"] = flags.file_exists_behavior;
  }
  if (flags.ignore_application_stop_failures) body["ignoreApplicationStopFailures"] = true;
  if (flags.queue) body["queue"] = true;
  if (flags.outdated_only) body["updateOutdatedInstancesOnly"] = true;
  if (!flags.auto_rollback.empty()) {
    ASSIGN_OR_RETURN(std::vector<std::string> events, ParseRollbackEvents(flags.auto_rollback));
    body["autoRollbackConfiguration"] = {{"enabled", !events.empty()}, {"events", events}};
  }
  ASSIGN_OR_RETURN(std::optional<nlohmann::json> rollout, RolloutJson(flags.rollout));
  if (rollout) body["rollout"] = *rollout;
  if (!flags.max_failed_hosts.empty()) {
    ASSIGN_OR_RETURN(body["maxFailedHosts"], ParseMaxFailedHosts(flags.max_failed_hosts, false));
  }
  if (flags.override_freeze) body["overrideFreeze"] = true;
  return body;
}

}  // namespace

CommandFn SetupDeploy(CLI::App* cmd) {
  auto flags = std::make_shared<DeployFlags>();
  cmd->add_option("APP", flags->app, "Application name")->required();
  cmd->add_option("GROUP", flags->group, "Deployment group name")->required();
  cmd->add_option("--revision", flags->revision, "Revision id (r-...), as printed by push");
  AddRevisionSourceFlags(cmd, &flags->source);
  cmd->add_option("--config", flags->config, "Deployment config (default: the group's)");
  cmd->add_option("--description", flags->description, "Free text kept with the deployment");
  cmd->add_option("--file-exists-behavior", flags->file_exists_behavior,
                  "What to do with files already on the host (default: the group's)")
      ->check(CLI::IsMember({"DISALLOW", "OVERWRITE", "RETAIN"}));
  cmd->add_flag("--ignore-application-stop-failures", flags->ignore_application_stop_failures,
                "Carry on when ApplicationStop fails");
  cmd->add_flag("--queue", flags->queue,
                "If the group has an active deployment, queue this one to start after it");
  cmd->add_flag("--outdated-only", flags->outdated_only,
                "Deploy only to hosts not already on this revision");
  cmd->add_option("--auto-rollback", flags->auto_rollback,
                  "For this deployment instead of the group's setting: roll back on failure, "
                  "stop, alarm (comma-separated), or none");
  AddRolloutFlags(cmd, &flags->rollout, /*with_canary=*/true);
  cmd->add_option("--max-failed-hosts", flags->max_failed_hosts,
                  "Fail the deployment (MAX_FAILED_HOSTS) once more hosts than this failed: a "
                  "count (0: every host must succeed) or a percentage (10%); default: the "
                  "group's, else the config's");
  cmd->add_flag("--override-freeze", flags->override_freeze,
                "Start even inside one of the group's freeze windows (admin tokens only; "
                "recorded on the deployment)");
  AddHookFlags(cmd, &flags->hooks);
  cmd->add_flag("--wait", flags->wait,
                "Follow the deployment; exit 0 only if it succeeds, 1 if it fails or stops");
  return [flags](Context& ctx) -> Result<int> {
    int sources = CountRevisionSources(flags->source) + !flags->revision.empty();
    if (flags->hooks.restart && sources != 0) {
      return InvalidArgument(
          "--restart takes no revision: it re-runs each host's last successful revision");
    }
    if (!flags->hooks.restart && sources != 1) {
      return InvalidArgument(
          "name the revision exactly once: --revision, --s3, --git, --url or --bundle");
    }
    // Bad rollout flags are refused before a bundle is uploaded and registered.
    RETURN_IF_ERROR(RolloutJson(flags->rollout).status());
    if (flags->revision.empty() && !flags->hooks.restart) {
      ASSIGN_OR_RETURN(nlohmann::json location, RevisionLocationJson(ctx, flags->source));
      ASSIGN_OR_RETURN(nlohmann::json revision,
                       RegisterRevision(ctx, flags->app, location, flags->description));
      flags->revision = JsonString(revision, "revisionId");
    }
    ASSIGN_OR_RETURN(nlohmann::json request, CreateRequest(*flags));
    ASSIGN_OR_RETURN(nlohmann::json created, ctx.api->Post("/deployments", request));
    std::string id = JsonString(created, "deploymentId");
    if (flags->wait) {
      if (ctx.output == OutputFormat::kTable) {
        *ctx.out << "Created deployment " << id << " of " << flags->app << "/" << flags->group
                 << (flags->hooks.restart ? " (restart)" : " (revision " + flags->revision + ")")
                 << "\n";
      }
      return WaitAndReport(ctx, id);
    }
    return Emit(ctx, created, [&](std::ostream& out) {
      out << "Created deployment " << id << " of " << flags->app << "/" << flags->group
          << (flags->hooks.restart ? " (restart)" : " (revision " + flags->revision + ")") << "\n"
          << "Follow it with:\n  berth deployment wait " << id << "\n";
    });
  };
}

}  // namespace berth::cli
