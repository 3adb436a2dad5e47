// `berth join-token create|list|revoke`: how new hosts enroll (docs/security.md).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"
#include "common/duration.h"

namespace berth::cli {

CommandFn SetupJoinTokenCreate(CLI::App* cmd) {
  struct Flags {
    std::string ttl = "1h";
    int uses = 0;
    std::vector<std::string> tags;
    std::string name_prefix;
    std::string description;
  };
  auto flags = std::make_shared<Flags>();
  cmd->add_option("--ttl", flags->ttl, "How long it can be used, such as 1h or 7d (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--uses", flags->uses, "How many hosts may enroll with it (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--tag", flags->tags,
                  "KEY=VALUE the hosts it enrolls get, whatever their own --tag says "
                  "(repeatable)");
  cmd->add_option("--name-prefix", flags->name_prefix, "Only instance names starting with this");
  cmd->add_option("--description", flags->description, "What the token is for");
  return [flags](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(int64_t ttl_ms, ParseDurationMs(flags->ttl));
    nlohmann::json tags = nlohmann::json::array();
    for (const std::string& t : flags->tags) {
      size_t eq = t.find('=');
      if (eq == std::string::npos || eq == 0) return InvalidArgument("--tag \"" + t + "\" is not KEY=VALUE");
      tags.push_back({{"Key", t.substr(0, eq)}, {"Value", t.substr(eq + 1)}});
    }
    ASSIGN_OR_RETURN(nlohmann::json token,
                     ctx.api->Post("/join-tokens", {{"ttlSeconds", ttl_ms / 1000},
                                                    {"uses", flags->uses},
                                                    {"tags", tags},
                                                    {"namePrefix", flags->name_prefix},
                                                    {"description", flags->description}}));
    return Emit(ctx, token, [&](std::ostream& out) {
      out << "Created join token " << JsonString(token, "id") << ". It is shown only now; on each "
          << "new host run:\n  berth-agent --controller HOST:PORT --join-token-file FILE ...\n"
          << "with FILE holding:\n"
          << JsonString(token, "joinToken") << "\n";
    });
  };
}

CommandFn SetupJoinTokenList(CLI::App* cmd) {
  return [](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, GetAllPages(*ctx.api, "/join-tokens", "joinTokens"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"ID", "STATUS", "USES", "EXPIRES", "NAME PREFIX", "DESCRIPTION"});
      for (const auto& t : JsonArray(answer, "joinTokens")) {
        int64_t max = t.value("maxUses", 0);
        table.AddRow({JsonString(t, "id"), JsonString(t, "status"),
                      std::to_string(t.value("uses", 0)) + "/" +
                          (max == 0 ? std::string("any") : std::to_string(max)),
                      FormatIsoDateTime(JsonString(t, "expireTime")),
                      JsonString(t, "namePrefix"), JsonString(t, "description")});
      }
      table.Print(out, "No join tokens.");
    });
  };
}

}  // namespace berth::cli
