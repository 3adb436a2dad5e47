// `berth token revoke ID` and `berth join-token revoke ID`: the same request on two
// collections.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"

namespace berth::cli {
namespace {

CommandFn SetupRevoke(CLI::App* cmd, const std::string& collection, const std::string& what) {
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, what + " id")->required();
  return [id, collection, what](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, ctx.api->Delete(collection + PathSegment(*id)));
    return Emit(ctx, answer, [&](std::ostream& out) { out << "Revoked " << what << " " << *id << ".\n"; });
  };
}

}  // namespace

CommandFn SetupTokenRevoke(CLI::App* cmd) { return SetupRevoke(cmd, "/tokens/", "token"); }
CommandFn SetupJoinTokenRevoke(CLI::App* cmd) {
  return SetupRevoke(cmd, "/join-tokens/", "join token");
}

}  // namespace berth::cli
