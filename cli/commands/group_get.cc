#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/tag_filter.h"
#include "cli/time_format.h"

namespace berth::cli {

CommandFn SetupGroupGet(CLI::App* cmd) {
  auto app = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  cmd->add_option("APP", *app, "Application name")->required();
  cmd->add_option("GROUP", *name, "Deployment group name")->required();
  return [app, name](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json group,
                     ctx.api->Get("/applications/" + PathSegment(*app) + "/deployment-groups/" +
                                  PathSegment(*name)));
    return Emit(ctx, group, [&](std::ostream& out) {
      KeyValueList fields;
      fields.Add("Group", JsonString(group, "deploymentGroupName"));
      fields.Add("Application", JsonString(group, "applicationName"));
      fields.Add("ID", JsonString(group, "deploymentGroupId"));
      fields.Add("Config", JsonString(group, "deploymentConfigName"));
      fields.Add("Targets", DescribeGroupTargets(group));
      fields.Add("Files exist", JsonString(group, "fileExistsBehavior"));
      fields.Add("Last successful", JsonString(group, "lastSuccessfulDeploymentId"));
      fields.Add("Created", FormatIsoDateTime(JsonString(group, "createTime")));
      fields.Print(out);
    });
  };
}

}  // namespace berth::cli
