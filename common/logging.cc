#include "common/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include "common/log_line_formatter.h"

namespace berth {

Result<LogFormat> ParseLogFormat(const std::string& text) {
  if (text == "text") return LogFormat::kText;
  if (text == "json") return LogFormat::kJson;
  return InvalidArgument("log format \"" + text + "\" is neither text nor json");
}

void InitLogging(const LoggingOptions& options, spdlog::sink_ptr sink) {
  if (sink == nullptr) {
    // Colors only make sense for people reading text on a terminal.
    sink = options.format == LogFormat::kText
               ? std::static_pointer_cast<spdlog::sinks::sink>(
                     std::make_shared<spdlog::sinks::stderr_color_sink_mt>())
               : std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::never);
  }
  auto logger = std::make_shared<spdlog::logger>(options.component, std::move(sink));
  logger->set_formatter(
      std::make_unique<internal::LogLineFormatter>(options.format, options.fields));
  logger->set_level(spdlog::level::from_str(options.level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void LogWrite(spdlog::level::level_enum level, const LogFields& fields, std::string_view message) {
  internal::SetCurrentLogFields(&fields);
  spdlog::default_logger_raw()->log(level, spdlog::string_view_t(message.data(), message.size()));
  internal::SetCurrentLogFields(nullptr);
}

}  // namespace berth
