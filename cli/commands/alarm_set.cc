#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>

#include "cli/commands/commands.h"
#include "cli/json_fields.h"

namespace berth::cli {
namespace {

struct AlarmSetFlags {
  std::string name;
  std::string state;
  std::string reason;
};

}  // namespace

CommandFn SetupAlarmSet(CLI::App* cmd) {
  auto flags = std::make_shared<AlarmSetFlags>();
  cmd->add_option("NAME", flags->name, "Alarm name")->required();
  cmd->add_option("STATE", flags->state,
                  "OK, or ALARM: stops the deployments of the groups watching the alarm and "
                  "refuses new ones until it is OK again")
      ->required();
  cmd->add_option("--reason", flags->reason, "Why, for whoever reads the alarm later");
  return [flags](Context& ctx) -> Result<int> {
    std::string state = flags->state;
    std::transform(state.begin(), state.end(), state.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    ASSIGN_OR_RETURN(nlohmann::json alarm,
                     ctx.api->Put("/alarms/" + PathSegment(flags->name),
                                  {{"state", state}, {"reason", flags->reason}}));
    return Emit(ctx, alarm, [&](std::ostream& out) {
      out << "Alarm " << JsonString(alarm, "alarmName") << " is " << JsonString(alarm, "state")
          << "\n";
    });
  };
}

}  // namespace berth::cli
