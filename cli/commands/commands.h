// The `berth` subcommands, one file each, and the table Run() builds the CLI from.
#pragma once

#include <vector>

#include "cli/command.h"

namespace berth::cli {

CommandFn SetupAppCreate(CLI::App* cmd);
CommandFn SetupAppList(CLI::App* cmd);
CommandFn SetupAppGet(CLI::App* cmd);
CommandFn SetupAppDelete(CLI::App* cmd);
CommandFn SetupGroupCreate(CLI::App* cmd);
CommandFn SetupGroupList(CLI::App* cmd);
CommandFn SetupGroupGet(CLI::App* cmd);
CommandFn SetupGroupUpdate(CLI::App* cmd);
CommandFn SetupGroupDelete(CLI::App* cmd);
CommandFn SetupConfigCreate(CLI::App* cmd);
CommandFn SetupConfigList(CLI::App* cmd);
CommandFn SetupConfigGet(CLI::App* cmd);
CommandFn SetupConfigDelete(CLI::App* cmd);
CommandFn SetupInstanceList(CLI::App* cmd);
CommandFn SetupInstanceTag(CLI::App* cmd);
CommandFn SetupInstanceUntag(CLI::App* cmd);
CommandFn SetupInstanceDeregister(CLI::App* cmd);
CommandFn SetupTokenCreate(CLI::App* cmd);
CommandFn SetupTokenList(CLI::App* cmd);
CommandFn SetupTokenRevoke(CLI::App* cmd);
CommandFn SetupJoinTokenCreate(CLI::App* cmd);
CommandFn SetupJoinTokenList(CLI::App* cmd);
CommandFn SetupJoinTokenRevoke(CLI::App* cmd);
CommandFn SetupRevisionList(CLI::App* cmd);
CommandFn SetupRevisionRegister(CLI::App* cmd);
CommandFn SetupRevisionGet(CLI::App* cmd);
CommandFn SetupRevisionDelete(CLI::App* cmd);
CommandFn SetupPush(CLI::App* cmd);
CommandFn SetupDeploy(CLI::App* cmd);
CommandFn SetupDeploymentGet(CLI::App* cmd);
CommandFn SetupDeploymentList(CLI::App* cmd);
CommandFn SetupDeploymentWait(CLI::App* cmd);
CommandFn SetupDeploymentStop(CLI::App* cmd);
CommandFn SetupDeploymentContinue(CLI::App* cmd);
CommandFn SetupDeploymentRetry(CLI::App* cmd);
CommandFn SetupDeploymentLogs(CLI::App* cmd);
CommandFn SetupDeploymentTriggers(CLI::App* cmd);
CommandFn SetupAlarmSet(CLI::App* cmd);
CommandFn SetupAlarmList(CLI::App* cmd);
CommandFn SetupAlarmGet(CLI::App* cmd);
CommandFn SetupSecretSet(CLI::App* cmd);
CommandFn SetupSecretList(CLI::App* cmd);
CommandFn SetupSecretDelete(CLI::App* cmd);
CommandFn SetupAppspecValidate(CLI::App* cmd);
CommandFn SetupLocal(CLI::App* cmd);

// Every command, in the order `berth --help` lists them.
const std::vector<CommandSpec>& CommandTable();

}  // namespace berth::cli
