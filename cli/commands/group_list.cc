#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/tag_filter.h"

namespace berth::cli {

CommandFn SetupGroupList(CLI::App* cmd) {
  auto app = std::make_shared<std::string>();
  cmd->add_option("APP", *app, "Application name")->required();
  return [app](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer,
                     GetAllPages(*ctx.api, "/applications/" + PathSegment(*app) + "/deployment-groups",
                                 "deploymentGroups"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"NAME", "CONFIG", "TARGETS", "LAST SUCCESSFUL"});
      for (const auto& group : JsonArray(answer, "deploymentGroups")) {
        table.AddRow({JsonString(group, "deploymentGroupName"),
                      JsonString(group, "deploymentConfigName"), DescribeGroupTargets(group),
                      JsonString(group, "lastSuccessfulDeploymentId")});
      }
      table.Print(out, "No deployment groups. Create one with: berth group create " + *app +
                           " GROUP --tag KEY=VALUE");
    });
  };
}

}  // namespace berth::cli
