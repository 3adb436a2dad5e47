#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"

namespace berth::cli {

CommandFn SetupConfigDelete(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Deployment config name")->required();
  return [name](Context& ctx) -> Result<int> {
    return DeleteAndReport(ctx, "/deployment-configs/" + PathSegment(*name),
                           {{"deploymentConfigName", *name}}, "Deleted deployment config " + *name);
  };
}

}  // namespace berth::cli
