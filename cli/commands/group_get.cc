#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/group_settings.h"

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
    return Emit(ctx, group, [&](std::ostream& out) { PrintGroup(out, group); });
  };
}

}  // namespace berth::cli
