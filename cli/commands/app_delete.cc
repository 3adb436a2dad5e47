#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"

namespace berth::cli {

CommandFn SetupAppDelete(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Application name")->required();
  return [name](Context& ctx) -> Result<int> {
    return DeleteAndReport(
        ctx, "/applications/" + PathSegment(*name), {{"applicationName", *name}},
        "Deleted application " + *name + " with its deployment groups and " + "revisions");
  };
}

}  // namespace berth::cli
