#include "agent/state/ongoing_event.h"

#include <nlohmann/json.hpp>

namespace berth::agent {

std::string OngoingEventToJson(const OngoingEvent& event) {
  nlohmann::json j = {
      {"command_id", event.command_id}, {"deployment_id", event.deployment_id},
      {"group_id", event.group_id},     {"event", event.event},
      {"started", event.started_ms},
  };
  return j.dump() + "\n";
}

Result<OngoingEvent> OngoingEventFromJson(const std::string& text, const std::string& source) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return InvalidArgument(source + ": not a JSON object");
  OngoingEvent event;
  auto read_string = [&j](const char* key, std::string* out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return false;
    *out = it->get<std::string>();
    return true;
  };
  if (!read_string("command_id", &event.command_id) ||
      !read_string("deployment_id", &event.deployment_id) ||
      !read_string("group_id", &event.group_id) || !read_string("event", &event.event)) {
    return InvalidArgument(source +
                           ": command_id, deployment_id, group_id and event must be "
                           "strings");
  }
  auto started = j.find("started");
  if (started != j.end() && started->is_number_integer()) {
    event.started_ms = started->get<int64_t>();
  }
  return event;
}

}  // namespace berth::agent
