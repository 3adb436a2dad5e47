#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"
#include "cli/table.h"
#include "cli/time_format.h"

namespace berth::cli {

CommandFn SetupAlarmGet(CLI::App* cmd) {
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "Alarm name")->required();
  return [name](Context& ctx) -> Result<int> {
    ASSIGN_OR_RETURN(nlohmann::json a, ctx.api->Get("/alarms/" + PathSegment(*name)));
    return Emit(ctx, a, [&](std::ostream& out) {
      KeyValueList fields;
      fields.Add("Alarm", JsonString(a, "alarmName"));
      fields.Add("State", JsonString(a, "state"));
      fields.Add("Updated", FormatIsoDateTime(JsonString(a, "updateTime")));
      fields.Add("Reason", JsonString(a, "reason"));
      fields.Print(out);
    });
  };
}

}  // namespace berth::cli
