// The spdlog formatter behind InitLogging (logging.h): a line as text or as one JSON
// object, with the process's fields and those of the LogWrite call being formatted.
//
// Internal to common/logging.cc.
#pragma once

#include <spdlog/formatter.h>
#include <spdlog/pattern_formatter.h>

#include <memory>

#include "common/logging.h"

namespace berth::internal {

// The fields of the LogWrite call running on this thread; null outside one. spdlog's
// loggers here are synchronous, so the formatter runs on the calling thread.
const LogFields* CurrentLogFields();
void SetCurrentLogFields(const LogFields* fields);

class LogLineFormatter : public spdlog::formatter {
 public:
  LogLineFormatter(LogFormat format, LogFields process_fields);
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

 private:
  LogFormat format_;
  LogFields process_fields_;
  spdlog::pattern_formatter text_;
};

}  // namespace berth::internal
