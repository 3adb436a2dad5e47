#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/group_settings.h"
#include "cli/json_fields.h"

namespace berth::cli {
namespace {

struct GroupUpdateFlags {
  std::string app;
  std::string group;
  std::string new_name;
  GroupSettingsFlags settings;
};

}  // namespace

CommandFn SetupGroupUpdate(CLI::App* cmd) {
  auto flags = std::make_shared<GroupUpdateFlags>();
  cmd->add_option("APP", flags->app, "Application name")->required();
  cmd->add_option("GROUP", flags->group, "Deployment group name")->required();
  cmd->add_option("--new-name", flags->new_name, "Rename the group");
  AddGroupSettingsFlags(cmd, &flags->settings);
  return [flags](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json body, GroupSettingsBody(flags->settings, false));
    if (!flags->new_name.empty()) body["newDeploymentGroupName"] = flags->new_name;
    if (body.empty()) {
      return InvalidArgument("nothing to change: give at least one setting flag (see --help)");
    }
    ASSIGN_OR_RETURN(nlohmann::json group,
                     ctx.api->Patch("/applications/" + PathSegment(flags->app) +
                                        "/deployment-groups/" + PathSegment(flags->group),
                                    body));
    return Emit(ctx, group, [&](std::ostream& out) {
      out << "Updated deployment group " << JsonString(group, "deploymentGroupName") << " of "
          << JsonString(group, "applicationName") << "\n";
      PrintGroup(out, group);
    });
  };
}

}  // namespace berth::cli
