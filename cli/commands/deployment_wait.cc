#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/deployment_waiter.h"

namespace berth::cli {

CommandFn SetupDeploymentWait(CLI::App* cmd) {
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, "Deployment id (d-...)")->required();
  return [id](Context& ctx) -> Result<int> { return WaitAndReport(ctx, *id); };
}

}  // namespace berth::cli
