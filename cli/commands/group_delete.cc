#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"

namespace berth::cli {

CommandFn SetupGroupDelete(CLI::App* cmd) {
  auto app = std::make_shared<std::string>();
  auto group = std::make_shared<std::string>();
  cmd->add_option("APP", *app, "Application name")->required();
  cmd->add_option("GROUP", *group, "Deployment group name")->required();
  return [app, group](Context& ctx) -> Result<int> {
    return DeleteAndReport(
        ctx, "/applications/" + PathSegment(*app) + "/deployment-groups/" + PathSegment(*group),
        {{"applicationName", *app}, {"deploymentGroupName", *group}},
        "Deleted deployment group " + *group + " of application " + *app + " with its deployments");
  };
}

}  // namespace berth::cli
