#include "common/log_line_formatter.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "common/text/log_quote.h"
#include "common/time_format.h"

namespace berth::internal {
namespace {

thread_local const LogFields* current_fields = nullptr;

// Calls fn(name, value) for each non-empty field, the line's own value before the
// process's.
template <typename Fn>
void ForEachField(const LogFields& line, const LogFields& process, Fn fn) {
  auto one = [&](const char* name, const std::string& mine, const std::string& base) {
    const std::string& value = mine.empty() ? base : mine;
    if (!value.empty()) fn(name, value);
  };
  one("deployment_id", line.deployment_id, process.deployment_id);
  one("instance", line.instance, process.instance);
  one("instance_id", line.instance_id, process.instance_id);
  one("lifecycle_event", line.lifecycle_event, process.lifecycle_event);
  one("command_id", line.command_id, process.command_id);
  one("application", line.application, process.application);
  one("deployment_group", line.deployment_group, process.deployment_group);
}

// Plain when it reads unambiguously after "name=", quoted otherwise.
std::string TextValue(const std::string& value) {
  for (char c : value) {
    if (c == ' ' || c == '"' || c == '=' || static_cast<unsigned char>(c) < 0x20) {
      return text::QuoteForLog(value);
    }
  }
  return value;
}

}  // namespace

const LogFields* CurrentLogFields() { return current_fields; }
void SetCurrentLogFields(const LogFields* fields) { current_fields = fields; }

LogLineFormatter::LogLineFormatter(LogFormat format, LogFields process_fields)
    : format_(format),
      process_fields_(std::move(process_fields)),
      text_("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v") {}

void LogLineFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  static const LogFields kNone;
  const LogFields& line = current_fields != nullptr ? *current_fields : kNone;
  const std::string message(msg.payload.data(), msg.payload.size());
  if (format_ == LogFormat::kText) {
    std::string payload = message;
    ForEachField(line, process_fields_, [&](const char* name, const std::string& value) {
      payload += std::string(" ") + name + "=" + TextValue(value);
    });
    spdlog::details::log_msg with_fields = msg;
    with_fields.payload = payload;
    text_.format(with_fields, dest);
    msg.color_range_start = with_fields.color_range_start;
    msg.color_range_end = with_fields.color_range_end;
    return;
  }
  const int64_t ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count();
  const auto level = spdlog::level::to_string_view(msg.level);
  nlohmann::ordered_json j = {
      {"time", FormatIsoMs(ms)},
      {"level", std::string(level.data(), level.size())},
      {"component", std::string(msg.logger_name.data(), msg.logger_name.size())},
      {"message", message}};
  ForEachField(line, process_fields_,
               [&](const char* name, const std::string& value) { j[name] = value; });
  // Bytes that are not UTF-8 (a hook's output, a peer's name) become U+FFFD, never a
  // broken line.
  std::string out = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  out += '\n';
  dest.append(out.data(), out.data() + out.size());
}

std::unique_ptr<spdlog::formatter> LogLineFormatter::clone() const {
  return std::make_unique<LogLineFormatter>(format_, process_fields_);
}

}  // namespace berth::internal
