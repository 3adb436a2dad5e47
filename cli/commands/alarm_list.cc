#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/paging.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {

CommandFn SetupAlarmList(CLI::App* cmd) {
  return [](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json answer, GetAllPages(*ctx.api, "/alarms", "alarms"));
    return Emit(ctx, answer, [&](std::ostream& out) {
      Table table({"NAME", "STATE", "UPDATED", "REASON"});
      for (const auto& a : JsonArray(answer, "alarms")) {
        table.AddRow({JsonString(a, "alarmName"), JsonString(a, "state"),
                      FormatIsoDateTime(JsonString(a, "updateTime")), JsonString(a, "reason")});
      }
      table.Print(out, "No alarms have been set.");
    });
  };
}

}  // namespace berth::cli
