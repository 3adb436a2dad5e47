// `berth secret set|list|delete`: the controller's store of secrets, admin only
// (docs/security.md "Secrets"). Values are read from stdin and never printed.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"
#include "cli/paging.h"
#include "cli/secret_value.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {

CommandFn SetupSecretSet(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Secret name (letters, digits, _): hooks see BERTH_VAR_NAME")
      ->required();
  return [name](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(std::string value, ReadSecretValue(std::cin, *ctx.err, *name));
    ASSIGN_OR_RETURN(nlohmann::json answer,
                     ctx.api->Put("/secrets/" + PathSegment(*name), {{"value", value}}));
    return Emit(ctx, answer, [&](std::ostream& out) {
      out << "Set secret " << JsonString(answer, "name") << "\n";
    });
  };
}

CommandFn SetupSecretList(CLI::App* cmd) {
  return [](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, GetAllPages(*ctx.api, "/secrets", "secrets"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"NAME", "CREATED", "UPDATED"});
      for (const auto& s : JsonArray(answer, "secrets")) {
        table.AddRow({JsonString(s, "name"), FormatIsoDateTime(JsonString(s, "createTime")),
                      FormatIsoDateTime(JsonString(s, "updateTime"))});
      }
      table.Print(out, "No secrets.");
    });
  };
}

CommandFn SetupSecretDelete(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Secret name")->required();
  return [name](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, ctx.api->Delete("/secrets/" + PathSegment(*name)));
    return Emit(ctx, answer, [&](std::ostream& out) { out << "Deleted secret " << *name << "\n"; });
  };
}

}  // namespace berth::cli
