// `berth token create|list|revoke`: API tokens with roles (docs/security.md "Roles").
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"
#include "common/duration.h"

namespace berth::cli {

CommandFn SetupTokenCreate(CLI::App* cmd) {
  struct Flags {
    std::string role;
    std::string ttl = "0";
    std::string description;
  };
  auto flags = std::make_shared<Flags>();
  cmd->add_option("--role", flags->role, "viewer, deployer, admin or alerts")
      ->required()
      ->check(CLI::IsMember({"viewer", "deployer", "admin", "alerts"}));
  cmd->add_option("--ttl", flags->ttl, "Lifetime such as 12h or 90d (0: never expires)")
      ->capture_default_str();
  cmd->add_option("--description", flags->description, "What the token is for");
  return [flags](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(int64_t ttl_ms, ParseDurationMs(flags->ttl));
    ASSIGN_OR_RETURN(nlohmann::json token,
                     ctx.api->Post("/tokens", {{"role", flags->role},
                                               {"ttlSeconds", ttl_ms / 1000},
                                               {"description", flags->description}}));
    return Emit(ctx, token, [&](std::ostream& out) {
      out << "Created " << JsonString(token, "role") << " token " << JsonString(token, "id")
          << (JsonString(token, "expireTime").empty()
                  ? ""
                  : " (expires " + FormatIsoDateTime(JsonString(token, "expireTime")) + ")")
          << ". It is shown only now; keep it in a file (berth --token-file FILE):\n"
          << JsonString(token, "token") << "\n";
    });
  };
}

CommandFn SetupTokenList(CLI::App* cmd) {
  return [](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, GetAllPages(*ctx.api, "/tokens", "tokens"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"ID", "ROLE", "STATUS", "CREATED", "EXPIRES", "DESCRIPTION"});
      for (const auto& t : JsonArray(answer, "tokens")) {
        table.AddRow({JsonString(t, "id"), JsonString(t, "role"), JsonString(t, "status"),
                      FormatIsoDateTime(JsonString(t, "createTime")),
                      FormatIsoDateTime(JsonString(t, "expireTime")),
                      JsonString(t, "description")});
      }
      table.Print(out, "No API tokens (the data dir's admin.token is not listed).");
    });
  };
}

}  // namespace berth::cli
