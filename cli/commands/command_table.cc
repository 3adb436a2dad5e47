#include "cli/commands/commands.h"

namespace berth::cli {

const std::vector<CommandSpec>& CommandTable() {
  static const std::vector<CommandSpec> kTable = {
      {"app", "create", "Create an application", SetupAppCreate},
      {"app", "list", "List applications", SetupAppList},
      {"app", "get", "Show an application", SetupAppGet},
      {"group", "create", "Create a deployment group", SetupGroupCreate},
      {"group", "list", "List an application's deployment groups", SetupGroupList},
      {"group", "get", "Show a deployment group", SetupGroupGet},
      {"group", "update", "Change a deployment group's settings (only the flags given)",
       SetupGroupUpdate},
      {"config", "create", "Create a deployment config (minimum healthy hosts)", SetupConfigCreate},
      {"config", "list", "List deployment configs, built-in and custom", SetupConfigList},
      {"config", "get", "Show a deployment config", SetupConfigGet},
      {"config", "delete", "Delete a custom deployment config no group uses", SetupConfigDelete},
      {"instance", "list", "List registered instances", SetupInstanceList},
      {"instance", "tag", "Set tags on an instance (KEY=VALUE...)", SetupInstanceTag},
      {"instance", "untag", "Remove tags from an instance (KEY...)", SetupInstanceUntag},
      {"instance", "deregister", "Free an instance's name and revoke its agent",
       SetupInstanceDeregister},
      {"revision", "list", "List an application's revisions", SetupRevisionList},
      {"revision", "register",
       "Register a revision kept elsewhere (--s3, --git, --url) or a local --bundle",
       SetupRevisionRegister},
      {"revision", "get", "Show a revision and where it lives", SetupRevisionGet},
      {"", "push", "Pack a directory, upload it and register it as a revision", SetupPush},
      {"", "deploy", "Deploy a revision to a deployment group", SetupDeploy},
      {"deployment", "get", "Show a deployment, host by host and event by event",
       SetupDeploymentGet},
      {"deployment", "list", "List deployments", SetupDeploymentList},
      {"deployment", "wait", "Follow a deployment until it ends", SetupDeploymentWait},
      {"deployment", "stop", "Stop a deployment: no new events; running ones finish",
       SetupDeploymentStop},
      {"deployment", "logs", "Show the hook output agents streamed; --follow for live output",
       SetupDeploymentLogs},
      {"deployment", "triggers", "Show a deployment's trigger webhooks and their delivery",
       SetupDeploymentTriggers},
      {"alarm", "set", "Set an alarm OK or ALARM (ALARM stops the deployments watching it)",
       SetupAlarmSet},
      {"alarm", "list", "List alarms and their states", SetupAlarmList},
      {"alarm", "get", "Show an alarm", SetupAlarmGet},
      {"token", "create", "Create an API token with a role (shown once)", SetupTokenCreate},
      {"token", "list", "List API tokens", SetupTokenList},
      {"token", "revoke", "Revoke an API token", SetupTokenRevoke},
      {"join-token", "create", "Create a join token for new hosts (shown once)",
       SetupJoinTokenCreate},
      {"join-token", "list", "List join tokens", SetupJoinTokenList},
      {"join-token", "revoke", "Revoke a join token", SetupJoinTokenRevoke},
      {"appspec", "validate", "Check an appspec and that the scripts and files it names exist",
       SetupAppspecValidate},
      {"", "local", "Run a revision's lifecycle on this host, with no controller", SetupLocal},
  };
  return kTable;
}

}  // namespace berth::cli
