// Process-wide logging (spdlog): text or one JSON object a line, and structured fields
// that both show (docs/operations.md "Logs"). Libraries may log through spdlog's default
// logger directly; their lines carry the process's fields only.
#pragma once

#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>

#include <string>
#include <string_view>
#include <utility>

#include "common/status.h"

namespace berth {

enum class LogFormat { kText, kJson };

// "text" or "json"; INVALID_ARGUMENT naming both otherwise.
Result<LogFormat> ParseLogFormat(const std::string& text);

// What a line is about, besides its message. Empty fields are left out. JSON: one member
// each, named as here; text: " name=value" after the message. A line about a deployment
// carries deployment_id, one about a host carries instance (its name).
struct LogFields {  // ({} so that call sites name only the fields they set)
  std::string deployment_id{};
  std::string instance{};
  std::string instance_id{};
  std::string lifecycle_event{};
  std::string command_id{};
  std::string application{};
  std::string deployment_group{};
};

struct LoggingOptions {
  std::string component;       // "controller", "agent": the logger's name
  std::string level = "info";  // debug, info, warn or error
  LogFormat format = LogFormat::kText;
  LogFields fields;  // on every line (the agent's own instance)
};

// Makes the default logger. `sink` null: stderr (colored on a terminal, in text).
// Text: "2026-12-02T01:02:03.456 info [agent] message deployment_id=d-X instance=web-1".
// JSON: {"time":"2026-12-02T01:02:03.456Z","level":"info","component":"agent",
// "message":"...","deployment_id":"d-X",...} (time in UTC).
void InitLogging(const LoggingOptions& options, spdlog::sink_ptr sink = nullptr);

// One line with fields. Thread-safe.
void LogWrite(spdlog::level::level_enum level, const LogFields& fields, std::string_view message);

template <typename... Args>
void LogAt(spdlog::level::level_enum level, const LogFields& fields,
           fmt::format_string<Args...> format, Args&&... args) {
  if (!spdlog::should_log(level)) return;
  LogWrite(level, fields, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void LogDebug(const LogFields& f, fmt::format_string<Args...> format, Args&&... args) {
  LogAt(spdlog::level::debug, f, format, std::forward<Args>(args)...);
}
template <typename... Args>
void LogInfo(const LogFields& f, fmt::format_string<Args...> format, Args&&... args) {
  LogAt(spdlog::level::info, f, format, std::forward<Args>(args)...);
}
template <typename... Args>
void LogWarn(const LogFields& f, fmt::format_string<Args...> format, Args&&... args) {
  LogAt(spdlog::level::warn, f, format, std::forward<Args>(args)...);
}
template <typename... Args>
void LogError(const LogFields& f, fmt::format_string<Args...> format, Args&&... args) {
  LogAt(spdlog::level::err, f, format, std::forward<Args>(args)...);
}

}  // namespace berth
