#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/group_settings.h"
#include "cli/json_fields.h"

namespace berth::cli {
namespace {

struct GroupCreateFlags {
  std::string app;
  std::string group;
  GroupSettingsFlags settings;
};

}  // namespace

CommandFn SetupGroupCreate(CLI::App* cmd) {
  auto flags = std::make_shared<GroupCreateFlags>();
  cmd->add_option("APP", flags->app, "Application name")->required();
  cmd->add_option("GROUP", flags->group, "Deployment group name")->required();
  AddGroupSettingsFlags(cmd, &flags->settings);
  return [flags](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json body, GroupSettingsBody(flags->settings, true));
    body["applicationName"] = flags->app;
    body["deploymentGroupName"] = flags->group;
    ASSIGN_OR_RETURN(
        nlohmann::json group,
        ctx.api->Post("/applications/" + PathSegment(flags->app) + "/deployment-groups", body));
    return Emit(ctx, group, [&](std::ostream& out) {
      out << "Created deployment group " << JsonString(group, "deploymentGroupName") << " of "
          << JsonString(group, "applicationName") << "\n";
      PrintGroup(out, group);
    });
  };
}

}  // namespace berth::cli
