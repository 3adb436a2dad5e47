#include "agent/state/ongoing_event.h"

#include <nlohmann/json.hpp>

namespace berth::agent {

std::string OngoingEventToJson(const OngoingEvent& event) {
  nlohmann::json j = {
      {"command_id", event.command_id}, {"deployment_id", event.deployment_id},
      {"group_id", event.group_id},     {"event", event.event},
      {"started", event.started_ms},
  };
  if (event.ended) {
    const model::Diagnostics& d = event.diagnostics;
    j["outcome"] = {{"succeeded", event.succeeded},
                    {"error_code", d.error_code},
                    {"script_name", d.script_name},
                    {"message", d.message},
                    {"log_tail", d.log_tail}};
  }
  // Hook output is arbitrary bytes: invalid UTF-8 becomes U+FFFD rather than a throw.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
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
  auto outcome = j.find("outcome");
  if (outcome == j.end()) return event;
  nlohmann::json o = *outcome;
  auto succeeded = o.is_object() ? o.find("succeeded") : o.end();
  if (!o.is_object() || succeeded == o.end() || !succeeded->is_boolean()) {
    return InvalidArgument(source + ": outcome.succeeded must be a boolean");
  }
  event.ended = true;
  event.succeeded = succeeded->get<bool>();
  auto read_outcome = [&o](const char* key, std::string* out) {
    auto it = o.find(key);
    if (it != o.end() && it->is_string()) *out = it->get<std::string>();
  };
  read_outcome("error_code", &event.diagnostics.error_code);
  read_outcome("script_name", &event.diagnostics.script_name);
  read_outcome("message", &event.diagnostics.message);
  read_outcome("log_tail", &event.diagnostics.log_tail);
  return event;
}

}  // namespace berth::agent
