#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/deployment_render.h"
#include "cli/paging.h"

namespace berth::cli {

CommandFn SetupDeploymentGet(CLI::App* cmd) {
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, "Deployment id (d-...)")->required();
  return [id](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json deployment, ctx.api->Get("/deployments/" + PathSegment(*id)));
    if (ctx.output == OutputFormat::kJson) return Emit(ctx, deployment, nullptr);
    ASSIGN_OR_RETURN(nlohmann::json failed, GetAllTargets(*ctx.api, *id, "Failed"));
    return Emit(ctx, deployment,
                [&](std::ostream& out) { PrintDeploymentDetail(deployment, failed, out); });
  };
}

}  // namespace berth::cli
