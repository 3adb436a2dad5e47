#include "common/config/log_flags.h"

namespace berth::config {

void AddLogFlags(CLI::App& app, LogFlags* flags) {
  app.add_option("--log-level", flags->level, "debug, info, warn or error")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
  app.add_option("--log-format", flags->format, "text, or json (one object a line)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

LoggingOptions ToLoggingOptions(const LogFlags& flags, std::string component, LogFields fields) {
  Result<LogFormat> format = ParseLogFormat(flags.format);
  return {.component = std::move(component),
          .level = flags.level,
          .format = format.ok() ? *format : LogFormat::kText,
          .fields = std::move(fields)};
}

}  // namespace berth::config
