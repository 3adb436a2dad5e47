#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"

namespace berth::cli {

CommandFn SetupConfigDelete(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Deployment config name")->required();
  return [name](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer,
                     ctx.api->Delete("/deployment-configs/" + PathSegment(*name)));
    nlohmann::json out = {{"deploymentConfigName", *name}, {"deleted", true}};
    return Emit(ctx, out,
                [&](std::ostream& o) { o << "Deleted deployment config " << *name << "\n"; });
  };
}

}  // namespace berth::cli
