// `berth instance deregister NAME`: frees the name and revokes the agent's certificate.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"

namespace berth::cli {

CommandFn SetupInstanceDeregister(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Instance name")->required();
  return [name](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json instance,
                     ctx.api->Post("/instances/" + PathSegment(*name) + "/deregister",
                                   nlohmann::json::object()));
    return Emit(ctx, instance, [&](std::ostream& out) {
      out << "Deregistered " << *name << ": its agent is refused from now on and no new "
          << "deployment targets it. A new host may enroll under this name.\n";
    });
  };
}

}  // namespace berth::cli
