#include "cli/rollout_render.h"

#include "cli/json_fields.h"
#include "cli/time_format.h"

namespace berth::cli {

void AddWaveFields(const nlohmann::json& deployment, KeyValueList& fields) {
  const nlohmann::json& waves = JsonObject(deployment, "waves");
  const int64_t count = JsonInt(waves, "count");
  if (count == 0) return;
  const int64_t current = JsonInt(waves, "current");
  std::string text = std::to_string(current) + " of " + std::to_string(count);
  const nlohmann::json& labels = JsonArray(waves, "labels");
  if (current >= 1 && static_cast<size_t>(current) <= labels.size() &&
      labels[current - 1].is_string()) {
    text += " (" + labels[current - 1].get<std::string>() + ")";
  }
  fields.Add("Waves", text);
  const std::string wait = JsonString(waves, "wait");
  if (wait.empty()) return;
  std::string waiting = wait == "Approval" ? "for approval (berth deployment continue " +
                                                 JsonString(deployment, "deploymentId") + ")"
                                           : "baking: watching alarms";
  const std::string until = JsonString(waves, "waitUntil");
  if (!until.empty()) waiting += " until " + FormatIsoDateTime(until);
  fields.Add("Waiting", waiting);
}

void PrintWaveHistory(const nlohmann::json& deployment, std::ostream& out) {
  const nlohmann::json& history = JsonArray(JsonObject(deployment, "waves"), "history");
  if (history.empty()) return;
  out << "\nWaves:\n";
  for (const nlohmann::json& record : history) {
    out << "  " << FormatIsoDateTime(JsonString(record, "time")) << "  wave "
        << JsonInt(record, "wave") << "  " << JsonString(record, "event");
    const std::string detail = JsonString(record, "detail");
    if (!detail.empty()) out << ": " << detail;
    out << "\n";
  }
}

}  // namespace berth::cli
