#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {
namespace {

std::string DescribeTags(const nlohmann::json& instance) {
  std::string text;
  for (const auto& tag : JsonArray(instance, "tags")) {
    if (!text.empty()) text += ",";
    text += JsonString(tag, "Key") + "=" + JsonString(tag, "Value");
  }
  return text;
}

std::string DescribeLastSeen(const nlohmann::json& instance, int64_t now_ms) {
  std::optional<int64_t> seen = ParseIsoTime(JsonString(instance, "lastSeenTime"));
  return seen ? FormatAge(now_ms - *seen) : "never";
}

// "Online" or "Unreachable" (the agent has been silent too long) for a registered
// instance; otherwise its registration status.
std::string DescribeStatus(const nlohmann::json& instance) {
  std::string registration = JsonString(instance, "registrationStatus");
  std::string status = JsonString(instance, "status");
  return registration != "Registered" || status.empty() ? registration : status;
}

}  // namespace

CommandFn SetupInstanceList(CLI::App* cmd) {
  return [](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, GetAllPages(*ctx.api, "/instances", "instanceInfos"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"NAME", "STATUS", "TAGS", "AGENT", "LAST SEEN"});
      int64_t now_ms = ctx.clock->NowMs();
      for (const auto& instance : JsonArray(answer, "instanceInfos")) {
        table.AddRow({JsonString(instance, "instanceName"), DescribeStatus(instance),
                      DescribeTags(instance), JsonString(instance, "agentVersion"),
                      DescribeLastSeen(instance, now_ms)});
      }
      table.Print(out, "No instances. Start berth-agent on a host to register it.");
    });
  };
}

}  // namespace berth::cli
