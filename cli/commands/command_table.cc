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
      {"instance", "list", "List registered instances", SetupInstanceList},
      {"revision", "list", "List an application's revisions", SetupRevisionList},
      {"", "push", "Pack a directory, upload it and register it as a revision", SetupPush},
      {"", "deploy", "Deploy a revision to a deployment group", SetupDeploy},
      {"deployment", "get", "Show a deployment, host by host and event by event",
       SetupDeploymentGet},
      {"deployment", "list", "List deployments", SetupDeploymentList},
      {"deployment", "wait", "Follow a deployment until it ends", SetupDeploymentWait},
  };
  return kTable;
}

}  // namespace berth::cli
