#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"

namespace berth::cli {

CommandFn SetupRevisionDelete(CLI::App* cmd) {
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, "Revision id (r-...)")->required();
  return [id](Context& ctx) -> Result<int> {
    return DeleteAndReport(ctx, "/revisions/" + PathSegment(*id), {{"revisionId", *id}},
                           "Deleted revision " + *id);
  };
}

}  // namespace berth::cli
